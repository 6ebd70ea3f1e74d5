"""``plansite build``: check every plan, then write every output into build/ in one swap.

Outputs are written into a staging folder (``build/.staging``) and moved into place only when every
step succeeded, so a failed build (bad plan, renderer error) leaves the previous ``build/`` as it
was.  Steps are imported lazily: validating never pays for WeasyPrint or mkdocs.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path

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


def _swap_in(staging: Path, out: Path) -> None:
    for item in sorted(staging.iterdir()):
        target = out / item.name
        old = out / f".old-{item.name}"
        if old.exists() or old.is_symlink():
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        if target.exists():
            os.replace(target, old)
        os.replace(item, target)
        if old.exists():
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def run_steps(plans: list[CheckedPlan], out: Path, only: list[str] | None = None) -> None:
    """Run the build steps into a staging folder, then move their outputs into ``out``."""
    staging = out / ".staging"
    if staging.exists():
        shutil.rmtree(staging)
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


def build(paths=None, out: str | Path = "build", strict: bool = False,
          only: list[str] | None = None) -> int:
    """Validate, and on success build every output; returns the exit code."""
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
