"""What real plans of other offices need (issue 11): past chronologies with two-digit years,
durations printed in an agenda's time cells, and counts that are not whole (ranges, decimals,
percentages) — each parsed, checked where it carries figures, and shown as written."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator import model, parsing
from generator.checks.splits import agrees
from generator.locale import get
from generator.pipeline import check_folder

from .conftest import PLANS

MINIMAL = PLANS / "valid" / "minimal"

SECTION = """\
id: second
title: 둘째 사업
parts:
  - title: 사업개요
    blocks:
      - type: overview
        items:
          - key: 사업기간
            value: 2016. 3. ~ 4.
            period: 2016-03..2016-04
{overview}
{parts}
"""


def _check(tmp_path: Path, overview: str = "", parts: str = ""):
    """The minimal plan (2016) with its second section replaced."""
    plan = tmp_path / "minimal"
    shutil.copytree(MINIMAL, plan)
    (plan / "sections" / "02-second.yaml").write_text(
        SECTION.format(overview=overview, parts=parts), encoding="utf-8")
    return check_folder(plan)


def _found(checked, *rules) -> list[tuple[int, str, str]]:
    return [(p.line, p.rule, p.severity) for p in checked.problems
            if p.file.endswith("02-second.yaml") and (not rules or p.rule in rules)]


# -- parsing --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parsed", [
    ("14:00", (840, None, None)),
    ("14:00~14:30", (840, 870, None)),
    ("14:00 ∼ 14:30", (840, 870, None)),
    ("16:00~17:30(90분)", (960, 1050, 90)),
    ("16:20~17:25('65)", (980, 1045, 65)),
    ("16:20~17:25(’65)", (980, 1045, 65)),
    ("16:20~17:25 (65')", (980, 1045, 65)),
    ("16:00～17:30(1시간 30분)", (960, 1050, 90)),
    ("14:00(30분)", (840, None, 30)),
    ("(90분)", (None, None, 90)),
    ("90분", (None, None, 90)),
])
def test_a_time_cell_is_read_with_its_printed_duration(text, parsed):
    assert parsing.parse_clock(text) == parsed


@pytest.mark.parametrize("text", ["14시", "14:00~", "(90분", "25:00", "14:00~14:30 90분"])
def test_a_time_cell_that_is_no_time_is_refused(text):
    with pytest.raises(ValueError):
        parsing.parse_clock(text)


def test_a_duration_alone_is_not_a_clock_range():
    with pytest.raises(ValueError):
        parsing.parse_clock_range("(90분)")
    assert parsing.parse_clock_range("16:00~17:30(90분)") == (960, 1050)


def test_printed_durations_are_found_in_a_line():
    line = "2027. 6. 17.(목) 16:00~17:30(90분), 만찬 18:00 ~ 19:00 (60분)"
    assert [d[:3] for d in parsing.printed_durations(line)] == [(960, 1050, 90),
                                                                (1080, 1140, 60)]
    assert parsing.printed_durations("2027. 5. 20.(목) 14:00 ~ 17:00") == []


@pytest.mark.parametrize("text, parsed", [
    ("9개", {"value": "9", "unit": "개"}),
    ("10.5회", {"value": "10.5", "unit": "회"}),
    ("55.5%", {"value": "55.5", "unit": "%"}),
    ("40∼50명", {"value": "40", "to": "50", "unit": "명"}),
    ("40~50명", {"value": "40", "to": "50", "unit": "명"}),
    ("40명∼50명", {"value": "40", "to": "50", "unit": "명"}),
    ("1,000 ~ 2,000명", {"value": "1000", "to": "2000", "unit": "명"}),
])
def test_a_count_is_read_as_written(text, parsed):
    assert parsing.parse_count(text) == parsed


@pytest.mark.parametrize("text", ["50∼40명", "40∼40명", "40명∼50개", "명", "1,00명"])
def test_a_count_that_cannot_be_read_is_refused(text):
    with pytest.raises(ValueError):
        parsing.parse_count(text)


@pytest.mark.parametrize("printed, known, full", [
    ("’17. 7.25.", (), "2017. 7.25."),
    ("'16. 1월", (), "2016. 1월"),
    ("‘21. 11. 2.", (), "2021. 11. 2."),
    ("’98. 3.", (), "1998. 3."),      # more than ten years after the plan year: the 1900s
    ("17. 7. 25.", (2017,), "2017. 7. 25."),  # without its mark: only a typed year
    ("17. 7. 25.", (), "17. 7. 25."),
    ("7. 25.", (2017,), "7. 25."),
])
def test_two_digit_years_are_written_out(printed, known, full):
    assert parsing.expand_short_years(printed, 2027, known) == full


# -- chronologies ---------------------------------------------------------------------------

def _chronology(items: str, kind: str = "chronology") -> str:
    return f"""  - title: 추진경과
    blocks:
      - type: schedule
        kind: {kind}
        items:
{items}"""


PAST = """\
          - {text: 협약 체결, when: 2013-07-25, when_text: ’13. 7.25.}
          - {text: 센터 개소, when: 2014-03, when_text: "'14. 3월"}
          - {text: 사전 협의, when: 2016-01-12, when_text: 16. 1.12.}
"""


def test_a_chronologys_past_dates_are_not_schedule_mistakes(tmp_path):
    assert _found(_check(tmp_path, parts=_chronology(PAST))) == []


def test_the_same_items_in_a_schedule_are_reported(tmp_path):
    rules = {r for _, r, _ in _found(_check(tmp_path, parts=_chronology(PAST, "schedule")))}
    assert {"date-in-plan-year", "schedule-within-period"} <= rules


def test_a_chronology_item_after_the_plan_year_is_reported(tmp_path):
    checked = _check(tmp_path, parts=_chronology(
        "          - {text: 협약 체결, when: 2017-07-25}\n"))
    assert _found(checked) == [(17, "date-in-plan-year", "warning")]
    assert "추진경과" in checked.problems[-1].message


def test_a_wrong_two_digit_year_is_a_printed_timing_warning(tmp_path):
    checked = _check(tmp_path, parts=_chronology(
        "          - {text: 협약 체결, when: 2013-07-25, when_text: ’15. 7.25.}\n"))
    assert _found(checked) == [(17, "printed-timing", "warning")]


def test_one_misplaced_item_is_reported_once_naming_both_dates(tmp_path):
    checked = _check(tmp_path, parts=_chronology("""\
          - {text: 가, when: 2012-01}
          - {text: 나, when: 2015-06-30}
          - {text: 다, when: 2013-02}
          - {text: 라, when: 2014-05}
          - {text: 마, when: 2015-06}
"""))
    assert _found(checked) == [(19, "chronology-order", "error")]
    message = checked.problems[-1].message
    assert "2013. 2월" in message and "2015. 6. 30." in message
    assert checked.problems[-1].hint  # how to fix it


def test_a_day_within_the_month_above_is_in_order_and_children_count(tmp_path):
    checked = _check(tmp_path, parts=_chronology("""\
          - text: 협약
            when: 2015-06-30
            children:
              - {text: 세부 협의, when: 2015-06}
              - {text: 공간 조성, when: 2015-05..2015-06}
              - {text: 착공, when: 2014-12}
          - {text: 개소, when: 2015-09, children: [{text: 점검, when: 수시}]}
"""))
    assert _found(checked) == [(22, "chronology-order", "error")]  # 착공 2014-12


# -- printed durations ----------------------------------------------------------------------

def _agenda(rows: str, value: str = "") -> str:
    return f"""  - title: 진행 순서
{value}    blocks:
      - type: table
        caption: 진행 순서
        columns:
          - {{key: 시간, label: 시간, type: time}}
          - {{key: 내용, label: 내용, role: label}}
        rows:
{rows}"""


ROWS = """\
          - {total: true, cells: {시간: "TOTAL", 내용: 계}}
          - {시간: "16:00~16:30(30분)", 내용: 개회}
          - {시간: "16:30(40')", 내용: 발표}
          - {시간: "17:10~17:30('20)", 내용: 폐회}
"""


def test_an_agenda_whose_length_is_stated_right_passes(tmp_path):
    checked = _check(tmp_path, overview="          - {key: 일시, value: "
                                        "\"2016. 3. 5.(토) 16:00~17:30(90분)\"}",
                     parts=_agenda(ROWS.replace("TOTAL", "16:00~17:30(90분)"),
                                   "    value: 16:00∼17:30(1시간 30분)\n"))
    assert _found(checked) == []
    totals = [r for r in checked.results if r.rule == "table-duration-total"]
    assert len(totals) == 6 and all(r.ok for r in totals)  # 3 statements, each twice


def test_a_total_row_that_is_not_the_sum_is_caught_with_both_figures(tmp_path):
    checked = _check(tmp_path, parts=_agenda(ROWS.replace("TOTAL", "(100분)")))
    assert _found(checked) == [(20, "table-duration-total", "error")]
    assert "90분" in checked.problems[-1].message and "100분" in checked.problems[-1].message


def test_a_line_whose_printed_minutes_are_not_its_clock_range_is_caught(tmp_path):
    checked = _check(tmp_path, overview="          - {key: 일시, value: "
                                        "\"2016. 3. 5.(토) 16:00~17:30(80분)\"}",
                     parts=_agenda(ROWS.replace("TOTAL", "(90분)")))
    assert _found(checked) == [(11, "table-duration-total", "error")]
    assert "90분" in checked.problems[-1].message and "80분" in checked.problems[-1].message


def test_an_overview_line_is_compared_with_the_agenda(tmp_path):
    checked = _check(tmp_path, overview="          - {key: 일시, value: "
                                        "\"2016. 3. 5.(토) 16:00~17:40(100분)\"}",
                     parts=_agenda(ROWS.split("\n", 1)[1]))  # no 계 row
    assert _found(checked) == [(11, "table-duration-total", "error")]
    assert "90분" in checked.problems[-1].message and "100분" in checked.problems[-1].message


def test_a_gap_between_items_is_a_warning(tmp_path):
    checked = _check(tmp_path, parts=_agenda(ROWS.replace("TOTAL", "(90분)").replace(
        "17:10~17:30('20)", "17:20~17:30('10)")))
    assert _found(checked) == [(20, "table-duration-total", "error"),  # 80 of 90 minutes
                               (23, "table-times", "warning")]


# -- counts that are not whole --------------------------------------------------------------

D = Decimal


@pytest.mark.parametrize("total, found, allowance, ok", [
    ((40, 50), (40, 50), 0, True),     # 40∼50 = 20∼25 + 20∼25
    ((40, 50), (40, 55), 0, False),
    ((40, 50), (45, 45), 0, False),    # exact parts: the count is 45, not a range
    ((45, 45), (40, 50), 0, True),     # one figure within what the ranged parts allow
    ((52, 52), (40, 50), 0, False),
    ((100, 100), (D("100.1"), D("100.1")), D("0.2"), True),
    ((100, 100), (D("100.3"), D("100.3")), D("0.2"), False),
])
def test_a_total_agrees_with_its_parts_as_ranges(total, found, allowance, ok):
    assert agrees(tuple(map(D, total)), tuple(map(D, found)), D(allowance)) is ok


def _count(value: str, count: str) -> str:
    return f"          - {{key: 인원, value: \"{value}\", count: {count}}}"


@pytest.mark.parametrize("value, count, problems", [
    ("40∼50명", "{value: 40∼50, unit: 명, parts: [{label: 가, value: 20∼25}, "
                "{label: 나, value: 20~25}]}", []),
    ("45명", "{value: 45, unit: 명, parts: [{label: 가, value: 20∼25}, {label: 나, value: 25}]}",
     []),
    ("40∼50명", "{value: 40∼50, unit: 명, parts: [{label: 가, value: 20}, {label: 나, value: 25}]}",
     [(11, "count-breakdown", "error")]),
    ("10.5회", "{value: 10.5, unit: 회, parts: [{label: 가, value: 4.5}, {label: 나, value: 6}]}",
     []),
    ("100%", "{value: 100, unit: \"%\", parts: [{label: 가, value: 33.4}, {label: 나, value: 33.4}, "
             "{label: 다, value: 33.3}]}", []),       # 100.1: rounding (at most 0.15)
    ("100%", "{value: 100, unit: \"%\", parts: [{label: 가, value: 33.5}, {label: 나, value: 33.4}, "
             "{label: 다, value: 33.4}]}", [(11, "count-breakdown", "error")]),  # 100.3
    ("100명", "{value: 100, unit: 명, parts: [{label: 가, value: 33.4}, {label: 나, value: 33.4}, "
              "{label: 다, value: 33.3}]}", [(11, "count-breakdown", "error")]),  # not rounded
    ("40명", "{value: 40∼50, unit: 명}", [(11, "printed-figure", "warning")]),  # 50 not printed
])
def test_count_breakdowns_are_summed_honestly(tmp_path, value, count, problems):
    assert _found(_check(tmp_path, overview=_count(value, count))) == problems


def test_a_range_target_holding_the_tables_figure_is_a_warning(tmp_path):
    plan = tmp_path / "minimal"
    shutil.copytree(MINIMAL, plan)
    path = plan / "sections" / "01-first.yaml"
    text = path.read_text(encoding="utf-8")
    for target, expected in (("290∼310명", "warning"), ("310∼320명", "error"),
                             ("300명", None)):
        path.write_text(text.replace("value: 300명\n            target: 300명",
                                     f"value: {target}\n            target: {target}"),
                        encoding="utf-8")
        found = [p.severity for p in check_folder(plan).problems if p.rule == "targets-plan-year"]
        assert found == ([expected] if expected else []), target


def test_a_range_keeps_both_ends_in_the_model_and_the_data():
    c = model.Count.model_validate({"value": "40~50", "unit": "명",
                                    "parts": [{"label": "가", "value": "20∼25"}]})
    assert c.ends() == (40, 50) and c.parts[0].ends() == (20, 25)
    assert c.model_dump(mode="json")["to"] == "50"
    assert model.Count.model_validate("55.5%").value == Decimal("55.5")
    with pytest.raises(ValueError):
        model.Count.model_validate({"value": "20~25", "to": 30})


def test_counts_are_shown_as_written_in_korean_and_sensibly_in_english():
    c = model.Count.model_validate({"value": "40~50", "unit": {"ko": "명"},
                                    "parts": [{"label": "가", "value": "20∼25"}]})
    c.unit.en = "persons"
    assert get("ko").count(c) == "40~50명(가 20~25명)"
    assert str(get("en").count(model.Count.model_validate({"value": "40~50", "unit": c.unit})
                               )) == "40–50 persons"
    assert get("ko").count(model.Count.model_validate("10.5회")) == "10.5회"
    assert str(get("en").count(model.Count.model_validate("55.5%"))) == "55.5%"
