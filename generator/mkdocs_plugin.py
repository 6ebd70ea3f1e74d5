"""The mkdocs plugin: ``mkdocs build`` and ``mkdocs serve`` make the plan pages from ``plan/``.

The plugin loads and checks the plans, stops the build with every located problem when a plan
has errors, and adds the generated pages, the stylesheet and the subset fonts as virtual files
(mkdocs ``File.generated``): nothing is written into ``docs/``.  ``mkdocs serve`` watches the
plan folder, so editing a YAML file rebuilds the preview.  ``plansite build`` hands the plugin the
plans it already checked and the downloads the other steps wrote (:mod:`generator.site`).
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, time, timezone
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .fontcache import cache_dir
from .locale import get as get_locale
from .pipeline import CheckedPlan, check_all
from .problems import format_text, summary_line
from .site import downloads as dl
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
        self.checked: list[CheckedPlan] | None = None
        """Plans already checked by ``plansite build``; None makes the plugin load them."""
        self.downloads_root: Path | None = None
        """Where ``plansite build`` wrote ``pdf/`` and ``data/``; None for plain mkdocs."""
        self._saved_epoch: str | None = None
        self._set_epoch = False

    def _plans_dir(self, config) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (base / self.config.plans).resolve()

    def on_config(self, config):
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
        if self.checked is not None:
            return self.checked
        folder = self._plans_dir(config)
        plans = check_all([folder])
        if not plans:
            raise PluginError(f"plansite: no plans in {folder} (a plan is a folder holding "
                              "plan.yaml; `plansite new <id>` makes one)")
        problems = [p for cp in plans for p in cp.problems]
        if any(not cp.ok for cp in plans):
            raise PluginError("plansite: the plan has errors, so the site was not built:\n"
                              + format_text(problems) + f"\n{summary_line(problems)}")
        if problems:
            # plan warnings are reported, not build failures (strict mode fails on log warnings)
            log.info("plansite: %s\n%s", summary_line(problems), format_text(problems))
        return plans

    def _pin_build_date(self, plans: list[CheckedPlan]) -> None:
        """Same input, same bytes: the sitemap's dates come from the plans (their newest
        approval date) unless SOURCE_DATE_EPOCH is set."""
        if os.environ.get("SOURCE_DATE_EPOCH"):
            return
        dates = [cp.plan.header.approved_on for cp in plans if cp.plan is not None]
        if not dates:
            return
        moment = datetime.combine(max(dates), time(0), tzinfo=timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
        self._set_epoch = True

    def _unpin_build_date(self) -> None:
        if self._set_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._set_epoch = False

    def on_files(self, files: Files, config) -> Files:
        plans = self._load(config)
        self._pin_build_date(plans)
        ids = [cp.plan.id for cp in plans if cp.plan is not None]
        found = dl.find(self.downloads_root, ids)
        try:
            site = site_pages(plans, found, downloads_built=self.downloads_root is not None,
                              directory_urls=config.use_directory_urls)
        except ValueError as exc:
            raise PluginError(f"plansite: {exc}") from exc
        for page in site.pages:
            if page.src in files:
                raise PluginError(f"plansite: docs/{page.src} would hide a generated page; "
                                  "rename or remove it")
            files.append(File.generated(config, page.src, content=page.markdown))
        for d in found:
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
            cache = cache_dir(config.site_dir)
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

    def on_post_build(self, config):
        self._unpin_build_date()

    def on_build_error(self, error):
        self._unpin_build_date()

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
