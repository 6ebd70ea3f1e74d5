"""The rule registry and the record of what each check compared.

A rule is a function ``rule(ctx)`` registered with :func:`rule`; it yields :class:`CheckResult`
records, one per comparison it made, passing or not.  Failed results become located
:class:`~generator.problems.Problem` objects; every result goes into ``build/checks.json`` and the
check report, so a reader sees what was compared, not only what failed.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable, Literal

from ..model import walk
from ..sourcemap import SourceMap
from ..model import Plan
from ..problems import Problem


@dataclass
class CheckResult:
    """One comparison a check made."""

    rule: str
    """The rule's id."""
    path: tuple
    """Where in the plan data the compared value sits."""
    subject: str
    """What was compared, in words (e.g. ``지역일자리 목표공시제 계``)."""
    expected: str
    """What the rule expected (e.g. the sum of the items)."""
    found: str
    """What the plan states."""
    ok: bool
    message: str = ""
    """For a failure: what is wrong."""
    hint: str = ""
    severity: Literal["error", "warning"] = "error"


@dataclass
class Rule:
    id: str
    title: str
    """Short Korean/English title for the report."""
    severity: Literal["error", "warning"]
    func: Callable
    doc: str = ""
    scope: Literal["plan", "section"] = "plan"
    """``section`` when the rule looks inside sections only, so it can run on the sections that
    loaded even when another part of the plan did not."""


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str, severity: Literal["error", "warning"] = "error",
         scope: Literal["plan", "section"] = "plan"):
    """Register a check under an id; its docstring says what it checks."""
    def deco(func):
        RULES[rule_id] = Rule(rule_id, title, severity, func, inspect.cleandoc(func.__doc__ or ""),
                              scope)
        return func
    return deco


@dataclass
class Context:
    """What a rule sees: the plan, where its values came from, and a result collector."""

    plan: Plan
    source: SourceMap
    nodes: list
    """Every node of the plan in document order."""
    paths: dict
    """The data path of every node, by ``id(node)``."""
    rule: Rule | None = None
    results: list[CheckResult] = field(default_factory=list)
    _walks: dict = field(default_factory=dict)

    def path(self, node) -> tuple:
        """Where a node sits in the plan's data."""
        return self.paths[id(node)]

    def walk(self, node=None) -> list:
        """Every model node below node (default: the plan), in document order."""
        if node is None:
            return self.nodes
        if not self._walks:  # a section's nodes are a run of the plan's: find each run once
            for i, n in enumerate(self.nodes):
                p = self.paths[id(n)]
                if len(p) >= 2 and p[0] == "sections":
                    start, _ = self._walks.get(p[1], (i, i))
                    self._walks[p[1]] = (start, i + 1)
        path = self.paths.get(id(node), ())
        if len(path) == 2 and path[0] == "sections" and path[1] in self._walks:
            start, end = self._walks[path[1]]
            return self.nodes[start:end]
        return walk(node)

    def of(self, *types, within=None) -> list:
        """The nodes of the given model types, in document order."""
        return [n for n in self.walk(within) if isinstance(n, types)]

    def compare(self, path: tuple, subject: str, expected, found, ok: bool, message: str = "",
                hint: str = "", severity: str | None = None) -> None:
        self.results.append(CheckResult(self.rule.id, tuple(path), subject, str(expected),
                                        str(found), bool(ok), message if not ok else "",
                                        hint if not ok else "",
                                        severity or self.rule.severity))


def run_rules(plan: Plan, source: SourceMap, nodes: list, paths: dict, partial: bool = False
              ) -> tuple[list[CheckResult], list[Problem]]:
    """Run every registered rule; returns all results and the problems of failed ones.

    ``partial``: the plan did not load whole and holds only the sections that did; only the
    rules of ``scope="section"`` run, so that their findings come with the schema errors.
    """
    ctx = Context(plan, source, nodes, paths)
    for r in RULES.values():
        if partial and r.scope != "section":
            continue
        ctx.rule = r
        r.func(ctx)
    problems = [source.problem(res.path, res.rule, res.message, res.hint, res.severity,
                               {"subject": res.subject, "expected": res.expected,
                                "found": res.found})
                for res in ctx.results if not res.ok]
    return ctx.results, problems
