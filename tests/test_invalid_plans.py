"""Every rule and every loader hazard has a bad-plan case whose located problems are golden."""

from __future__ import annotations

import os

import pytest

from generator.checks import RULES
from generator.pipeline import check_folder
from generator.planfiles import WARNING_RULES
from generator.problems import Problem

from .conftest import PLANS, golden

CASES = sorted(p.name for p in (PLANS / "invalid").iterdir() if p.is_dir())


def _line(case_dir, p: Problem) -> str:
    rel = os.path.relpath(os.path.abspath(p.file), case_dir)
    return f"{rel}:{p.line}:{p.col}: {p.severity}: {p.path}: {p.message} ({p.rule})"


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_reports_expected_problems(case):
    case_dir = PLANS / "invalid" / case
    checked = check_folder(case_dir)
    lines = [_line(case_dir, p) for p in checked.problems]
    assert lines, f"{case} reported nothing"
    golden(case_dir / "expected.txt", "\n".join(lines) + "\n")
    rules = {p.rule for p in checked.problems}
    if case in RULES or case.startswith(("yaml-", "limit-", "plan-file-")) \
            and case != "yaml-1-1-hazards":
        assert case in rules, f"{case} should be reported by the rule of the same name"
    warning_only = case in RULES and RULES[case].severity == "warning" or case in WARNING_RULES
    assert checked.ok == warning_only, "an error case must fail, a warning case must pass"


def test_every_rule_has_a_case_and_a_docstring():
    """Each rule fails in some case: as a problem of its own, or (for the budget overview's sums,
    which only a split that does not add up can break) as a listed consequence of another."""
    reported, consequences = set(), {}
    expected = [PLANS / "invalid" / case / "expected.txt" for case in CASES]
    expected += sorted((PLANS / "scenarios").glob("*/expected.txt"))  # realistic plans
    for path in expected:
        text = path.read_text(encoding="utf-8")
        reported |= {line.rsplit("(", 1)[1].rstrip(")") for line in text.splitlines()}
    for case in ("split-amount-sum", "split-exact-won"):
        for res in check_folder(PLANS / "invalid" / case).results:
            if not res.ok and res.follows_from:
                consequences[res.rule] = res.follows_from
    assert consequences.get("budget-overview") in reported
    for rule_id, r in RULES.items():
        assert r.doc, f"rule {rule_id} has no docstring"
        assert rule_id in reported or rule_id in consequences, \
            f"no invalid case exercises {rule_id}"


def test_a_consequence_is_listed_failed_but_reported_once():
    """A split that does not add up fails split-amount-sum (a problem) and the budget
    overview's sums (listed in the report as failed, never ✓), without a second problem."""
    checked = check_folder(PLANS / "invalid" / "split-amount-sum")
    overview = [r for r in checked.results if r.rule == "budget-overview"]
    assert overview and not all(r.ok for r in overview)
    assert {r.follows_from for r in overview if not r.ok} == {"split-amount-sum"}
    assert not [p for p in checked.problems if p.rule == "budget-overview"]


def test_many_problems_are_reported_at_once_across_files():
    checked = check_folder(PLANS / "invalid" / "many-problems")
    files = {os.path.basename(p.file) for p in checked.problems}
    assert files == {"plan.yaml", "01-first.yaml", "02-second.yaml"}
    assert len(checked.problems) >= 4


def test_problems_carry_hints_where_the_fix_is_known():
    checked = check_folder(PLANS / "invalid" / "schema-unknown-key")
    unknown = [p for p in checked.problems if p.rule == "schema-unknown-key"]
    assert unknown and unknown[0].hint == "`title`의 오타가 아닌지 확인하세요"
    checked = check_folder(PLANS / "invalid" / "targets-total")
    assert checked.problems[0].hint and checked.problems[0].data["expected"] == "600명"


def test_warnings_become_errors_with_strict():
    case = PLANS / "invalid" / "date-in-plan-year"
    assert check_folder(case).ok
    strict = check_folder(case, strict=True)
    assert not strict.ok and all(p.severity == "error" for p in strict.problems)
