"""``plansite build``: check every plan, then write every output into build/ in one swap.

Outputs are written into a staging folder (``build/.staging``) and moved into place only when every
step succeeded, so a failed build (bad plan, renderer error) leaves the previous ``build/`` as it
was.  Steps are imported lazily: validating never pays for WeasyPrint or mkdocs.

What a build needs besides valid plans (a writable ``--out`` folder, ``mkdocs.yml`` in the working
folder for the site, the carried fonts, a well-formed ``SOURCE_DATE_EPOCH``) is checked before any
plan is read or anything written: a failure is one :class:`~generator.errors.PlansiteError`, and
``build/`` is left as it was.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from .errors import OutputError, PlansiteError, SetupError, os_error
from .pipeline import CheckedPlan, check_all
from .problems import format_text, summary_line

STEPS: list[tuple[str, str, str]] = [
    # (output folder under build/ or "" for files at its top, module, function)
    ("", "generator.report", "write_reports"),
    ("data", "generator.data", "build_data"),
    ("pdf", "generator.pdf", "build_pdfs"),
    ("site", "generator.site", "build_site"),
]
"""Every build step: ``function(plans: list[CheckedPlan], out: Path)``."""

STEP_NAMES = [folder or "checks" for folder, _, _ in STEPS]
"""What ``plansite build --only`` accepts."""


def _existing(path: Path) -> Path:
    """The path itself if it exists (a dangling link counts), else its nearest existing parent."""
    while not (path.exists() or path.is_symlink()) and path.parent != path:
        path = path.parent
    return path


def check_out(out: Path | str) -> None:
    """``out`` is a folder that can be written, or can be made in one; else an OutputError."""
    out = Path(out)
    found = _existing(out)
    shown = found if str(found) != "." else Path.cwd()
    fix = "choose a folder for --out, or remove the file"
    if not found.is_dir():
        if found == out:
            raise OutputError("--out names a file, not a folder", hint=fix, where=out)
        raise OutputError(f"a file, where --out {out} needs a folder", hint=fix, where=shown)
    if not os.access(found, os.W_OK | os.X_OK):
        hint = f"check the permissions of {shown}, or choose another --out"
        if found == out:
            raise OutputError("the output folder is not writable", hint=hint, where=out)
        raise OutputError(f"not writable, so --out {out} cannot be made in it", hint=hint,
                          where=shown)


def _check_fonts() -> None:
    from .fontcache import FONTS_DIR
    if not any(FONTS_DIR.glob("*.woff2")):
        raise SetupError("no fonts (*.woff2) in this folder; the PDFs and the site need them",
                         hint="reinstall plansite, or restore this folder from the repository",
                         where=FONTS_DIR)


def _check_source_date() -> None:
    # read as the PDF step and mkdocs' sitemap read it (an empty value counts as unset)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return
    try:
        datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise SetupError(f"must be whole seconds since 1970, got {epoch!r}",
                         hint="set it to a number, e.g. $(git log -1 --format=%ct), or unset it",
                         where="SOURCE_DATE_EPOCH") from None


def check_setup(out: Path | str, only: list[str] | None = None, paths=None) -> None:
    """Everything the selected steps need besides valid plans, or the first thing missing as a
    located :class:`~generator.errors.PlansiteError`.  Reads no plan and writes nothing."""
    selected = set(only or STEP_NAMES)
    if "site" in selected:
        from .site import require_config
        require_config(near=list(paths or []))
    if selected & {"pdf", "site"}:
        _check_fonts()
        _check_source_date()
    check_out(out)


def _rmtree(path: Path) -> None:
    """``shutil.rmtree``, whose OSError names the whole path of what could not be removed."""
    def located(func, name, exc):
        exc = exc if isinstance(exc, BaseException) else exc[1]
        if isinstance(exc, OSError) and exc.errno is not None:
            raise OSError(exc.errno, exc.strerror, name) from exc
        raise exc
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=located)
    else:
        shutil.rmtree(path, onerror=located)


def _swap_in(staging: Path, out: Path) -> None:
    for item in sorted(staging.iterdir()):
        target = out / item.name
        old = out / f".old-{item.name}"
        if old.exists() or old.is_symlink():
            _rmtree(old) if old.is_dir() else old.unlink()
        if target.exists():
            os.replace(target, old)
        os.replace(item, target)
        if old.exists():
            _rmtree(old) if old.is_dir() else old.unlink()


def run_steps(plans: list[CheckedPlan], out: Path, only: list[str] | None = None) -> None:
    """Run the build steps into a staging folder, then move their outputs into ``out``.

    An :class:`OSError` on the way (disk full, a folder not writable) comes out as an
    :class:`~generator.errors.OutputError` naming its path."""
    staging = out / ".staging"
    try:
        if staging.exists():
            _rmtree(staging)
        staging.mkdir(parents=True)
        try:
            for folder, module, func in STEPS:
                if only and (folder or "checks") not in only:
                    continue
                target = staging / folder if folder else staging
                target.mkdir(parents=True, exist_ok=True)
                getattr(importlib.import_module(module), func)(plans, target)
            _swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except PlansiteError as exc:
        if not exc.hint:
            exc.hint = f"{out}/ was left as it was"
        raise
    except OSError as exc:
        raise os_error(exc, OutputError, fallback=out) from exc


def build(paths=None, out: str | Path = "build", strict: bool = False,
          only: list[str] | None = None) -> int:
    """Check what the build needs, validate, and on success build every output; returns the exit
    code.  Raises :class:`~generator.errors.PlansiteError` for a problem outside the plans."""
    check_setup(out, only, paths)
    plans = check_all(paths, strict)
    problems = [p for c in plans for p in c.problems]
    if not plans:
        print("no plans found (a plan is a folder holding plan.yaml)", file=sys.stderr)
        return 1
    if any(not c.ok for c in plans):
        print(format_text(problems), file=sys.stderr)
        print(f"build stopped: {summary_line(problems)}; build/ was left as it was",
              file=sys.stderr)
        return 1
    if problems:
        print(format_text(problems), file=sys.stderr)
    run_steps(plans, Path(out), only)
    print(f"built {len(plans)} plan(s) into {out}/ ({summary_line(problems)})")
    return 0
