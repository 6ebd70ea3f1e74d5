"""Loads a plan folder (``plan.yaml`` + ``sections/*.yaml``) into the model, with positions.

Every problem found on the way (YAML hazards, schema errors) comes back located at its file,
line, column and YAML path, all at once: positions through :mod:`generator.sourcemap`, schema
errors through :mod:`generator.schema_errors`.  The checks run on the result (see
:mod:`generator.checks`).  Problems are worded in the reader's language (``loc``, a
:class:`~generator.locale.Locale`; Korean by default) from the ``checks`` catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import model, parsing
from .locale import resolve
from .locale.words import Words, word
from .problems import Problem
from .limits import size_problems
from .planfiles import PLAN_FILE, SECTIONS_DIR, read_folder
from .planfolders import NoSuchFolder, find_plans  # noqa: F401  (loading.find_plans)
from .schema_errors import schema_problems
from .paths import display_path
from .sourcemap import SourceMap
from .yamlsource import located, read_yaml
RESERVED_IDS = frozenset({"assets", "downloads", "search", "guide", "reference", "en", "404",
                          "organisations"})
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


def read_plan_data(folder: Path, sources: dict[str, bytes] | None = None, loc=None
                   ) -> tuple[SourceMap | None, list[Problem]]:
    """Read the YAML files of one plan folder into combined data with a source map.

    Only regular ``.yaml`` files inside the folder are read, within the limits
    (:mod:`generator.planfiles`); the data read is then held to the sizes of
    :mod:`generator.limits`, before any model is built.  ``sources``, when given, receives the
    bytes of every file read, by its name relative to the folder, so that what was checked is
    what later steps see (each file is read once).  Problems are worded in ``loc``'s language
    (default Korean)."""
    folder = Path(folder)
    sources = {} if sources is None else sources
    read = read_folder(folder, loc)
    problems = list(read.problems)
    if not read.plan_found:
        return None, problems
    sources.update(read.files)
    plan_src = read_yaml(read.files[PLAN_FILE], read.shown[PLAN_FILE], loc)
    problems += plan_src.problems
    smap = SourceMap(plan_src)
    data = plan_src.data if isinstance(plan_src.data, dict) else {}
    if plan_src.data is not None and not isinstance(plan_src.data, dict):
        problems.append(located(plan_src.name, 1, 1, (), "schema-type",
                                Words("plan.yaml must hold a mapping of keys"),
                                Words("start the file with `id:` and `year:`"), loc))
    if "sections" in data:
        line, col = plan_src.positions.get(("sections",), (1, 1))
        problems.append(located(plan_src.name, line, col, ("sections",), "plan-sections-key",
                                Words("sections are not written in plan.yaml"),
                                Words("put each section in its own file under sections/"), loc))
    sections = []
    names = [n for n in read.files if n != PLAN_FILE]
    if not names and not any(p.severity == "error" for p in read.problems):
        problems.append(located(display_path(folder / SECTIONS_DIR), 1, 1, (),
                                "plan-missing-file", Words("no section files"),
                                Words("add sections/01-<id>.yaml"), loc))
    for name in names:
        src = read_yaml(read.files[name], read.shown[name], loc)
        problems.extend(src.problems)
        if src.data is not None and not isinstance(src.data, dict):
            problems.append(located(src.name, 1, 1, (), "schema-type",
                                    Words("a section file must hold a mapping of keys (id, title, "
                                          "parts)"),
                                    Words("start the file with `id:`, `title:` and `parts:`"),
                                    loc))
        smap.section_files.append(src)
        sections.append(src.data if isinstance(src.data, dict) else {})
    data = dict(data)
    data["sections"] = sections
    smap.data = data
    problems += size_problems(smap, resolve(loc))
    return smap, problems


def load_plan(folder: Path | str, loc=None) -> LoadResult:
    """Load one plan folder; the plan is None when any error was found.

    Problems are worded in ``loc``'s language (a :class:`~generator.locale.Locale`; default
    Korean)."""
    folder = Path(folder)
    sources: dict[str, bytes] = {}
    smap, problems = read_plan_data(folder, sources, loc)
    if smap is None or any(p.severity == "error" for p in problems):
        return LoadResult(folder, None, smap, problems, sources=sources)
    try:
        plan = model.Plan.model_validate(smap.data)
    except ValidationError as exc:
        partial, nodes, paths = _partial_plan(smap)
        return LoadResult(folder, None, smap, problems + schema_problems(exc, smap, loc), nodes,
                          paths, partial, sources)
    nodes, paths = model.index(plan)
    if plan.id in RESERVED_IDS or plan.id != folder.name:
        loc = resolve(loc)
        if plan.id in RESERVED_IDS:
            problems.append(smap.problem(
                ("id",), "plan-id-reserved",
                word(Words("plan id {id!r} is the name of a page of the site", id=plan.id), loc),
                word(Words("choose another; reserved: {ids}",
                           ids=", ".join(sorted(RESERVED_IDS))), loc)))
        if plan.id != folder.name:
            problems.append(smap.problem(
                ("id",), "plan-id-folder",
                word(Words("plan id {id!r} differs from its folder {folder!r}", id=plan.id,
                           folder=folder.name), loc),
                word(Words("rename the folder or set `id: {folder}`", folder=folder.name), loc)))
    return LoadResult(folder, plan, smap, problems, nodes, paths, sources=sources)


def declared_id(smap: SourceMap | None) -> tuple[str, str, int, int] | None:
    """The id ``plan.yaml`` declares (a text, whether or not the plan loaded) with where it is
    written: (id, file, line, column); None when it declares none."""
    if smap is None or not isinstance(smap.data.get("id"), str):
        return None
    line, col = smap.plan_file.positions.get(("id",), (1, 1))
    return smap.data["id"], smap.plan_file.name, line, col
