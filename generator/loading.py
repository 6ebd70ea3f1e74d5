"""Loads a plan folder (``plan.yaml`` + ``sections/*.yaml``) into the model, with positions.

Every problem found on the way (YAML hazards, schema errors) comes back located at its file,
line, column and YAML path, all at once: positions through :mod:`generator.sourcemap`, schema
errors through :mod:`generator.schema_errors`.  The checks run on the result (see
:mod:`generator.checks`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import model, parsing
from .errors import PlanError
from .problems import Problem
from .schema_errors import schema_problems
from .sourcemap import SourceMap, display_path
from .yamlsource import read_yaml

PLAN_FILE = "plan.yaml"
SECTIONS_DIR = "sections"
RESERVED_IDS = frozenset({"assets", "downloads", "search", "guide", "reference", "en", "404"})
"""Plan ids the sites use for their own pages (a plan's pages live under its id)."""


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
    sources: dict[str, bytes] = field(default_factory=dict)
    """The bytes of every YAML file read, by its name relative to the plan folder
    (``plan.yaml``, ``sections/01-x.yaml``), in the order read: what was checked."""


def _partial_plan(smap: SourceMap) -> tuple[model.Plan, list, dict]:
    """The sections that validate on their own, in a plan built without validation."""
    sections, nodes, paths = [], [], {}
    for i, data in enumerate(smap.data.get("sections", [])):
        try:
            section = model.Section.model_validate(data)
        except ValidationError:
            continue
        found, where = model.index(section, ("sections", i))
        sections.append(section)
        nodes += found
        paths.update(where)
    try:
        year = parsing.parse_int(smap.data.get("year"))
    except (TypeError, ValueError):
        year = None
    return model.Plan.model_construct(sections=sections, year=year), nodes, paths


def read_plan_data(folder: Path, sources: dict[str, bytes] | None = None
                   ) -> tuple[SourceMap | None, list[Problem]]:
    """Read the YAML files of one plan folder into combined data with a source map.

    ``sources``, when given, receives the bytes of every file read, by its name relative to the
    folder, so that what was checked is what later steps see (each file is read once)."""
    folder = Path(folder)
    sources = {} if sources is None else sources
    plan_path = folder / PLAN_FILE
    if not plan_path.is_file():
        other = folder / "plan.yml"
        hint = (f"rename {other.name} to {PLAN_FILE}" if other.is_file() else
                "a plan folder holds plan.yaml and sections/*.yaml; `plansite new <id>` makes one")
        return None, [Problem(display_path(plan_path), 1, 1, "", "plan-missing-file", "error",
                              f"no {PLAN_FILE} in {display_path(folder)}", hint)]
    sources[PLAN_FILE] = plan_path.read_bytes()
    plan_src = read_yaml(sources[PLAN_FILE], display_path(plan_path))
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
        name = f"{SECTIONS_DIR}/{path.name}"
        sources[name] = path.read_bytes()
        src = read_yaml(sources[name], display_path(path))
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
    sources: dict[str, bytes] = {}
    smap, problems = read_plan_data(folder, sources)
    if smap is None or any(p.severity == "error" for p in problems):
        return LoadResult(folder, None, smap, problems, sources=sources)
    try:
        plan = model.Plan.model_validate(smap.data)
    except ValidationError as exc:
        partial, nodes, paths = _partial_plan(smap)
        return LoadResult(folder, None, smap, problems + schema_problems(exc, smap), nodes,
                          paths, partial, sources)
    nodes, paths = model.index(plan)
    if plan.id in RESERVED_IDS:
        problems.append(smap.problem(("id",), "plan-id-reserved",
                                     f"plan id {plan.id!r} is the name of a page of the site",
                                     f"choose another; reserved: {', '.join(sorted(RESERVED_IDS))}"))
    if plan.id != folder.name:
        problems.append(smap.problem(("id",), "plan-id-folder",
                                     f"plan id {plan.id!r} differs from its folder {folder.name!r}",
                                     f"rename the folder or set `id: {folder.name}`"))
    return LoadResult(folder, plan, smap, problems, nodes, paths, sources=sources)


class NoSuchFolder(PlanError, FileNotFoundError):
    """A folder named on the command line does not exist."""


def find_plans(root: Path | str = "plan") -> list[Path]:
    """Every plan folder under root (a folder holding plan.yaml); an error if root is missing."""
    root = Path(root)
    if not root.is_dir():
        raise NoSuchFolder("no such folder", where=display_path(root))
    names = (PLAN_FILE, "plan.yml")  # a misnamed plan.yml is found, to be named in a problem
    if any((root / n).is_file() for n in names):
        return [root]
    return sorted({p.parent for n in names for p in root.glob(f"*/{n}")})
