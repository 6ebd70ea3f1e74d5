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
from ..locale import resolve
from ..problems import Problem
from ..locale.words import Words, word


@dataclass
class CheckResult:
    """One comparison a check made, with typed values (worded when a report is written)."""

    rule: str
    """The rule's id."""
    path: tuple
    """Where in the plan data the compared value sits."""
    subject: object
    """What was compared: :class:`~generator.locale.words.Words` or a plan text."""
    expected: object
    """What the rule expected: a :class:`~generator.locale.words.Quantity`,
    :class:`~generator.locale.words.Words` or text."""
    found: object
    """What the plan states, typed the same way."""
    ok: bool
    message: object = None
    """For a failure: what is wrong (:class:`~generator.locale.words.Words`)."""
    hint: object = None
    severity: Literal["error", "warning"] = "error"
    follows_from: str | None = None
    """For a failure that another rule's failure already explains (and reports): that rule's
    id.  It is listed in the report, but is not a problem of its own."""


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
    translations: dict = field(default_factory=dict)
    """How far the plan is translated, by language (:class:`generator.translations.Status`);
    empty when the plan's folder was not read (a plan checked from memory)."""
    figures: dict | None = None
    """The file of each figure, by ``src``, as read from the plan's folder
    (:func:`generator.figures.read_figures`: an image, or why it cannot be shown); None when
    the folder was not read (a plan checked from memory: the figures are not checked)."""

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

    def compare(self, path: tuple, subject, expected, found, ok: bool, message=None,
                hint=None, severity: str | None = None, follows_from: str | None = None) -> None:
        """Record one comparison; values are typed (:mod:`generator.locale.words`), never
        pre-worded text."""
        self.results.append(CheckResult(self.rule.id, tuple(path), subject, expected, found,
                                        bool(ok), message if not ok else None,
                                        hint if not ok else None,
                                        severity or self.rule.severity,
                                        follows_from if not ok else None))

    def compare_difference(self, path: tuple, subject, expected, found, show, more: str,
                           less: str, hint=None, follows_from: str | None = None,
                           **params) -> None:
        """Compare two figures and, when they differ, say by how much: ``show`` turns a figure
        into the typed value it is shown as (e.g. money in the plan's unit); ``more`` and
        ``less`` are checks-catalog messages naming ``{found}``, ``{expected}`` and
        ``{difference}``, for a found figure above and below the expected one."""
        self.compare(path, subject, show(expected), show(found), found == expected,
                     Words(more if found > expected else less, found=show(found),
                           expected=show(expected), difference=show(abs(found - expected)),
                           **params), hint, follows_from=follows_from)

    def failed_within(self, path: tuple, rules: set[str]) -> str | None:
        """The first of ``rules`` that failed at ``path`` or below it, if any did."""
        n = len(path)
        for res in self.results:
            if not res.ok and res.rule in rules and res.path[:n] == tuple(path):
                return res.rule
        return None


def run_rules(plan: Plan, source: SourceMap, nodes: list, paths: dict, partial: bool = False,
              loc=None, translations: dict | None = None, figures: dict | None = None
              ) -> tuple[list[CheckResult], list[Problem]]:
    """Run every registered rule; returns all results and the problems of failed ones.

    ``partial``: the plan did not load whole and holds only the sections that did; only the
    rules of ``scope="section"`` run, so that their findings come with the schema errors.
    """
    loc = resolve(loc)
    ctx = Context(plan, source, nodes, paths, translations=translations or {},
                  figures=figures)
    for r in RULES.values():
        if partial and r.scope != "section":
            continue
        ctx.rule = r
        r.func(ctx)
    problems = [result_problem(source, res, loc) for res in ctx.results
                if not res.ok and res.follows_from is None]
    return ctx.results, problems


def result_problem(source: SourceMap, res: CheckResult, loc) -> Problem:
    """A failed result as a located problem, worded in the locale's language."""
    return source.problem(res.path, res.rule, word(res.message, loc), word(res.hint, loc),
                          res.severity, {"subject": word(res.subject, loc),
                                         "expected": word(res.expected, loc),
                                         "found": word(res.found, loc)})
