"""``plansite new <plan-id>``: a new plan folder with every part present and explained.

The folder holds ``plan.yaml`` and ``sections/01-example-project.yaml``, copied from
``generator/templates/scaffold/`` with the plan's id and year filled in.  Every block type is in
it with a comment saying what it is for, and the plan passes ``plansite validate`` as made.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates" / "scaffold"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


SCHEMAS = Path("build") / "data"
"""Where ``make`` writes the editor schemas (``plan-file.schema.json``, ``section.schema.json``)."""


def schema_line(schema: str, folder: Path) -> str:
    """The first line of a plan file that points an editor (VS Code's YAML extension, any
    yaml-language-server) at its schema, relative to the file's folder."""
    rel = os.path.relpath(SCHEMAS / schema, folder)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


def render(template: str, plan_id: str, year: int, folder: Path | None = None) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in {"__PLAN_ID__": plan_id, "__PREV_YEAR__": str(year - 1),
                       "__YEAR__": str(year),
                       "__TITLE__": f"{year}년 연간업무 추진계획"}.items():
        text = text.replace(key, value)
    if folder is not None:
        schema = "plan-file.schema.json" if template == "plan.yaml" else "section.schema.json"
        text = schema_line(schema, folder) + text
    return text


def new_plan(plan_id: str, root: str = "plan", year: int | None = None) -> int:
    """Write ``root/plan_id/``; returns 0, or 1 with a message when the id or folder is taken."""
    from .loading import RESERVED_IDS as RESERVED
    from .locale import resolve
    _ = resolve(None).gettext  # what plan officers read: Korean
    if not ID_PATTERN.match(plan_id):
        print("plansite new: " + _("{id} is not a plan id: use lowercase letters, digits and "
                                   "hyphens, e.g. gwangjin-2017-job-operations", id=repr(plan_id)),
              file=sys.stderr)
        return 1
    if plan_id in RESERVED:
        print("plansite new: " + _("{id} is a name the site uses itself; choose another",
                                   id=repr(plan_id)), file=sys.stderr)
        return 1
    folder = Path(root) / plan_id
    if folder.exists():
        print("plansite new: " + _("{folder} already exists; nothing was written",
                                   folder=folder), file=sys.stderr)
        return 1
    named = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", plan_id)  # gwangjin-2027-… → 2027
    year = year or (int(named.group(0)) if named else date.today().year)
    (folder / "sections").mkdir(parents=True)
    (folder / "plan.yaml").write_text(render("plan.yaml", plan_id, year, folder),
                                      encoding="utf-8")
    (folder / "sections" / "01-example-project.yaml").write_text(
        render("section.yaml", plan_id, year, folder / "sections"), encoding="utf-8")
    print(_("made {folder}/ (plan.yaml, sections/01-example-project.yaml)", folder=folder)
          + "\n" + _("next: edit them, then `plansite validate {folder}` and `plansite serve`",
                      folder=folder))
    return 0
