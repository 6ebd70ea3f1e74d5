"""The intranet site: Markdown pages from the plans, built by mkdocs with the plansite plugin.

:func:`build_site` is the site step of ``plansite build``; :func:`serve` is ``plansite serve``.
Both use the repository's ``mkdocs.yml``, so ``mkdocs build`` and ``mkdocs serve`` give the same
site.  The site step is the only step that sees every plan; everything it is given comes in one
:class:`SiteInput`, handed to the mkdocs plugin through
:meth:`~generator.mkdocs_plugin.PlanSitePlugin.use`.
"""

from __future__ import annotations

import logging
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from pathlib import Path

from ..errors import SetupError
from ..locale.words import Words
from ..pipeline import CheckedPlan
from .downloads import Download

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class SiteInput:
    """What ``plansite build`` hands the site step, whole: the one way the mkdocs plugin is
    configured from outside (:meth:`~generator.mkdocs_plugin.PlanSitePlugin.use`).  A plain
    ``mkdocs build`` has none, and the plugin loads the plans itself."""

    plans: list[CheckedPlan]
    """The plans, already checked."""
    downloads: list[Download] = field(default_factory=list)
    """The files to offer for download, in the order listed (the PDFs, then the data)."""
    moment: datetime | None = None
    """The build's moment: the date the sitemap gives every page (``SOURCE_DATE_EPOCH``, when
    set, still wins).  None: the plans' newest approval date."""
    font_cache: Path | None = None
    """The folder of decoded fonts and web-font subsets.  None: ``$PLANSITE_CACHE/fonts``, else
    ``.cache/fonts`` beside the site folder."""
    site_url: str | None = None
    """The address the whole site is published at, instead of ``mkdocs.yml``'s ``site_url``
    (``""``: none, links relative).  None: as ``mkdocs.yml`` says."""
    audience: str = "intranet"
    """Whose site it is: the ``intranet`` (every plan whole, its checks, the user docs) or the
    ``public`` (the public projections only: no 비공개 plan, no internal part, no check report,
    no user docs)."""
    progress: object | None = None
    """A :class:`~generator.progress.Progress` counting the pages written (every language's),
    or None."""
    page_cache: Path | None = None
    """The folder of kept plan pages (:mod:`.pagecache`): a plan page whose inputs are
    unchanged is written from it instead of rendered.  None: every page is rendered."""
    frame: str | None = None
    """The site's :func:`frame_key`, set by :func:`build_site` for its language builds."""
    jobs: int = 1
    """Processes for the site's languages: from 2, the other languages are built in a process
    of their own while the root language is built (:mod:`.beside`)."""


def _repository_root(near: list[Path | str]) -> Path | None:
    """A folder holding mkdocs.yml: above one of the paths named, else the checkout this package
    runs from (an editable install)."""
    for path in [*near, Path(__file__)]:
        path = Path(path).resolve()
        for folder in [path, *path.parents]:
            if (folder / CONFIG_FILE).is_file():
                return folder
    return None


def require_config(needed_by: str | None = None, near: list[Path | str] = ()) -> Path:
    """``mkdocs.yml`` in the working folder, or a :class:`SetupError` saying where to run from
    (the repository root above one of the paths in ``near``, if there is one)."""
    config = Path(CONFIG_FILE)
    if config.is_file():
        return config
    root = _repository_root(list(near))
    if root is not None:
        hint = Words("run plansite from the repository root (the folder holding {config}), "
                     "e.g. cd {root}", config=CONFIG_FILE, root=shlex.quote(str(root)))
    else:
        hint = Words("run plansite from the repository root (the folder holding {config})",
                     config=CONFIG_FILE)
    raise SetupError(Words("no {config} in this folder; {needed_by} needs it", config=CONFIG_FILE,
                           needed_by=needed_by or Words("the site step")), hint=hint,
                     where=Path.cwd())


class _Collected(logging.Handler):
    """The messages mkdocs logs while it reads a config (it logs what is wrong, then aborts)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record) -> None:
        self.messages.append(record.getMessage())


def load_checked(config_file: Path | str, **overrides):
    """The config (with ``overrides``, as mkdocs' ``load_config`` takes them), or a
    :class:`SetupError` at its file with what mkdocs found wrong, in one line."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    logger = logging.getLogger("mkdocs")
    collected, propagate = _Collected(), logger.propagate
    logger.addHandler(collected)
    logger.propagate = False  # said once, in the error below
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as exc:
        found = collected.messages or [exc.format_message()]
        raise SetupError(Words("cannot be read as a site configuration: {error}",
                               error=" ".join("; ".join(found).split())),
                         hint=Words("correct {config}; the site is built from it",
                                    config=config_file),
                         where=config_file) from None
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate


def check_configs(near: list[Path | str] = ()) -> None:
    """``mkdocs.yml`` in the working folder and every other language's config beside it can be
    read by mkdocs (their folders exist, their values are valid), or a located
    :class:`SetupError`: checked before a build writes anything."""
    config = load_checked(require_config(near=near))
    for _, other in language_configs(config):
        load_checked(other)


def _config(out: Path | None = None, **overrides):
    from mkdocs.config import load_config
    require_config()
    if out is not None:
        overrides["site_dir"] = str(out)
    return load_config(CONFIG_FILE, **overrides)


def language_configs(config) -> list[tuple[str, Path]]:
    """The site of each language beside the root one: ``(where it lies, its config file)``,
    from ``extra.alternate`` of the root config and ``mkdocs.<lang>.yml`` beside it."""
    from ..mkdocs_plugin import alternates_of
    config_file = Path(config.config_file_path)
    out = []
    for alt in alternates_of(config):
        other = config_file.with_name(f"{config_file.stem}.{alt.lang}{config_file.suffix}")
        if alt.root and other.is_file():
            out.append((alt.root, other))
    return out


@lru_cache(maxsize=1)
def _environment() -> tuple[str, ...]:
    """Every installed distribution as ``name==version``, sorted: mkdocs, its theme, its
    Markdown extensions and whatever else shapes a page."""
    from importlib import metadata
    return tuple(sorted({f"{(d.metadata['Name'] or '').lower()}=={d.version}"
                         for d in metadata.distributions()}))


def _keyed(label: bytes):
    """A sha256 begun with label, and the function that adds a named item to it."""
    import hashlib
    from ..digest import framed
    h = hashlib.sha256(label)
    return h, lambda name, data: framed(h, name.encode("utf-8"), data)


def frame_key(site: SiteInput) -> str:
    """sha256 of what every page of a site build is made from, the plans aside: the generator
    (its files and pins), every installed library's version, the mkdocs configs
    (``mkdocs*.yml``), every file of the docs folder and of the theme's ``custom_dir``, the
    build's moment, ``SOURCE_DATE_EPOCH``, the site address and the audience."""
    import os
    from ..digest import generator_digest
    config = _config()
    h, add = _keyed(b"plansite-site-frame-1\0")
    add("generator", generator_digest().encode("ascii"))
    for line in _environment():
        add("dist", line.encode("utf-8"))
    config_file = Path(config.config_file_path)
    for f in sorted(config_file.parent.glob("mkdocs*.yml")):
        add("config\0" + f.name, f.read_bytes())
    folders = [("docs", Path(config.docs_dir))]
    custom = config.theme.custom_dir if hasattr(config.theme, "custom_dir") else None
    if custom:
        folders.append(("theme", Path(custom)))
    for label, folder in folders:
        for f in sorted((f for f in folder.rglob("*") if f.is_file()),
                        key=lambda f: f.relative_to(folder).as_posix()):
            add(f"{label}\0{f.relative_to(folder).as_posix()}", f.read_bytes())
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    for name, value in (("moment", site.moment.isoformat() if site.moment else ""),
                        ("epoch", "unset" if epoch is None else "set:" + epoch),
                        ("site_url", "default" if site.site_url is None else "set:" + site.site_url),
                        ("audience", site.audience)):
        add(name, value.encode("utf-8"))
    return h.hexdigest()


def site_key(site: SiteInput) -> str:
    """sha256 of everything a site build reads: its frame (:func:`frame_key`), each plan's
    input digest in order and the downloads offered (name, plan, size: their bytes follow from
    the digests).  The same key, the same site: :func:`generator.build` carries the published
    site over instead of rebuilding it."""
    from ..digest import input_digest
    h, add = _keyed(b"plansite-site-2\0")
    add("frame", frame_key(site).encode("ascii"))
    for plan in site.plans:
        add("plan", input_digest(getattr(plan, "checked", plan)).encode("ascii"))
    for d in site.downloads:
        add("download", f"{d.dest}\0{d.plan_id}\0{d.size}".encode("utf-8"))
    return h.hexdigest()


def build_site(site: SiteInput, out: Path) -> tuple[int, int]:
    """Write the whole site into out, from what the build hands over: the checked plans, and
    the downloads (added under the site's ``downloads/`` and listed on its downloads page).
    The Korean site is at the root of out, every other language's under its folder
    (``en/``), each built from its own config (``mkdocs.en.yml``), beside the Korean one when
    ``site.jobs`` allows (:mod:`.beside`).  Returns the plan pages
    written from the page cache and those rendered, every language's."""
    from dataclasses import replace
    from ..mkdocs_plugin import build_language, run_build
    from .beside import start
    out = Path(out)
    if site.page_cache is not None and site.frame is None:
        site = replace(site, frame=frame_key(site))
    config = _config(out)
    config.plugins["plansite"].use(site)
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    handler = logging.StreamHandler()  # mkdocs' own errors reach the user, not only its exit code
    handler.setFormatter(logging.Formatter("site: %(levelname)s: %(message)s"))
    log.addHandler(handler)
    others = language_configs(config)
    beside = start(others, out, site)
    try:
        try:
            kept, rendered = run_build(config, reuse=site.page_cache is not None)
        except BaseException:
            if beside is not None:
                beside.stop()
            raise
        if beside is not None:
            more = beside.wait()
            kept, rendered = kept + more[0], rendered + more[1]
        else:
            for root, config_file in others:
                more = build_language(config_file, out / root, site=site)
                kept, rendered = kept + more[0], rendered + more[1]
    finally:
        log.removeHandler(handler)
        if site.progress is not None:
            site.progress.close()
    return kept, rendered


def serve(dev_addr: str) -> int:
    """Preview the site with live reload; plan/ and docs/ are watched, and while a plan is
    broken every page shows its problems (:mod:`.preview`).  Returns on Ctrl-C."""
    from .preview import serve as preview
    require_config("plansite serve")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    return preview(CONFIG_FILE, dev_addr)
