"""Valid plans load with no error; YAML 1.1 surprises stay text; the seed's findings are golden."""

from __future__ import annotations

from decimal import Decimal

from generator.derive import budget_overview
from generator.pipeline import check_folder

from .conftest import PLANS, ROOT, SEED, golden


def test_minimal_plan_is_clean_and_keeps_scalars_as_text():
    checked = check_folder(PLANS / "valid" / "minimal")
    assert checked.ok and checked.problems == []
    plan = checked.plan
    assert plan.header.document_number == "04524"  # not the octal 2388
    assert plan.vision.ko == "12:30"                # not the sexagesimal 750
    assert plan.goals[0].ko == "no"                 # not False
    assert len(checked.results) > 30 and all(r.ok for r in checked.results)


def test_seed_loads_in_full():
    checked = check_folder(SEED)
    assert checked.ok
    plan = checked.plan
    assert [a.name.ko for a in plan.approval] == ["김형만", "이재현", "김정애", "고재풍", "김경호",
                                                  "김기동"]
    assert len(plan.sections) == 12
    rows = [r for g in plan.summary_schedule.groups for r in g.rows]
    assert len(rows) == 13 and rows[4].months == [10, 11]
    assert plan.header.document_number == "일자리경제과-2685"


def test_seed_findings_are_reported_honestly():
    """The approved seed passes every arithmetic check; its schedule findings are warnings."""
    checked = check_folder(SEED)
    lines = [f"{p.file}:{p.line}:{p.col}: {p.severity}: {p.path}: {p.message} ({p.rule})"
             for p in checked.problems]
    golden(ROOT / "tests" / "golden" / "seed-findings.txt", "\n".join(lines) + "\n")
    assert all(p.severity == "warning" for p in checked.problems)
    failed = {r.rule for r in checked.results if not r.ok}
    assert failed == {"schedule-row-period", "targets-plan-year", "date-in-plan-year"}


def test_seed_budget_overview_is_exact_in_won():
    overview = budget_overview(check_folder(SEED).plan)
    assert overview.total == 319_420_000
    assert overview.by_source() == {"국비": 50_000_000, "시비": 38_420_000, "구비": 31_000_000,
                                    "미지정": 200_000_000}
    assert sum(overview.by_source().values()) == overview.total
    assert [s.id for _, s, _ in overview.unbudgeted] == ["public-procurement", "youth-supporters"]
    assert all(isinstance(r.won, int) for r in overview.rows) and Decimal(0) == sum(
        r.remainder for r in overview.rows)
