"""``plansite new <plan-id> [--kind annual|event|grant|notice]``: a new plan folder with every
part of that kind of document present and explained.

The folder holds ``plan.yaml`` and its ``sections/*.yaml``, copied from
``generator/templates/scaffold/<kind>/`` with the plan's id and year filled in; a line
``#include <name>`` is replaced by ``scaffold/common/<name>`` (the parts every kind shares).
``annual`` (연간업무 추진계획) has every block type, each with a comment saying what it is for;
``event`` (행사 계획) a programme of clock times; ``grant`` (보조금 지원 계획) caps and funding
splits; ``notice`` (시행문) the head and foot of a document sent out.  A kind's
``images/`` (the annual kind's example figure) are copied as they are.  Each passes
``plansite validate`` as made.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates" / "scaffold"
KINDS = ("annual", "event", "grant", "notice")
"""The kinds of document ``plansite new --kind`` scaffolds (the first is the default)."""
TITLES = {"annual": "{year}년 연간업무 추진계획", "event": "{year}년 ○○ 행사 추진계획",
          "grant": "{year}년 ○○ 보조금 지원계획", "notice": "{year}년 ○○ 사업 추진계획 알림"}
"""Each kind's example title (``__TITLE__`` in its templates)."""
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
"""A plan id, matched whole (``fullmatch``: ``$`` would let a final newline through)."""


SCHEMAS = Path("build") / "data"
"""Where ``make`` writes the editor schemas (``plan-file.schema.json``, ``section.schema.json``)."""


def schema_line(schema: str, folder: Path) -> str:
    """The first line of a plan file that points an editor (VS Code's YAML extension, any
    yaml-language-server) at its schema, relative to the file's folder."""
    rel = os.path.relpath(SCHEMAS / schema, folder)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


def template_files(kind: str = KINDS[0]) -> list[str]:
    """The files a kind's scaffold writes, relative to the plan folder (plan.yaml first)."""
    base = TEMPLATES / kind
    return ["plan.yaml"] + sorted(f"sections/{p.name}" for p in (base / "sections").glob("*.yaml"))


def image_files(kind: str = KINDS[0]) -> list[str]:
    """The images a kind's scaffold copies (its example figures'), relative to the plan
    folder."""
    base = TEMPLATES / kind / "images"
    return sorted(f"images/{p.name}" for p in base.iterdir() if p.is_file()) \
        if base.is_dir() else []


def render(template: str, plan_id: str, year: int, folder: Path | None = None,
           kind: str = KINDS[0]) -> str:
    """One scaffold file (``plan.yaml`` or ``sections/<name>``) of a kind, filled in."""
    lines = []
    for line in (TEMPLATES / kind / template).read_text(encoding="utf-8").splitlines(True):
        if line.startswith("#include "):
            line = (TEMPLATES / "common" / line.split(None, 1)[1].strip()).read_text("utf-8")
        lines.append(line)
    text = "".join(lines)
    for key, value in {"__PLAN_ID__": plan_id, "__PREV_YEAR__": str(year - 1),
                       "__YEAR__": str(year),
                       "__TITLE__": TITLES[kind].format(year=year)}.items():
        text = text.replace(key, value)
    if folder is not None:
        schema = "plan-file.schema.json" if template == "plan.yaml" else "section.schema.json"
        text = schema_line(schema, folder) + text
    return text


def new_plan(plan_id: str, root: str = "plan", year: int | None = None,
             kind: str = KINDS[0]) -> int:
    """Write ``root/plan_id/`` as a plan of ``kind``; returns 0, or 1 with a message when the id
    or folder is taken."""
    from .limits import MAX_ID_LENGTH
    from .loading import RESERVED_IDS as RESERVED
    from .locale import resolve
    from .textsafety import shown
    _ = resolve(None).gettext  # what plan officers read: Korean
    if not ID_PATTERN.fullmatch(plan_id):
        print("plansite new: " + shown(_("{id} is not a plan id: use lowercase letters, digits "
                                         "and hyphens, e.g. gwangjin-2017-job-operations",
                                         id=repr(plan_id))), file=sys.stderr)
        return 1
    if len(plan_id) > MAX_ID_LENGTH:
        print("plansite new: " + _("the id has {count} characters, more than the limit of "
                                   "{limit}: choose a shorter one", count=len(plan_id),
                                   limit=MAX_ID_LENGTH), file=sys.stderr)
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
    files = template_files(kind)
    for name in files:
        target = folder / name
        target.write_text(render(name, plan_id, year, target.parent, kind), encoding="utf-8")
    for name in image_files(kind):  # an example figure's image, to be replaced
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes((TEMPLATES / kind / name).read_bytes())
        files.append(name)
    print(_("made {folder}/ ({files})", folder=folder, files=", ".join(files))
          + "\n" + _("next: edit them, then `plansite validate {folder}` and `plansite serve`",
                      folder=folder))
    return 0
