"""Problems speak the plan officer's language: Korean by default, English with ``--lang en``.

Every check, loader, YAML and schema message is in the ``checks`` catalog and translated into
Korean; the command line's own lines (summaries, ``hint:``) come from the ``interface`` catalog;
an unknown key is only ever compared with the keys valid where it stands."""

from __future__ import annotations

import copy
import json
import re
import shutil

import pytest
from pydantic import ValidationError

from generator import model, parsing
from generator.locale.words import word
from generator.cli import main
from generator.locale import LANGUAGES, catalog_path, extract, get, messages
from generator.locale.particles import final_sound, resolve
from generator.loading import read_plan_data
from generator.pipeline import check_folder
from generator.schema_errors import (VALUE_ERRORS, model_at, schema_problems, valid_keys,
                                     value_error_words)
from generator.yamlsource import read_yaml

from .conftest import PLANS, SEED

HANGUL = re.compile(r"[\uac00-\ud7a3]")
PYDANTIC_WORDS = ("Input should", "Value error", "Field required", "Extra inputs",
                  "String should", "List should", "valid dictionary")
"""Pydantic's own English, which no Korean problem may show."""
MANY = PLANS / "invalid" / "many-problems"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text))


# -- the catalogs ------------------------------------------------------------------------------

def test_every_check_message_the_code_uses_is_translated_into_korean():
    """No message of the checks catalog that the code uses reads as its English id in Korean:
    each has a non-empty, non-fuzzy Korean entry that keeps its placeholders (it may reorder
    them, and drop the quotes of ``{name!r}``)."""
    used = extract.used_messages()["checks"]
    ko = messages("ko", "checks")
    missing = sorted(used - set(ko))
    assert not missing, f"untranslated in {catalog_path('ko', 'checks')}: {missing[:10]}"
    for msgid in used:
        assert _placeholders(ko[msgid]) == _placeholders(msgid), msgid


@pytest.mark.parametrize("domain", ["checks", "interface"])
def test_the_english_catalogs_are_complete(domain):
    used = extract.used_messages()[domain]
    en = messages("en", domain)
    assert not sorted(used - set(en))
    if domain == "checks":  # the ids are the English wording
        assert all(en[m] == m for m in used)


# -- Korean by default, English with --lang en -------------------------------------------------

def test_validate_prints_korean_problems_by_default_and_english_with_lang_en(capsys):
    assert main(["validate", str(MANY)]) == 1
    ko = capsys.readouterr()
    assert "error: titel: 이 자리에 쓸 수 없는 키입니다: ‘titel’ (schema-unknown-key)" in ko.out
    assert "    도움말: `title`의 오타가 아닌지 확인하세요" in ko.out
    assert "계획 1개, 점검 0건: 오류 4건, 경고 0건" in ko.err
    assert not any(w in ko.out for w in PYDANTIC_WORDS)
    assert main(["validate", "--lang", "en", str(MANY)]) == 1
    en = capsys.readouterr()
    assert "error: titel: unknown key 'titel' (schema-unknown-key)" in en.out
    assert "    hint: did you mean `title`?" in en.out
    assert "1 plan(s), 0 check(s): 4 error(s), 0 warning(s)" in en.err
    assert not HANGUL.search(en.err)


def test_the_severity_stays_a_token_tools_parse(capsys):
    """``file:line:col: error:`` / ``warning:`` in every language (editors and CI match it)."""
    for lang in LANGUAGES:
        main(["validate", "--lang", lang, str(SEED), str(MANY)])
        lines = [x for x in capsys.readouterr().out.splitlines() if not x.startswith("    ")]
        assert lines and all(re.match(r"^[^:]+:\d+:\d+: (error|warning): ", x) for x in lines)


def test_json_and_github_formats_carry_the_chosen_language(capsys):
    main(["validate", "--format", "json", str(MANY)])
    problems = json.loads(capsys.readouterr().out)
    assert any(p["hint"] == "`title`의 오타가 아닌지 확인하세요" for p in problems)
    main(["validate", "--format", "github", "--lang", "en", str(MANY)])
    assert "hint: did you mean `title`?" in capsys.readouterr().out


def test_parallel_workers_word_problems_in_the_language_asked_for(tmp_path, monkeypatch):
    from generator import pipeline
    for name in ("a", "b"):
        shutil.copytree(MANY, tmp_path / name)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    en = [p.message for v in pipeline.iter_verdicts([tmp_path], jobs=2, loc=get("en"))
          for p in v.problems]
    ko = [p.message for v in pipeline.iter_verdicts([tmp_path], jobs=2) for p in v.problems]
    assert "unknown key 'titel'" in en and "이 자리에 쓸 수 없는 키입니다: ‘titel’" in ko


def test_build_prints_in_the_language_asked_for_and_writes_the_same_outputs(tmp_path, capsys):
    for lang in LANGUAGES:
        out = tmp_path / lang
        assert main(["build", str(SEED), "--out", str(out), "--only", "checks",
                     "--lang", lang]) == 0
    printed = capsys.readouterr()
    assert "built 1 plan(s) into" in printed.out and "계획 1개를" in printed.out
    assert "is not in the plan year 2016 (date-in-plan-year)" in printed.err
    assert "계획연도(2016년)를 벗어납니다 (date-in-plan-year)" in printed.err
    for name in ("checks.json", "checks.md"):
        assert (tmp_path / "ko" / name).read_bytes() == (tmp_path / "en" / name).read_bytes()
    report = json.loads((tmp_path / "en" / "checks.json").read_text("utf-8"))["plans"][0]
    assert report["summary"] == "오류 0건, 경고 5건"
    assert all(HANGUL.search(p["message"]) for p in report["problems"])


def test_a_build_that_stops_says_so_in_the_language_asked_for(tmp_path, capsys):
    plan = tmp_path / "plan"
    shutil.copytree(MANY, plan)
    assert main(["build", str(plan), "--out", str(tmp_path / "out"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "build stopped: 4 error(s), 0 warning(s);" in err and "was left as it was" in err
    assert main(["build", str(plan), "--out", str(tmp_path / "out")]) == 1
    assert "빌드를 멈췄습니다: 오류 4건, 경고 0건." in capsys.readouterr().err


# -- loader, YAML and schema problems in Korean ------------------------------------------------

BROKEN = [
    ("header.approved_on", "2016-02-30"), ("header.disclosure", "공개함"),
    ("header.disclosure", None), ("year", "2016년"), ("goals", "비전"),
    ("title", None), ("title", ["a"]), ("title", ""), ("header", "x"), ("approval", None),
    ("language", "en"), ("sections.0.id", "First"), ("sections.0.title", {"ko": "x", "eng": 1}),
    ("sections.0.parts.0.blocks.0.type", "chart"),
    ("sections.0.parts.0.blocks.2.rows.0.total", "maybe"),
    ("sections.0.parts.0.blocks.2.columns.1.type", "num"),
    ("sections.0.parts.0.blocks.1.years", {"16": 1}),
    ("sections.0.parts.0.blocks.1.total", "1234567890123456789012"),
    ("sections.0.parts.0.blocks.0.items.1.count", "아홉개"),
    ("sections.0.parts.0.blocks.0.items.0.period", "2016-01..2015-12"),
    ("sections.0.parts.0.blocks.0.items.4.budget.funding", "국:시=50:25:25"),
    ("sections.0.parts.0.blocks.0.items.4.budget.funding", {"국비": 50, "씨비": 50}),
    ("sections.0.parts.2.blocks.0.items.0.when", "2016년 2월"),
    ("cover.emphasis", "zz"), ("summary_schedule.groups.0.rows.0.months", "1-13"),
]
"""Values the plan officer may write wrongly: (a dotted path into the minimal plan, the value)."""


def _set(data, dotted: str, value):
    *head, last = [int(k) if k.isdigit() else k for k in dotted.split(".")]
    for key in head:
        data = data[key]
    data[last] = value


def _schema_problems(dotted, value, lang="ko"):
    smap, _ = read_plan_data(PLANS / "valid" / "minimal")
    smap.data = copy.deepcopy(smap.data)
    _set(smap.data, dotted, value)
    with pytest.raises(ValidationError) as exc:
        model.Plan.model_validate(smap.data)
    return schema_problems(exc.value, smap, get(lang))


@pytest.mark.parametrize("dotted,value", BROKEN, ids=[f"{d}={v!r}" for d, v in BROKEN])
def test_schema_problems_are_korean_with_a_hint(dotted, value):
    problems = _schema_problems(dotted, value)
    assert problems
    for p in problems:
        assert HANGUL.search(p.message) and HANGUL.search(p.hint), p
        assert not any(w in p.message + p.hint for w in PYDANTIC_WORDS), p
        assert "이(가)" not in p.message or "’이(가)" in p.message, p  # resolved after figures


def test_the_same_problems_read_in_english():
    en = _schema_problems("header.approved_on", "2016-02-30", "en")
    assert [(p.message, p.hint) for p in en] == [
        ("'2016-02-30' is not a valid date (that month has no such day)",
         "write dates as YYYY-MM-DD, e.g. 2016-01-19")]
    ko = _schema_problems("header.approved_on", "2016-02-30")
    assert [(p.message, p.hint) for p in ko] == [
        ("올바른 날짜가 아닙니다: ‘2016-02-30’ (그 달에는 없는 날입니다)",
         "날짜는 YYYY-MM-DD 형식으로 쓰세요. 예: 2016-01-19")]


@pytest.mark.parametrize("text", [
    b"a: [1, 2", b"a: b: c", b"a:\n  - x\n b: 1", b"a: 'x", b"a:\n\t- x", b"a: \"\\q\"",
    b"a: \x07", b"\xff\xfe", b"a: &x 1\nb: *x", b"a: !!int 3", b"a: 1\na: 2", b"a: 1\n---\nb: 2",
])
def test_yaml_problems_are_korean(text):
    problems = read_yaml(text, "x.yaml").problems
    assert problems
    for p in problems:
        assert HANGUL.search(p.message) and HANGUL.search(p.hint), p
        # the parser's English is worded from the catalog, never shown as it is
        assert not re.search(r"\b(while|found|expected|character|invalid)\b", p.message), p


def test_a_control_character_is_located_where_it_stands():
    (p,) = read_yaml("title: 계획\nvision: 비전\x07\n".encode(), "x.yaml").problems
    assert (p.line, p.col, p.rule) == (2, 11, "yaml-control-character")
    assert p.message == "계획 파일에 쓸 수 없는 제어 문자가 있습니다: U+0007 (BEL)"


def test_loader_problems_are_korean(tmp_path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "plan.yml").write_text("id: x\n", "utf-8")
    checked = check_folder(tmp_path)
    assert [(p.message, p.hint) for p in checked.problems] == [
        (f"{tmp_path} 폴더에 plan.yaml 파일이 없습니다", "파일 이름을 바꾸세요: plan.yml → plan.yaml")]


# -- the ValueErrors of the parsers and validators ---------------------------------------------

RAISED = [
    lambda: parsing.parse_decimal("6OO"), lambda: parsing.parse_decimal("1" * 30),
    lambda: parsing.parse_int("7.5"), lambda: parsing.parse_money("100달러"),
    lambda: parsing.to_won(parsing.parse_decimal("0.5"), "원"),
    lambda: parsing.parse_point("2016-13"), lambda: parsing.parse_point("2016년"),
    lambda: parsing.parse_timing("2016-01..2016-02-03"),
    lambda: parsing.parse_timing("2016-03..2016-01"), lambda: parsing.parse_month_set("0-13"),
    lambda: parsing.parse_month_set("x"),
    lambda: parsing.parse_count("50∼40명"), lambda: parsing.parse_count("명"),
]
"""Calls that raise each ValueError of :mod:`generator.parsing`."""


@pytest.mark.parametrize("call", RAISED)
def test_every_parser_error_is_worded_from_the_catalog(call):
    with pytest.raises(ValueError) as exc:
        call()
    message, hint = value_error_words(exc.value)
    assert not isinstance(message, str), f"not in VALUE_ERRORS: {exc.value}"
    assert word(message, get("en")) == str(exc.value).replace("['", "").replace("']", "")
    assert HANGUL.search(word(message, get("ko"))) and HANGUL.search(word(hint, get("ko")))


def test_value_errors_of_the_model_are_worded_from_the_catalog():
    for dotted, value in [("sections.0.parts.0.blocks.1.years", {"16": 1}),
                          ("sections.0.parts.0.blocks.0.items.1.count", "아홉개"),
                          ("cover.emphasis", "zz"),
                          ("sections.0.parts.0.blocks.2.rows.1", {"라": "1"})]:
        for p in _schema_problems(dotted, value):
            assert not p.message.startswith("값이 올바르지 않습니다"), p  # the unrecognised frame


def test_an_unknown_value_error_keeps_its_words_in_a_korean_frame():
    message, hint = value_error_words(ValueError("something new went wrong"))
    assert (message, hint) == ("something new went wrong", None)


def test_every_listed_value_error_keeps_its_placeholders_in_its_hint():
    for message, hint in VALUE_ERRORS:
        assert _placeholders(hint) <= _placeholders(message), hint


# -- suggestions name only the keys valid where the key stands --------------------------------

def test_the_model_class_is_found_along_a_validation_location():
    loc = ("sections", 0, "parts", 0, "blocks", 2, "table", "rows", 0, "cells", "계")
    assert model_at(loc) is model.Cell
    assert model_at(("sections", 0, "parts", 0, "blocks", 2, "table")) is model.TableBlock
    data = {"sections": [{"parts": [{"blocks": [{"type": "schedule"}]}]}]}
    assert model_at(("sections", 0, "parts", 0, "blocks", 0), data) is model.ScheduleBlock
    assert model_at(("title",)) is model.Text
    assert model_at(("nowhere", "at all")) is None


def test_an_unknown_key_is_compared_with_the_keys_valid_there_only():
    """``note`` is a key of a note block, a funding split and an organisation, not of a table:
    ``footnote`` under a table suggests nothing, and the hint lists the table's keys."""
    (p,) = _schema_problems("sections.0.parts.0.blocks.2.footnote", "x")
    assert p.rule == "schema-unknown-key" and p.path == "parts[0].blocks[2].footnote"
    assert "note" not in p.hint.replace("footnote", "")
    assert p.hint == "지우거나, 이 자리에 쓸 수 있는 키로 고치세요: " + ", ".join(
        valid_keys(model.TableBlock))
    (en,) = _schema_problems("sections.0.parts.0.blocks.2.footnote", "x", "en")
    assert en.hint == "remove it; the keys valid here are id, internal, type, caption, unit, columns, " \
                      "rows, header_column, budget"


@pytest.mark.parametrize("dotted,suggested", [
    ("sections.0.titel", "title"), ("sections.0.parts.0.budgets", "budget"),
    ("sections.0.parts.0.blocks.2.rows.0.totl", "total"),
    ("sections.0.parts.0.blocks.0.items.0.vaule", "value"),
])
def test_a_misspelt_key_suggests_the_valid_key_close_to_it(dotted, suggested):
    problems = [p for p in _schema_problems(dotted, "x", "en") if p.rule == "schema-unknown-key"]
    assert [p.hint for p in problems] == [f"did you mean `{suggested}`?"]


def test_a_key_of_another_place_is_not_suggested():
    """``caption`` is a key of tables and targets, not of a schedule block."""
    (p,) = _schema_problems("sections.0.parts.2.blocks.0.captoin", "x", "en")
    assert "caption" not in p.hint and p.hint.endswith("id, internal, type, kind, marker, items")


# -- Korean particles --------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("계 240,010천원이(가) 항목의 합 240,000천원과(와) 다릅니다",
     "계 240,010천원이 항목의 합 240,000천원과 다릅니다"),
    ("합 30개이(가)", "합 30개가"), ("2016이(가)", "2016이"), ("9을(를)", "9를"),
    ("100은(는)", "100은"), ("7.5%이(가)", "7.5%가"), ("3월(으)로", "3월로"),
    ("‘2016. 3월’이(가)", "‘2016. 3월’이"), ("‘title’이(가)", "‘title’이(가)"),
    ("20,000과(와)", "20,000과"), ("5을(를)", "5를"), ("사업(으)로", "사업으로"),
    ("2027. 12. 10.이(가)", "2027. 12. 10.이"), ("2027. 3.은(는)", "2027. 3.은"),
])
def test_particles_follow_the_word_before_them(text, expected):
    assert resolve(text) == expected


def test_the_final_sound_of_figures_is_read_the_korean_way():
    assert [final_sound(x) for x in ("10", "100", "1,000", "10,000", "100,000,000", "5")] == \
        ["ㅂ", "ㄱ", "ㄴ", "ㄴ", "ㄱ", ""]
    assert final_sound("abc") is None


def test_a_figure_cut_by_a_comma_inside_braces_gets_a_hint_to_quote_it():
    """``{amount: 13,420천원}`` reads as ``amount: 13`` and a key ``420천원``: the hint says why
    and names the fix."""
    from generator.pipeline import check_folder
    checked = check_folder(PLANS / "invalid" / "schema-flow-comma")
    (p,) = [p for p in checked.problems if p.rule == "schema-unknown-key"]
    assert "따옴표" in p.hint and '"3,600만원"' in p.hint


@pytest.mark.parametrize("written, meant", [
    ("2027.1.15", "2027-01-15"), ("2027. 1. 15.", "2027-01-15"), ("2027/01/15", "2027-01-15"),
    ("2027년 1월 15일", "2027-01-15"), ("2027-1-5", "2027-01-05"), ("2027.1.10", "2027-01-10"),
    ("2027.2.30", None), ("15 Jan 2027", None), ("2027.1", None), (20270115, None)])
def test_a_date_written_as_documents_write_it_is_read_for_the_hint(written, meant):
    from generator.schema_errors import written_date
    assert written_date(written) == meant


def test_the_hint_for_a_dotted_date_gives_the_date_to_write(capsys):
    from .conftest import PLANS
    assert main(["validate", str(PLANS / "invalid" / "schema-date-written")]) == 1
    err = capsys.readouterr().out
    assert "‘2016. 1. 19.’ (연, 월, 일을 `-`로 잇고 월과 일은 두 자리로 씁니다)" in err
    assert "도움말: 2016-01-19로 쓰세요" in err
