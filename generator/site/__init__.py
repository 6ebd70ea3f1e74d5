"""The intranet site: Markdown pages from the plans, built by mkdocs with the plansite plugin.

:func:`build_site` is the site step of ``plansite build``; :func:`serve` is ``plansite serve``.
Both use the repository's ``mkdocs.yml``, so ``mkdocs build`` and ``mkdocs serve`` give the same
site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..pipeline import CheckedPlan

CONFIG_FILE = "mkdocs.yml"


def _config(out: Path | None = None, **overrides):
    from mkdocs.config import load_config
    if not Path(CONFIG_FILE).is_file():
        raise FileNotFoundError(f"{CONFIG_FILE} not found in {Path.cwd()}: build the site from "
                                "the repository root")
    if out is not None:
        overrides["site_dir"] = str(out)
    return load_config(CONFIG_FILE, **overrides)


def build_site(plans: list[CheckedPlan], out: Path) -> None:
    """Write the whole site into out, from plans already checked.

    The PDFs and data the other steps wrote beside out (``out.parent/pdf``, ``out.parent/data``)
    are copied into the site's ``downloads/`` and listed on its downloads page.
    """
    from mkdocs.commands.build import build
    out = Path(out)
    config = _config(out)
    plugin = config.plugins["plansite"]
    plugin.checked = plans
    plugin.downloads_root = out.parent
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    handler = logging.StreamHandler()  # mkdocs' own errors reach the user, not only its exit code
    handler.setFormatter(logging.Formatter("site: %(levelname)s: %(message)s"))
    log.addHandler(handler)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        log.removeHandler(handler)


def serve(dev_addr: str) -> int:
    """Preview the site with live reload; plan/ and docs/ are watched.  Returns on Ctrl-C."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    if not Path(CONFIG_FILE).is_file():
        raise FileNotFoundError(f"{CONFIG_FILE} not found in {Path.cwd()}: serve from the "
                                "repository root")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    mkdocs_serve(CONFIG_FILE, dev_addr=dev_addr, livereload=True)
    return 0
