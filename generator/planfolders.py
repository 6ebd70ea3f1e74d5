"""Which plan folders a command works on, and the plans among them that share an id.

Light on purpose: ``plansite validate`` finds its plans and words the ``plan-id-duplicate``
errors here before it knows whether any plan needs checking (a verdict reused from
:mod:`generator.verdicts` loads no model).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import PlanError
from .locale import resolve as _locale
from .locale.words import Words, word
from .paths import display_path
from .planfiles import PLAN_FILE
from .problems import Problem


class NoSuchFolder(PlanError, FileNotFoundError):
    """A folder named on the command line does not exist."""


def find_plans(root: Path | str = "plan") -> list[Path]:
    """Every plan folder under root (a folder holding plan.yaml); an error if root is missing.

    A ``plan.yaml`` is found whatever stands there (a folder, a dangling link), so that the
    loader names what is wrong with it."""
    root = Path(root)
    if not root.is_dir():
        raise NoSuchFolder(Words("no such folder"), where=display_path(root))
    names = (PLAN_FILE, "plan.yml")  # a misnamed plan.yml is found, to be named in a problem
    if any(os.path.lexists(root / n) for n in names):
        return [root]
    found = set()
    for entry in sorted(e for e in os.listdir(root) if not e.startswith(".")):
        if any(os.path.lexists(root / entry / n) for n in names) and (root / entry).is_dir():
            found.add(root / entry)
    return sorted(found)


def plan_folders(paths: list[Path | str] | None = None) -> list[Path]:
    """The plan folders named (a plan folder or a folder of plans); default ``plan/``.  A
    folder named twice (``plan plan/x``) is checked once."""
    folders: list[Path] = []
    seen: set[str] = set()
    for p in paths or ["plan"]:
        for folder in find_plans(p):
            real = os.path.realpath(folder)
            if real not in seen:
                seen.add(real)
                folders.append(folder)
    return folders


def duplicate_ids(declared: list, loc=None) -> dict[int, list[Problem]]:
    """The ``plan-id-duplicate`` errors of plans that declare the same id (their outputs would
    be built over each other): ``declared`` holds each plan's :func:`~generator.loading.
    declared_id` (or None), and each plan sharing an id gets an error at its ``id:``, naming
    the other ``plan.yaml`` files; returned by the plans' index."""
    loc = _locale(loc)
    by_id: dict[str, list[int]] = {}
    for i, found in enumerate(declared):
        if found is not None:
            by_id.setdefault(found[0], []).append(i)
    out: dict[int, list[Problem]] = {}
    for plan_id, indexes in by_id.items():
        if len(indexes) < 2:
            continue
        for i in indexes:
            _, file, line, col = declared[i]
            others = ", ".join(display_path(Path(declared[j][1])) for j in indexes if j != i)
            out[i] = [Problem(
                file, line, col, "id", "plan-id-duplicate", "error",
                word(Words("plan id {id!r} is also the id of {others}", id=plan_id,
                           others=others), loc),
                word(Words("give each plan its own id and folder: plans with one id would be "
                           "built over each other"), loc))]
    return out


