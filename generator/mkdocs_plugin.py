"""The mkdocs plugin: ``mkdocs build`` and ``mkdocs serve`` make the plan pages from ``plan/``.

The plugin loads and checks the plans and makes their pages before mkdocs cleans ``site_dir``
(``on_pre_build``): a plan with errors stops the build with every located problem
(:class:`PlanErrors`) and the last good site stays in place.  It adds the generated pages, the
stylesheet and the subset fonts as virtual files (mkdocs ``File.generated``): nothing is written
into ``docs/``.  ``mkdocs serve`` watches the
plan folder, so editing a YAML file rebuilds the preview.  ``plansite build`` hands the plugin the
plans it already checked, the downloads the per-plan steps made, the build's moment and the font
cache folder, in one :class:`~generator.site.SiteInput` given to :meth:`PlanSitePlugin.use`
(:mod:`generator.site`); nothing else configures the plugin from outside.

The pages' dates (the sitemap's ``lastmod``, the gzipped sitemap's timestamp, the templates'
``build_date_utc``) are the build's moment, else the plans' newest approval date, set on each
page and template context; ``SOURCE_DATE_EPOCH``, when set, still wins (mkdocs reads it).  The
plugin never writes the environment.

Languages: one mkdocs site per language, declared in ``extra.alternate`` (material's list of
``name``, ``link``, ``lang``; a ``link`` is where that language's site lies from the root of the
whole site: ``/`` for Korean, ``/en/`` for English).  The site's language is its theme's
(``theme.language``); the plan pages are worded in it and the generated pages have the same
paths in every language.  Each page's language switch, its ``hreflang`` links and the sitemap's
``xhtml:link`` alternates point at the same page in the other languages (:meth:`alternates`):
relative links, or full addresses when ``site_url`` is set (the root's: a language under
``/en/`` adds ``en/`` to it).  A hand-written doc the other language lacks is linked to that
language's home.  The English docs are ``docs/en/`` (same paths as ``docs/``): an English page
missing there is the Korean one, shown under a note that it is not translated.  A plain
``mkdocs build`` or ``mkdocs serve`` of the root language builds every other language's site
after it, from ``mkdocs.<lang>.yml`` beside ``mkdocs.yml``, into ``<site_dir>/<lang>/``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from markupsafe import Markup

from .build import build_moment, check_source_date
from .errors import SetupError
from .fontcache import cache_dir
from .locale import LANGUAGES
from .locale import get as get_locale
from .pipeline import CheckedPlan, check_all
from .problems import format_text, summary_line
from .site import SiteInput
from .site import fonts
from .site.pages import site_pages
from .search import lunr as search_index

log = logging.getLogger("mkdocs.plugins.plansite")

HERE = Path(__file__).resolve().parent
THEME_DIR = HERE / "templates" / "site" / "theme"
STYLESHEET = HERE / "assets" / "site" / "plansite.css"
SEARCH_WORKER = HERE / "assets" / "site" / "search-worker.js"
WORKERS = "assets/javascripts/workers"
"""Material's search worker's folder: the site's worker lies beside it (Material's worker loads
its language files from there)."""
CHARTS_SCRIPT = HERE / "assets" / "site" / "charts.js"
"""Marks this month on the intranet site's schedule charts (:mod:`generator.charts.gantt`)."""
ASSET_DIR = "assets/plansite"

DOCS_ORDER = ("guide/writing.md", "guide/preview.md", "guide/printing.md")
"""The user guides, in the order a new plan officer reads them."""

SAFE_EXTENSIONS = {"toc", "attr_list", "tables", "admonition", "fenced_code", "def_list",
                   "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight"}
"""Markdown extensions the site may use.  The escaping of plan text
(:mod:`generator.mdescape`) is written for these; an extension that gives meaning to more
characters (``~``, ``^``, ``=``, ``:emoji:``, raw HTML in Markdown attributes) could turn plan
text into markup, so the plugin refuses it."""


class PageNav:
    """A page's menu: the site's navigation with other plans' menus left out (see
    :func:`own_plan_nav`); everything else is the site's navigation itself."""

    def __init__(self, nav, items: list):
        self._nav, self.items = nav, items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __getattr__(self, name):
        return getattr(self._nav, name)


def _menu_plan(item, plan_ids: set[str]) -> str | None:
    """The plan a menu section holds the pages of, if it is a plan's menu."""
    stack = [item]
    while stack:
        node = stack.pop()
        file = getattr(node, "file", None)
        if file is not None:
            head = file.src_uri.split("/", 1)[0]
            return head if head in plan_ids else None
        stack.extend(getattr(node, "children", None) or [])
    return None


def own_plan_nav(nav, page, plan_ids: set[str]):
    """The menu a page shows: every entry, but of the plans only the page's own (a plan page)
    or none (any other page: the home and organisation pages list every plan).  Each page's
    menu so stays as long as one plan's, and a site of many plans grows linearly with them
    instead of repeating every plan's menu on every page."""
    if not plan_ids:
        return nav
    own = page.file.src_uri.split("/", 1)[0] if page is not None and page.file else None
    items = [item for item in nav if _menu_plan(item, plan_ids) in (None, own)]
    return PageNav(nav, items)


class PlanErrors(PluginError):
    """The plans have errors, so the site is not built; mkdocs prints the message (every
    problem, located), and ``problems`` keeps them for the preview's problem page."""

    def __init__(self, message: str, problems: list) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Alternate:
    """One language's site, from ``extra.alternate``."""

    lang: str
    name: str
    root: str
    """Where its site lies from the root of the whole site: ``""`` or ``en/``."""


def alternates_of(config) -> list[Alternate]:
    """The languages of ``extra.alternate``; none when the site declares no alternates."""
    out = []
    for alt in (config.extra or {}).get("alternate") or []:
        link = str(alt.get("link", "")).strip()
        root = link.strip("/")
        out.append(Alternate(str(alt.get("lang", "")), str(alt.get("name", "")),
                             root + "/" if root else ""))
    return out


class PlanSiteConfig(Config):
    plans = c.Type(str, default="plan")
    """The folder of plans (or one plan folder), relative to mkdocs.yml."""
    subset_fonts = c.Type(bool, default=True)
    """Cut the web fonts down to the characters the site shows (False: ship them whole)."""
    search_exclude = c.Type(list, default=list(search_index.EXCLUDED))
    """Pages the search leaves out (patterns of page sources): the check reports and the
    reference by default.  They stay in the menu."""


class PlanSitePlugin(BasePlugin[PlanSiteConfig]):
    """Generates the plan pages of the site."""

    def __init__(self):
        super().__init__()
        self._input: SiteInput | None = None
        self._moment: datetime | None = None
        self.lang = "ko"
        self._alternates: list[Alternate] = []
        self._root = ""
        self._root_url: str | None = None
        self._pages_of: dict[str, set[str]] = {}
        self._fallback_docs: set[str] = set()
        self._command: str | None = None
        self._plan_of: dict[str, str] = {}
        self._site = None
        self._pages = None  # this build's kept pages (generator.site.pagecache), if any
        self._order: list[tuple[str, str]] = []
        self._kept: dict = {}  # page source → (its File, its Kept output)
        self._keys: dict[str, str] = {}  # page source → its key, for the pages rendered
        self._rendered: dict[str, str] = {}

    def use(self, site: SiteInput) -> None:
        """Build from what ``plansite build`` hands over (:class:`~generator.site.SiteInput`:
        the checked plans, the downloads, the build's moment, the font cache folder) instead of
        loading the plans.  The one way to configure the plugin from outside; plain ``mkdocs``
        never calls it."""
        if not isinstance(site, SiteInput):
            raise TypeError(f"plansite: use() takes a SiteInput, not {type(site).__name__}")
        self._input = site

    def _plans_dir(self, config) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (base / self.config.plans).resolve()

    def on_config(self, config):
        try:  # mkdocs dates every page from it: an empty or malformed one is refused first
            check_source_date(site=True)
        except SetupError as exc:
            raise PluginError(exc.format(get_locale("ko"))) from None
        extensions = [e if isinstance(e, str) else type(e).__module__
                      for e in config.markdown_extensions]
        unsafe = sorted(set(extensions) - SAFE_EXTENSIONS)
        if unsafe:
            raise PluginError(
                f"plansite: markdown extension(s) {', '.join(unsafe)} may turn plan text into "
                f"markup; the site allows only {', '.join(sorted(SAFE_EXTENSIONS))}")
        config.theme.dirs.insert(0, str(THEME_DIR))
        css = f"{ASSET_DIR}/plansite.css"
        if css not in config.extra_css:
            config.extra_css.insert(0, css)
        script = f"{ASSET_DIR}/{CHARTS_SCRIPT.name}"
        if self._audience != "public" and script not in config.extra_javascript:
            config.extra_javascript.append(script)
        self._languages(config)
        return config

    def _languages(self, config) -> None:
        """This site's language and where it lies; the whole site's address, if known."""
        self.lang = config.theme.get("language") or "ko"
        if self.lang not in LANGUAGES:
            raise PluginError(f"plansite: theme.language is {self.lang!r}; the plan pages are "
                              f"written in {', '.join(LANGUAGES)}")
        self._alternates = alternates_of(config)
        langs = [a.lang for a in self._alternates]
        if self._alternates and self.lang not in langs:
            raise PluginError(f"plansite: extra.alternate lists no site in {self.lang!r} (the "
                              f"theme's language); it lists {', '.join(langs)}")
        self._root = next((a.root for a in self._alternates if a.lang == self.lang), "")
        if self._input is not None and self._input.site_url is not None:
            config.site_url = self._input.site_url or None
        url = config.site_url
        if url:
            url = url if url.endswith("/") else url + "/"
            if self._root and url.endswith("/" + self._root):
                self._root_url = url[:-len(self._root)]
            else:
                self._root_url = url
                config.site_url = url + self._root
        else:
            self._root_url = None

    def _load(self, config) -> list[CheckedPlan]:
        if self._input is not None:
            return self._input.plans
        folder = self._plans_dir(config)
        plans = check_all([folder])
        if not plans:
            raise PluginError(f"plansite: no plans in {folder} (a plan is a folder holding "
                              "plan.yaml; `plansite new <id>` makes one)")
        problems = [p for cp in plans for p in cp.problems]
        ko = get_locale("ko")  # the plans' problems, as the site shows them
        if any(not cp.ok for cp in plans):
            raise PlanErrors("plansite: " + ko.gettext("the plan has errors, so the site was not "
                                                      "built:") + "\n"
                             + format_text(problems, ko) + f"\n{summary_line(problems, ko)}",
                             problems)
        if problems:
            # plan warnings are reported, not build failures (strict mode fails on log warnings)
            log.info("plansite: %s\n%s", summary_line(problems, ko), format_text(problems, ko))
        return plans

    def _build_moment(self, plans: list[CheckedPlan]) -> datetime | None:
        """Same input, same bytes: the pages' date is the build's moment (plain mkdocs: the
        plans' newest approval date); None when SOURCE_DATE_EPOCH is set (mkdocs then dates
        every page from it, as it always does)."""
        if os.environ.get("SOURCE_DATE_EPOCH"):
            return None
        if self._input is not None and self._input.moment is not None:
            return self._input.moment
        return build_moment(plans)

    def on_pre_build(self, config):
        """Check the plans and make the plan pages before mkdocs cleans ``site_dir``: a plan
        with errors stops ``mkdocs build`` and ``mkdocs serve`` with the last good site in
        place."""
        self._site = None
        plans = self._load(config)
        self._moment = self._build_moment(plans)
        self._plan_ids = {p.plan.id for p in plans if p.plan is not None}
        found = self._input.downloads if self._input is not None else []
        try:
            parts = None
            if self._input is not None and self._input.page_cache is not None:
                parts = Path(self._input.page_cache) / "parts"
            self._site = site_pages(plans, found, downloads_built=self._input is not None,
                                    directory_urls=config.use_directory_urls, lang=self.lang,
                                    root=self._root, audience=self._audience, parts=parts)
        except ValueError as exc:
            raise PluginError(f"plansite: {exc}") from exc

    @property
    def _audience(self) -> str:
        return self._input.audience if self._input is not None else "intranet"

    def on_files(self, files: Files, config) -> Files:
        site, audience = self._site, self._audience
        if site is None:
            raise PluginError("plansite: the plan pages were not made (on_pre_build did not run)")
        found = self._input.downloads if self._input is not None else []
        if audience == "public":  # the user docs are the staff's, not the public's
            for f in list(files.documentation_pages()):
                files.remove(f)
        for page in site.pages:
            if page.src in files:
                raise PluginError(f"plansite: docs/{page.src} would hide a generated page; "
                                  "rename or remove it")
            files.append(File.generated(config, page.src, content=page.markdown))
        for dest, data in site.files:  # the figures' images, in every language's site
            if dest in files:
                raise PluginError(f"plansite: docs/{dest} would hide a figure's image; "
                                  "rename or remove it")
            files.append(File.generated(config, dest, content=data))
        if not self._root:  # the downloads are kept once, at the root of the whole site
            for d in found:
                if d.content is not None:
                    files.append(File.generated(config, d.dest, content=d.content))
                else:
                    files.append(File.generated(config, d.dest, abs_src_path=str(d.src)))
        if audience != "public":
            self._add_untranslated_docs(files, config)
        else:
            self._fallback_docs = set()
        self._add_assets(files, config, site)
        config.nav = site.nav + self._docs_nav(files, site)
        self._plan_of = _plan_titles(site)
        self._pages_of = self._other_pages(config, {p.src for p in site.pages})
        if self._input is not None and self._input.progress is not None:
            self._input.progress.add_total(len(list(files.documentation_pages())))
        return files

    # -- kept pages (generator.site.pagecache) -------------------------------------------------
    def on_nav(self, nav, config, files):
        """Which generated pages are kept from an earlier build (the plans' pages, and the
        home, organisation and downloads pages too: their lists are in their Markdown, which
        is in the key): each gets its key
        (:meth:`~generator.site.pagecache.PageCache.key`); a page with an entry is not rendered
        (mkdocs' dirty build skips a page that is not modified) and is written from the entry
        after the build (:meth:`_write_kept`)."""
        self._order = [(f.src_uri, f.url) for f in files.documentation_pages()]
        self._kept, self._keys, self._rendered = {}, {}, {}
        self._pages = None
        if self._input is None or self._input.page_cache is None:
            return nav
        from .site.pagecache import PageCache
        self._pages = PageCache(Path(self._input.page_cache), self._input.frame or "",
                                self.lang, self._root)
        generated = {p.src for p in self._site.pages}
        for file in files.documentation_pages():
            page = file.page
            # a help page of docs/ is rendered every time: its menu title is its first heading,
            # which a page mkdocs skips would not have, and the other pages' menus show it
            if page is None or file.src_uri not in generated:
                continue
            key = self._pages.key(page, own_plan_nav(nav, page, self._plan_ids),
                                  self.alternates(page) if self._alternates else [])
            kept = self._pages.get(key)
            if kept is None:
                self._keys[file.src_uri] = key
                continue
            self._kept[file.src_uri] = (file, kept)
            file.is_modified = _unmodified
            if self._moment is not None:  # on_pre_page does not run for it
                page.update_date = self._moment.strftime("%Y-%m-%d")
        return nav

    @property
    def page_counts(self) -> tuple[int, int]:
        """The plan pages of the last build written from the page cache, and those rendered
        (0, 0 without a page cache)."""
        return len(self._kept), len(self._keys)

    def on_env(self, env, config, files):
        """With a page cache, the theme's templates are compiled once and kept beside it
        (Jinja's bytecode cache, keyed by each template's name and source)."""
        if self._input is not None and self._input.page_cache is not None:
            from jinja2 import FileSystemBytecodeCache
            folder = Path(self._input.page_cache) / "templates"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(folder))
            except OSError:
                pass
        return env

    def _write_kept(self) -> None:
        made: set[Path] = set()
        for file, kept in self._kept.values():
            dest = Path(file.abs_dest_path)
            if dest.parent not in made:  # each folder once: thousands of pages, few folders
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            dest.write_bytes(kept.html.encode("utf-8", errors="xmlcharrefreplace"))
            if self._input.progress is not None:
                self._input.progress.step()

    def _spliced(self, docs: list) -> list:
        """The search index's entries in page order, each kept page's entries in its place,
        and the rendered pages' entries kept for the next build."""
        from .site.pagecache import Kept
        by_url: dict[str, list] = {}
        for entry in docs:
            by_url.setdefault(entry.get("location", "").split("#", 1)[0], []).append(entry)
        out = []
        for src, url in self._order:
            url = "" if url == "./" else url  # the home page's entries are at "" and "#…"
            if src in self._kept:
                out += self._kept[src][1].entries
                continue
            entries = by_url.pop(url, [])
            out += entries
            if src in self._keys and src in self._rendered:
                self._pages.put(self._keys[src], Kept(self._rendered[src], entries))
        self._pages.flush()
        for rest in by_url.values():  # none: every entry is some page's
            out += rest
        return out

    # -- languages ---------------------------------------------------------------------------
    def _docs_dirs(self, config) -> dict[str, Path]:
        """Each language's hand-written docs: the root language's ``docs_dir``, and
        ``<that>/<lang>/`` for a language under ``/<lang>/``."""
        here = Path(config.docs_dir)
        base = here.parent if self._root and here.name == self._root.strip("/") else here
        return {a.lang: base / a.root.strip("/") if a.root else base
                for a in self._alternates}

    def _doc_pages(self, folder: Path, skip: set[str]) -> set[str]:
        """The Markdown pages under folder (paths from it), leaving out the other languages'
        folders inside it."""
        if not folder.is_dir():
            return set()
        out = set()
        for path in folder.rglob("*.md"):
            rel = path.relative_to(folder).as_posix()
            if rel.split("/", 1)[0] not in skip:
                out.add(rel)
        return out

    def _other_pages(self, config, generated: set[str]) -> dict[str, set[str]]:
        """The pages each other language's site has (generated ones, its docs and, for a
        language under the root, the root's docs it shows untranslated)."""
        dirs = self._docs_dirs(config)
        subfolders = {a.root.strip("/") for a in self._alternates if a.root}
        root_docs = next((self._doc_pages(dirs[a.lang], subfolders)
                          for a in self._alternates if not a.root), set())
        out = {}
        for alt in self._alternates:
            if alt.lang == self.lang:
                continue
            docs = self._doc_pages(dirs[alt.lang], subfolders if not alt.root else set())
            out[alt.lang] = generated | docs | (root_docs if alt.root else set())
        return out

    def _add_untranslated_docs(self, files: Files, config) -> None:
        """A language under the root shows the root's docs it has no page for, in Korean under
        a note (:meth:`on_page_content`), so every page has its counterpart."""
        self._fallback_docs = set()
        if not self._root or not self._alternates:
            return
        root_lang = next((a.lang for a in self._alternates if not a.root), None)
        if root_lang is None:
            return
        folder = self._docs_dirs(config)[root_lang]
        subfolders = {a.root.strip("/") for a in self._alternates if a.root}
        for src in sorted(self._doc_pages(folder, subfolders)):
            if src in files:
                continue
            files.append(File.generated(config, src, abs_src_path=str(folder / src)))
            self._fallback_docs.add(src)

    def on_page_markdown(self, markdown, page, config, files):
        """Material's search reads from the page's meta whether it searches the page and how
        it ranks it (:func:`generator.search.lunr.page_search_meta`)."""
        src = page.file.src_uri
        meta = search_index.page_search_meta(src, src in self._plan_of,
                                             tuple(self.config.search_exclude))
        if meta:
            page.meta["search"] = {**(page.meta.get("search") or {}), **meta}
        return markdown

    def on_page_content(self, html, page, config, files):
        if page.file.src_uri in self._fallback_docs:
            loc = get_locale(self.lang)
            note = Markup('<p class="ps-translation">{}</p>').format(
                loc.gettext("This page is not translated yet; it is shown in Korean."))
            page.title = str(Markup('<span class="ps-untranslated" lang="ko">{}</span>').format(
                page.title or ""))

            def korean(items):
                for item in items:
                    item.title = f'<span lang="ko">{item.title}</span>'
                    korean(item.children)
            korean(page.toc)
            return f'{note}\n<div lang="ko" class="ps-untranslated-page">\n{html}\n</div>'
        if get_locale(self.lang).translates:
            _marked_toc(html, page.toc)
        return html

    def _href(self, target: str, page_path: str) -> str:
        """A link to target (a path from the root of the whole site) from the page at
        page_path (its path from the same root): a full address when site_url is set."""
        if self._root_url:
            return self._root_url + target
        up = "../" * page_path.count("/")
        return (up + target) or "./"

    def alternates(self, page) -> list[dict]:
        """The page in every language: ``lang``, ``name``, ``href`` (from this page),
        ``current``; a doc another language lacks is linked to that language's home."""
        url = page.url
        here = self._root + url
        out = []
        for alt in self._alternates:
            current = alt.lang == self.lang
            exists = current or page.file.src_uri in self._pages_of.get(alt.lang, set())
            out.append({"lang": alt.lang, "name": alt.name, "current": current,
                        "href": self._href(alt.root + (url if exists else ""), here),
                        "same_page": exists, "default": not alt.root})
        return out

    def _sitemap(self, pages) -> list[dict]:
        """Every page of this site for the sitemap: its address and its alternates (full
        addresses with site_url, else paths from the root of the whole site)."""
        out = []
        for file in pages:
            page = file.page
            if page is None or page.is_link:
                continue
            alts = []
            for alt in self._alternates:
                exists = alt.lang == self.lang \
                    or file.src_uri in self._pages_of.get(alt.lang, set())
                if exists:
                    alts.append((alt.lang, self._address(alt.root + page.url)))
            out.append({"loc": self._address(self._root + page.url),
                        "lastmod": page.update_date, "alternates": alts})
        return out

    def _address(self, target: str) -> str:
        return (self._root_url or "/") + target

    def _add_assets(self, files: Files, config, site) -> None:
        files.append(File.generated(config, f"{ASSET_DIR}/plansite.css",
                                    content=STYLESHEET.read_bytes()))
        worker = _material_worker(config)
        if worker is not None:
            files.append(File.generated(
                config, f"{WORKERS}/plansite-search.js",
                content=f"var MATERIAL_WORKER = {json.dumps(worker)}\n"
                        + SEARCH_WORKER.read_text(encoding="utf-8")))
        if self._audience != "public":
            files.append(File.generated(config, f"{ASSET_DIR}/{CHARTS_SCRIPT.name}",
                                        content=CHARTS_SCRIPT.read_bytes()))
        if self.config.subset_fonts:
            texts = [p.markdown for p in site.pages] + [p.title for p in site.pages]
            texts += [f.content_string for f in files.documentation_pages()
                      if f.generated_by is None]
            texts += [config.site_name or "", config.copyright or "", _theme_labels(config)]
            chars = fonts.characters(*texts)
            cache = self._font_cache(config)
            data = {font.file: fonts.subset(font, chars, cache) for font in fonts.FONTS}
        else:
            data = {font.file: fonts.full(font) for font in fonts.FONTS}
        for name, content in data.items():
            files.append(File.generated(config, f"{ASSET_DIR}/fonts/{name}", content=content))
        files.append(File.generated(config, f"{ASSET_DIR}/fonts/{fonts.LICENCE}",
                                    content=fonts.licence()))

    def _docs_nav(self, files: Files, site) -> list:
        """The user docs (pages written by hand in docs/) under 도움말: the guides in reading
        order (:data:`DOCS_ORDER`), then every other page in path order."""
        generated = {p.src for p in site.pages}
        docs = [f.src_uri for f in files.documentation_pages()
                if f.src_uri not in generated
                and (f.generated_by is None or f.src_uri in self._fallback_docs)]
        rank = {src: i for i, src in enumerate(DOCS_ORDER)}
        docs.sort(key=lambda src: (rank.get(src, len(rank)), src))
        return [{get_locale(self.lang).gettext("Help"): docs}] if docs else []

    def _font_cache(self, config) -> Path:
        if self._input is not None and self._input.font_cache is not None:
            return Path(self._input.font_cache)
        return cache_dir(Path(config.site_dir).parent)

    def on_pre_page(self, page, config, files):
        if self._moment is not None:  # what the sitemap and its gzip timestamp show
            page.update_date = self._moment.strftime("%Y-%m-%d")
        return page

    def on_page_context(self, context, page, config, nav):
        context["nav"] = own_plan_nav(nav, page, getattr(self, "_plan_ids", set()))
        if self._moment is not None:
            context["build_date_utc"] = self._moment
        if self._alternates:
            context["plansite_alternates"] = self.alternates(page)
        return context

    def on_template_context(self, context, template_name, config):
        if self._moment is not None:  # sitemap.xml, 404.html
            context["build_date_utc"] = self._moment
        if template_name == "sitemap.xml":
            context["plansite_sitemap"] = self._sitemap(context.get("pages") or [])
            context["plansite_full_urls"] = self._root_url is not None
            context["quoteattr"] = quoteattr
        return context

    def on_post_page(self, output, page, config):
        """One page written: counted on the build's progress line (``plansite build`` on a
        terminal)."""
        if self._input is not None and self._input.progress is not None:
            self._input.progress.step()
        if page.file.src_uri in self._keys:
            self._rendered[page.file.src_uri] = output
        return output

    def on_startup(self, command, dirty):
        self._command = command

    def on_shutdown(self):
        """Forget what this build was handed (:meth:`use`): mkdocs keeps a plugin with
        ``on_startup`` for the rest of the process, and hands the same instance to every config
        it loads, so a later plain build in this process would build the old plans instead of
        loading its own."""
        self._input = None

    def on_post_build(self, config):
        """The search index gets the Korean terms of its pages (:mod:`generator.search`); a
        plain ``mkdocs build``/``serve`` of the root language builds the other languages'
        sites after it (``plansite build`` builds each itself)."""
        pages = self._pages
        if pages is not None:
            self._write_kept()
        index_file = Path(config.site_dir) / search_index.INDEX
        if index_file.is_file():
            from .search import site_terms
            tags = {_page_url(src, config.use_directory_urls): [title]
                    for src, title in self._plan_of.items() if src.count("/") > 1
                    or not src.endswith("/index.md")}  # a plan's own page: its title
            index = json.loads(index_file.read_text(encoding="utf-8"))
            search_index.index_terms(index, site_terms(), tags)
            if pages is not None:
                index["docs"] = self._spliced(index["docs"])
            search_index.write_index(Path(config.site_dir), index)
        elif pages is not None:
            self._spliced([])
        if self._input is not None or self._root or not config.config_file_path:
            return
        here = Path(config.config_file_path)
        for alt in self._alternates:
            if not alt.root:
                continue
            other = here.with_name(f"{here.stem}.{alt.lang}{here.suffix}")
            if not other.is_file():
                log.info("plansite: no %s, so the %s site was not built", other.name, alt.lang)
                continue
            build_language(other, Path(config.site_dir) / alt.root, self._command or "build")

    def on_serve(self, server, config, builder):
        server.watch(str(self._plans_dir(config)))
        if config.config_file_path:  # the other languages' configs, built after this one
            here = Path(config.config_file_path)
            for alt in self._alternates:
                other = here.with_name(f"{here.stem}.{alt.lang}{here.suffix}")
                if alt.root and other.is_file():
                    server.watch(str(other))
        return server


def _unmodified() -> bool:
    """A kept page's :meth:`File.is_modified`: mkdocs' dirty build does not render it."""
    return False


def build_language(config_file: Path, site_dir: Path, command: str = "build",
                   site: SiteInput | None = None) -> tuple[int, int]:
    """Build one language's site from its config file into site_dir; returns its plan pages
    kept and rendered (:attr:`PlanSitePlugin.page_counts`)."""
    from mkdocs.config import load_config
    config = load_config(str(config_file), site_dir=str(site_dir))
    if site is not None:
        config.plugins["plansite"].use(site)
    return run_build(config, command, reuse=site is not None and site.page_cache is not None)


def run_build(config, command: str = "build", reuse: bool = False) -> tuple[int, int]:
    """One mkdocs build of a loaded config, its plugins started and shut down; with ``reuse``,
    a dirty build that writes the kept plan pages instead of rendering them
    (:mod:`generator.site.pagecache`).  Returns the plan pages kept and rendered."""
    from mkdocs.commands.build import build
    config.plugins.on_startup(command=command, dirty=False)
    try:
        with quiet_dirty_warning(reuse):
            build(config, dirty=reuse)
    finally:
        config.plugins.on_shutdown()
    return config.plugins["plansite"].page_counts


class _NoDirtyWarning(logging.Filter):
    def filter(self, record) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def quiet_dirty_warning(active: bool):
    """While a build reuses kept pages (mkdocs' ``dirty`` build, into an empty site folder and
    with only the pages that changed counted as modified: :mod:`generator.site.pagecache`),
    mkdocs' warning that a dirty build may leave stale menus is not said: the kept pages are
    keyed by their menus, so it does not apply (and strict mode would count it)."""
    if not active:
        yield
        return
    logger, quiet = logging.getLogger("mkdocs.commands.build"), _NoDirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_BADGE = re.compile(r'<span class="ps-badge">.*?</span></span>', re.S)


def _marked_toc(html: str, toc) -> None:
    """The table of contents shows a heading's Korean inside its ``lang="ko"`` span (mkdocs
    gives it the heading's text without markup), without the badge (the span's style marks
    it)."""
    marked = {m.group(2): _BADGE.sub("", m.group(3)).strip() for m in _HEADING.finditer(html)
              if 'lang="' in m.group(3)}
    if not marked:
        return

    def walk(items):
        for item in items:
            if item.id in marked:
                item.title = marked[item.id]
            walk(item.children)
    walk(toc)


def _plan_titles(site) -> dict[str, str]:
    """The plan each generated plan page belongs to: page source → the plan's title (as its
    menu shows it, plain text).  A plan is a folder of the site with a budget page."""
    ids = {p.src.split("/", 1)[0] for p in site.pages
           if p.src.count("/") == 1 and p.src.endswith("/budget.md")}
    titles = {p.src.split("/", 1)[0]: str(p.title) for p in site.pages
              if p.src.count("/") == 1 and p.src.endswith("/index.md")
              and p.src.split("/", 1)[0] in ids}
    return {p.src: titles[p.src.split("/", 1)[0]] for p in site.pages
            if p.src.split("/", 1)[0] in titles}


def _page_url(src: str, directory_urls: bool) -> str:
    from .site.pages import page_url
    return page_url(src, directory_urls)


def _material_worker(config) -> str | None:
    """The file name of Material's search worker (it carries a hash), from the theme."""
    for folder in config.theme.dirs:
        found = sorted((Path(folder) / WORKERS).glob("search.*.min.js"))
        if found:
            return found[0].name
    return None


def _theme_labels(config) -> str:
    """The theme's interface strings for the site language (so the fonts can show them)."""
    for folder in config.theme.dirs:
        path = Path(folder) / "partials" / "languages" / f"{config.theme.get('language', 'en')}.html"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


__all__ = ["PlanErrors", "PlanSitePlugin", "SAFE_EXTENSIONS"]
