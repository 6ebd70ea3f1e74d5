"""Loads a plan folder (``plan.yaml`` + ``sections/*.yaml``) into the model, with positions.

Every problem found on the way (YAML hazards, schema errors) comes back located at its file,
line, column and YAML path, all at once.  The checks run on the result (see
:mod:`generator.checks`).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import model, values
from .derive import index
from .problems import Problem
from .yamlsource import Pos, SourceFile, path_to_str, read_yaml

PLAN_FILE = "plan.yaml"
SECTIONS_DIR = "sections"
RESERVED_IDS = frozenset({"assets", "downloads", "search", "guide", "reference", "en", "404"})
"""Plan ids the sites use for their own pages (a plan's pages live under its id)."""


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


@dataclass
class SourceMap:
    """Maps a path in the combined plan data to the file, line and column it came from."""

    plan_file: SourceFile
    section_files: list[SourceFile] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def _split(self, path: tuple) -> tuple[SourceFile, tuple]:
        if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int) \
                and path[1] < len(self.section_files):
            return self.section_files[path[1]], tuple(path[2:])
        return self.plan_file, tuple(path)

    def real_path(self, loc: tuple) -> tuple[tuple, tuple]:
        """Drop the parts of a validation ``loc`` that are not in the data (union tags).

        Returns (the deepest path found in the data, the rest that was not found).
        """
        node = self.data
        found: list = []
        rest = list(loc)

        def has(n, key):
            return (isinstance(n, dict) and key in n) or (
                isinstance(n, list) and isinstance(key, int) and 0 <= key < len(n))

        while rest:
            step = rest[0]
            if has(node, step):
                node = node[step]
                found.append(step)
            elif len(rest) > 1 and (has(node, rest[1]) or (isinstance(step, str) and (
                    "[" in step or step in _UNION_TAGS))):
                pass  # a step of the model that the data does not spell (union tag, `cells`)
            else:
                break
            rest.pop(0)
        return tuple(found), tuple(rest)

    def locate(self, path: tuple) -> tuple[str, Pos, str]:
        """(file name, position, YAML path inside the file) of path, as the author wrote it."""
        found, rest = self.real_path(tuple(path))
        src, inner = self._split(found)
        for n in range(len(inner), -1, -1):
            pos = src.positions.get(inner[:n])
            if pos is not None:
                return src.name, Pos(*pos), path_to_str(inner + rest)
        return src.name, Pos(1, 1), path_to_str(inner + rest)

    def problem(self, path: tuple, rule: str, message: str, hint: str = "",
                severity: str = "error", data: dict | None = None) -> Problem:
        name, pos, ypath = self.locate(tuple(path))
        return Problem(name, pos.line, pos.col, ypath, rule, severity, message, hint, data or {})


_UNION_TAGS = {"overview", "bullets", "note", "table", "targets", "schedule", "organisations",
               "budget", "str", "function-before", "function-after"}


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return names


_RULES = {
    "missing": "schema-missing",
    "extra_forbidden": "schema-unknown-key",
    "literal_error": "schema-choice",
    "union_tag_invalid": "schema-choice",
    "union_tag_not_found": "schema-missing",
    "string_pattern_mismatch": "schema-pattern",
    "too_short": "schema-empty",
    "string_too_short": "schema-empty",
}


def _schema_problems(exc: ValidationError, smap: SourceMap) -> list[Problem]:
    problems = []
    names = None
    for err in exc.errors(include_url=False):
        found, rest = smap.real_path(tuple(err["loc"]))
        typ = err["type"]
        rule = _RULES.get(typ, "schema-type" if typ.endswith("_type") or typ.endswith("_parsing")
                          else "schema-value")
        msg = err["msg"].removeprefix("Value error, ")
        hint = ""
        if typ == "missing":
            key = rest[-1] if rest else (found[-1] if found else "?")
            msg = f"required key {key!r} is missing"
            hint = f"add `{key}:` here"
            path = found
        elif typ == "extra_forbidden":
            names = names or _all_field_names()
            key = found[-1] if found else "?"
            msg = f"unknown key {key!r}"
            close = difflib.get_close_matches(str(key), names, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "remove it, or check the spelling"
            src, inner = smap._split(found)
            if ("<key>",) + inner in src.positions:
                line, col = src.positions[("<key>",) + inner]
                problems.append(Problem(src.name, line, col, path_to_str(inner), rule,
                                        "error", msg, hint))
                continue
            path = found
        elif typ == "union_tag_invalid":
            ctx = err.get("ctx", {})
            msg = f"unknown block type {ctx.get('tag')!r}"
            hint = f"use one of: {ctx.get('expected_tags')}"
            path = found + ("type",) if not rest else found
        elif typ == "union_tag_not_found":
            msg = "block has no `type`"
            hint = "start the block with `type:` (overview, bullets, note, table, targets, " \
                   "schedule, organisations or budget)"
            path = found
        else:
            path = found
            if typ == "literal_error":
                hint = f"expected {err.get('ctx', {}).get('expected', 'one of the listed values')}"
            elif typ in ("date_from_datetime_parsing", "date_parsing"):
                hint = "write dates as YYYY-MM-DD, e.g. 2016-01-19"
            elif typ == "string_pattern_mismatch":
                hint = "use lowercase letters a-z, digits and hyphens, e.g. local-job-target"
            elif typ in ("int_parsing", "decimal_parsing"):
                hint = "write numbers with digits, e.g. 14,000"
        problems.append(smap.problem(path, rule, msg, hint))
    return problems


@dataclass
class LoadResult:
    """What loading a plan folder gave: the plan (None on errors), the source map, problems."""

    folder: Path
    plan: model.Plan | None
    source: SourceMap | None
    problems: list[Problem]
    nodes: list = field(default_factory=list)
    """Every model node of the plan, in document order."""
    paths: dict = field(default_factory=dict)
    """The data path of every node, by ``id(node)``."""
    partial: model.Plan | None = None
    """When the plan did not load whole: a plan holding only the sections that did (and the
    year, if it is valid), so that section checks still run beside the schema errors."""


def _partial_plan(smap: SourceMap) -> tuple[model.Plan, list, dict]:
    """The sections that validate on their own, in a plan built without validation."""
    sections, nodes, paths = [], [], {}
    for i, data in enumerate(smap.data.get("sections", [])):
        try:
            section = model.Section.model_validate(data)
        except ValidationError:
            continue
        found, where = index(section, ("sections", i))
        sections.append(section)
        nodes += found
        paths.update(where)
    try:
        year = values.parse_int(smap.data.get("year"))
    except (TypeError, ValueError):
        year = None
    return model.Plan.model_construct(sections=sections, year=year), nodes, paths


def read_plan_data(folder: Path) -> tuple[SourceMap | None, list[Problem]]:
    """Read the YAML files of one plan folder into combined data with a source map."""
    folder = Path(folder)
    plan_path = folder / PLAN_FILE
    if not plan_path.is_file():
        other = folder / "plan.yml"
        hint = (f"rename {other.name} to {PLAN_FILE}" if other.is_file() else
                "a plan folder holds plan.yaml and sections/*.yaml; `plansite new <id>` makes one")
        return None, [Problem(display_path(plan_path), 1, 1, "", "plan-missing-file", "error",
                              f"no {PLAN_FILE} in {display_path(folder)}", hint)]
    plan_src = read_yaml(plan_path.read_bytes(), display_path(plan_path))
    problems = list(plan_src.problems)
    smap = SourceMap(plan_src)
    data = plan_src.data if isinstance(plan_src.data, dict) else {}
    if plan_src.data is not None and not isinstance(plan_src.data, dict):
        problems.append(Problem(plan_src.name, 1, 1, "", "schema-type", "error",
                                "plan.yaml must hold a mapping of keys",
                                "start the file with `id:` and `year:`"))
    if "sections" in data:
        line, col = plan_src.positions.get(("sections",), (1, 1))
        problems.append(Problem(plan_src.name, line, col, "sections", "plan-sections-key",
                                "error", "sections are not written in plan.yaml",
                                "put each section in its own file under sections/"))
    sections = []
    section_dir = folder / SECTIONS_DIR
    section_files = sorted(section_dir.glob("*.yaml"))
    for stray in sorted(section_dir.glob("*.yml")):
        problems.append(Problem(display_path(stray), 1, 1, "", "plan-file-name", "error",
                                "section files end in .yaml; this one would be left out",
                                f"rename it to {stray.stem}.yaml"))
    if not section_files:
        problems.append(Problem(display_path(section_dir), 1, 1, "", "plan-missing-file",
                                "error", "no section files", "add sections/01-<id>.yaml"))
    for path in section_files:
        src = read_yaml(path.read_bytes(), display_path(path))
        problems.extend(src.problems)
        if src.data is not None and not isinstance(src.data, dict):
            problems.append(Problem(src.name, 1, 1, "", "schema-type", "error",
                                    "a section file must hold a mapping of keys (id, title, parts)",
                                    "start the file with `id:`, `title:` and `parts:`"))
        smap.section_files.append(src)
        sections.append(src.data if isinstance(src.data, dict) else {})
    data = dict(data)
    data["sections"] = sections
    smap.data = data
    return smap, problems


def load_plan(folder: Path | str) -> LoadResult:
    """Load one plan folder; the plan is None when any error was found."""
    folder = Path(folder)
    smap, problems = read_plan_data(folder)
    if smap is None or any(p.severity == "error" for p in problems):
        return LoadResult(folder, None, smap, problems)
    try:
        plan = model.Plan.model_validate(smap.data)
    except ValidationError as exc:
        partial, nodes, paths = _partial_plan(smap)
        return LoadResult(folder, None, smap, problems + _schema_problems(exc, smap), nodes,
                          paths, partial)
    nodes, paths = index(plan)
    if plan.id in RESERVED_IDS:
        problems.append(smap.problem(("id",), "plan-id-reserved",
                                     f"plan id {plan.id!r} is the name of a page of the site",
                                     f"choose another; reserved: {', '.join(sorted(RESERVED_IDS))}"))
    if plan.id != folder.name:
        problems.append(smap.problem(("id",), "plan-id-folder",
                                     f"plan id {plan.id!r} differs from its folder {folder.name!r}",
                                     f"rename the folder or set `id: {folder.name}`"))
    return LoadResult(folder, plan, smap, problems, nodes, paths)


class NoSuchFolder(FileNotFoundError):
    """A folder named on the command line does not exist."""


def find_plans(root: Path | str = "plan") -> list[Path]:
    """Every plan folder under root (a folder holding plan.yaml); an error if root is missing."""
    root = Path(root)
    if not root.is_dir():
        raise NoSuchFolder(f"no such folder: {display_path(root)}")
    names = (PLAN_FILE, "plan.yml")  # a misnamed plan.yml is found, to be named in a problem
    if any((root / n).is_file() for n in names):
        return [root]
    return sorted({p.parent for n in names for p in root.glob(f"*/{n}")})
