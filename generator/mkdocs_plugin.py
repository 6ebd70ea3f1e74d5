"""The mkdocs plugin: ``mkdocs build`` and ``mkdocs serve`` make the plan pages from ``plan/``.

The plugin loads and checks the plans, stops the build with every located problem when a plan
has errors, and adds the generated pages, the stylesheet and the subset fonts as virtual files
(mkdocs ``File.generated``): nothing is written into ``docs/``.  ``mkdocs serve`` watches the
plan folder, so editing a YAML file rebuilds the preview.  ``plansite build`` hands the plugin the
plans it already checked, the downloads the per-plan steps made, the build's moment and the font
cache folder, in one :class:`~generator.site.SiteInput` given to :meth:`PlanSitePlugin.use`
(:mod:`generator.site`); nothing else configures the plugin from outside.

The pages' dates (the sitemap's ``lastmod``, the gzipped sitemap's timestamp, the templates'
``build_date_utc``) are the build's moment, else the plans' newest approval date, set on each
page and template context; ``SOURCE_DATE_EPOCH``, when set, still wins (mkdocs reads it).  The
plugin never writes the environment.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .build import build_moment
from .fontcache import cache_dir
from .locale import get as get_locale
from .pipeline import CheckedPlan, check_all
from .problems import format_text, summary_line
from .site import SiteInput
from .site import fonts
from .site.pages import site_pages

log = logging.getLogger("mkdocs.plugins.plansite")

HERE = Path(__file__).resolve().parent
THEME_DIR = HERE / "templates" / "site" / "theme"
STYLESHEET = HERE / "assets" / "site" / "plansite.css"
ASSET_DIR = "assets/plansite"

DOCS_ORDER = ("guide/writing.md", "guide/preview.md", "guide/printing.md")
"""The user guides, in the order a new plan officer reads them."""

SAFE_EXTENSIONS = {"toc", "attr_list", "tables", "admonition", "fenced_code", "def_list",
                   "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight"}
"""Markdown extensions the site may use.  The escaping of plan text
(:mod:`generator.mdescape`) is written for these; an extension that gives meaning to more
characters (``~``, ``^``, ``=``, ``:emoji:``, raw HTML in Markdown attributes) could turn plan
text into markup, so the plugin refuses it."""


class PlanSiteConfig(Config):
    plans = c.Type(str, default="plan")
    """The folder of plans (or one plan folder), relative to mkdocs.yml."""
    subset_fonts = c.Type(bool, default=True)
    """Cut the web fonts down to the characters the site shows (False: ship them whole)."""


class PlanSitePlugin(BasePlugin[PlanSiteConfig]):
    """Generates the plan pages of the site."""

    def __init__(self):
        super().__init__()
        self._input: SiteInput | None = None
        self._moment: datetime | None = None

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
        if os.environ.get("SOURCE_DATE_EPOCH") == "":
            # mkdocs reads it for every page's date and cannot read an empty value
            raise PluginError("plansite: SOURCE_DATE_EPOCH is set but empty; unset it, or set "
                              "it to whole seconds since 1970")
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
        return config

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
            raise PluginError("plansite: " + ko.gettext("the plan has errors, so the site was not "
                                                        "built:") + "\n"
                              + format_text(problems, ko) + f"\n{summary_line(problems, ko)}")
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

    def on_files(self, files: Files, config) -> Files:
        plans = self._load(config)
        self._moment = self._build_moment(plans)
        found = self._input.downloads if self._input is not None else []
        try:
            site = site_pages(plans, found, downloads_built=self._input is not None,
                              directory_urls=config.use_directory_urls)
        except ValueError as exc:
            raise PluginError(f"plansite: {exc}") from exc
        for page in site.pages:
            if page.src in files:
                raise PluginError(f"plansite: docs/{page.src} would hide a generated page; "
                                  "rename or remove it")
            files.append(File.generated(config, page.src, content=page.markdown))
        for d in found:
            if d.content is not None:
                files.append(File.generated(config, d.dest, content=d.content))
            else:
                files.append(File.generated(config, d.dest, abs_src_path=str(d.src)))
        self._add_assets(files, config, site)
        config.nav = site.nav + self._docs_nav(files, site)
        return files

    def _add_assets(self, files: Files, config, site) -> None:
        files.append(File.generated(config, f"{ASSET_DIR}/plansite.css",
                                    content=STYLESHEET.read_bytes()))
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

    @staticmethod
    def _docs_nav(files: Files, site) -> list:
        """The user docs (pages written by hand in docs/) under 도움말: the guides in reading
        order (:data:`DOCS_ORDER`), then every other page in path order."""
        generated = {p.src for p in site.pages}
        docs = [f.src_uri for f in files.documentation_pages()
                if f.src_uri not in generated and f.generated_by is None]
        rank = {src: i for i, src in enumerate(DOCS_ORDER)}
        docs.sort(key=lambda src: (rank.get(src, len(rank)), src))
        return [{get_locale("ko").gettext("Help"): docs}] if docs else []

    def _font_cache(self, config) -> Path:
        if self._input is not None and self._input.font_cache is not None:
            return Path(self._input.font_cache)
        return cache_dir(Path(config.site_dir).parent)

    def on_pre_page(self, page, config, files):
        if self._moment is not None:  # what the sitemap and its gzip timestamp show
            page.update_date = self._moment.strftime("%Y-%m-%d")
        return page

    def on_page_context(self, context, page, config, nav):
        if self._moment is not None:
            context["build_date_utc"] = self._moment
        return context

    def on_template_context(self, context, template_name, config):
        if self._moment is not None:  # sitemap.xml, 404.html
            context["build_date_utc"] = self._moment
        return context

    def on_serve(self, server, config, builder):
        server.watch(str(self._plans_dir(config)))
        return server


def _theme_labels(config) -> str:
    """The theme's interface strings for the site language (so the fonts can show them)."""
    for folder in config.theme.dirs:
        path = Path(folder) / "partials" / "languages" / f"{config.theme.get('language', 'en')}.html"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


__all__ = ["PlanSitePlugin", "SAFE_EXTENSIONS"]
