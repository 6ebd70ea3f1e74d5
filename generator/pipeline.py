"""Load and check plans: the one entry point the CLI, the builders and the mkdocs plugin share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loading import LoadResult, SourceMap, find_plans, load_plan
from .model import Plan
from .problems import Problem


@dataclass
class CheckedPlan:
    """A plan that loaded, with every check result and every problem (warnings included)."""

    folder: Path
    plan: Plan | None
    source: SourceMap | None
    problems: list[Problem] = field(default_factory=list)
    results: list = field(default_factory=list)
    """Every :class:`~generator.checks.base.CheckResult`, passing or not."""

    @property
    def ok(self) -> bool:
        return self.plan is not None and not any(p.severity == "error" for p in self.problems)


def check_folder(folder: Path | str, strict: bool = False) -> CheckedPlan:
    """Load one plan folder and run every check on it."""
    loaded: LoadResult = load_plan(folder)
    problems = list(loaded.problems)
    results = []
    if loaded.plan is not None:
        from .checks import run_rules  # registers every rule
        results, found = run_rules(loaded.plan, loaded.source)
        problems += found
    if strict:
        problems = [p.as_error() for p in problems]
    problems.sort(key=lambda p: (p.file, p.line, p.col, p.rule))
    return CheckedPlan(Path(folder), loaded.plan, loaded.source, problems, results)


def check_all(paths: list[Path | str] | None = None, strict: bool = False) -> list[CheckedPlan]:
    """Check the plan folders given (a plan folder or a folder of plans); default ``plan/``."""
    folders: list[Path] = []
    for p in paths or ["plan"]:
        folders += find_plans(p)
    return [check_folder(f, strict) for f in folders]
