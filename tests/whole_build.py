"""A whole ``plansite build --out`` as a user runs it (a subprocess), once a test session, for the
tests that read every built file: the link check, axe-core, the determinism tests."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PLANSITE = Path(sys.executable).with_name("plansite")
SITES = ("site", "site/en", "public/site", "public/site/en")
"""Every built site, as its folder under the build: both audiences, both languages."""
LANG_SUBSITE = "en"

_BUILT: dict[str, Path] = {}


def run_build(out: Path | str, *, cwd: Path = ROOT,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``plansite build --out out`` in ``cwd`` with ``env`` (default: this environment without
    ``SOURCE_DATE_EPOCH``, decoded fonts cached where ``make`` caches them); fails on a non-zero
    exit, showing what the build printed."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    done = subprocess.run([str(PLANSITE), "build", "--out", str(out)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def whole_build(tmp_path_factory) -> Path:
    """The folder of one ``plansite build --out`` of the repository's plans, made once a session."""
    if "out" not in _BUILT:
        out = tmp_path_factory.mktemp("whole-build") / "build"
        run_build(out)
        _BUILT["out"] = out
    return _BUILT["out"]


def outputs(out: Path) -> list[Path]:
    """Every output file of a build, relative to ``out``, sorted; the build's own top-level
    folders and files whose names start with a dot (the caches, the staging folder) are not
    outputs."""
    root = Path(out).resolve()
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            files = [f for f in files if not f.startswith(".")]
        found.extend((here / f).relative_to(root) for f in files)
    return sorted(found, key=lambda p: p.as_posix())


def listing(out: Path) -> str:
    """A sha256 listing of a build's outputs (``sha256sum`` format, sorted by path)."""
    root = Path(out).resolve()
    return "".join(f"{hashlib.sha256((root / rel).read_bytes()).hexdigest()}  {rel.as_posix()}\n"
                   for rel in outputs(root))


def site_pages(out: Path, site: str) -> list[str]:
    """The HTML pages of one built site (one of :data:`SITES`), as paths relative to that
    site's folder, sorted; the Korean site's pages exclude the English site under ``en/``."""
    folder = Path(out).resolve() / site
    pages = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        if not site.endswith("/" + LANG_SUBSITE) and rel.startswith(LANG_SUBSITE + "/"):
            continue
        pages.append(rel)
    return pages
