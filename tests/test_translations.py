"""Translations live in one gettext catalog per plan and language (translations/en.po): each
text is translated, stale (its Korean changed after it was translated) or missing; validate
reports each stale or missing text at its line, and `plansite translate` keeps the catalog in
step with the plan."""

from __future__ import annotations

import shutil

import pytest

from generator import translations as tr
from generator.cli import main
from generator.pipeline import check_folder

from .conftest import PLANS

SEED = PLANS.parent.parent / "plan" / "gwangjin-2016-job-operations"


def _translate_all(folder) -> None:
    """Give every entry of the plan's catalog an English text (as a translator would)."""
    assert main(["translate", str(folder)]) == 0
    cat = tr.read(folder, "en")
    for m in cat:
        if m.id:
            # English that writes the Korean's figures (amounts in won)
            m.string = "EN " + " ".join(str(v) for v in sorted(tr.korean_figures(m.id)))
            m.flags.discard("fuzzy")
    tr.catalog_path(folder, "en").write_bytes(tr.dump(cat))


@pytest.fixture
def plan(tmp_path):
    folder = tmp_path / "minimal"
    shutil.copytree(PLANS / "valid" / "minimal", folder)
    _translate_all(folder)
    return folder


def _translation_problems(checked):
    return [(p.file.rsplit("/", 1)[-1], p.line, p.rule) for p in checked.problems
            if p.rule.startswith("translation")]


def test_the_seed_is_wholly_translated_and_nothing_is_stale():
    checked = check_folder(SEED)
    status = checked.translations["en"].as_data()
    assert status["catalog"] and status["percent"] == 100.0
    assert (status["stale"], status["missing"]) == (0, 0)
    assert status["translated"] == status["texts"] > 300
    assert _translation_problems(checked) == []
    # the model's texts carry their English once loaded
    assert checked.plan.office.team.en == "Job Operations Team"


def test_the_seeds_catalog_is_in_step_with_the_plan():
    """`plansite translate` would not change a byte of the committed catalog."""
    checked = check_folder(SEED)
    catalog = tr.merged_catalog(checked.plan, checked.source, SEED, "en")
    assert tr.dump(catalog) == tr.catalog_path(SEED, "en").read_bytes()


def test_one_missing_and_one_stale_text_are_two_located_problems(plan):
    first = plan / "sections" / "01-first.yaml"
    text = first.read_text(encoding="utf-8")
    assert "title: 첫 사업\n" in text and "text: 공고," in text
    text = text.replace("title: 첫 사업\n", "title: 첫 번째 사업\n")    # changed: stale
    text = text.replace("text: 공고,", "text: 모집 공고,")            # a new text: missing?
    first.write_text(text, encoding="utf-8")
    checked = check_folder(plan)
    status = checked.translations["en"]
    found = sorted(_translation_problems(checked))
    stale = [t.text.ko for t in status.stale]
    missing = [t.text.ko for t in status.missing]
    # Babel's merge offers the old translation of a close Korean text, marked fuzzy: both
    # edits are stale (a translation exists, made from other Korean), none silently shown
    assert sorted(stale + missing) == ["모집 공고", "첫 번째 사업"]
    assert len(found) == 2 and {f[0] for f in found} == {"01-first.yaml"}
    assert status.as_data()["translated"] == status.total - 2
    assert all(t.text.en == "" for t in status.stale + status.missing)  # never shown stale
    # the stale message names the Korean it was made from
    messages = [p.message for p in checked.problems if p.rule == "translation-stale"]
    assert any("첫 사업" in m for m in messages)


def test_a_text_with_no_entry_at_all_is_missing(plan):
    second = plan / "sections" / "02-second.yaml"
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("text: 실시,", "text: 완전히 새로운 일정표 작성,"),
                      encoding="utf-8")
    checked = check_folder(plan)
    assert [t.text.ko for t in checked.translations["en"].missing] == ["완전히 새로운 일정표 작성"]
    (p,) = [p for p in checked.problems if p.rule == "translation-missing"]
    assert p.file.endswith("02-second.yaml") and p.severity == "warning"
    assert "plansite translate" in p.hint


def test_after_translate_and_translating_both_are_gone(plan, capsys):
    first = plan / "sections" / "01-first.yaml"
    text = first.read_text(encoding="utf-8").replace("title: 첫 사업\n", "title: 첫 번째 사업\n")
    first.write_text(text, encoding="utf-8")
    assert main(["translate", str(plan)]) == 0
    po = tr.catalog_path(plan, "en").read_text(encoding="utf-8")
    assert '#, fuzzy' in po and '#| msgid "첫 사업"' in po   # the translator sees what changed
    _translate_all(plan)
    checked = check_folder(plan)
    assert _translation_problems(checked) == []
    assert checked.translations["en"].percent == 100.0
    capsys.readouterr()
    assert main(["translate", str(plan)]) == 0
    assert "(100.0%), 오래됨 0개, 없음 0개" in capsys.readouterr().out


def test_strict_fails_on_a_stale_translation(plan):
    first = plan / "sections" / "01-first.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("title: 첫 사업\n",
                                                              "title: 첫 번째 사업\n"),
                     encoding="utf-8")
    assert main(["validate", str(plan)]) == 0
    assert main(["validate", "--strict", str(plan)]) == 1


def test_a_plan_without_a_catalog_is_not_flooded_with_problems():
    checked = check_folder(PLANS / "valid" / "minimal")
    status = checked.translations["en"]
    assert not status.has_catalog and status.percent == 0.0 and status.total > 10
    assert _translation_problems(checked) == []


def test_english_beside_the_korean_is_refused_with_a_hint(tmp_path):
    folder = tmp_path / "minimal"
    shutil.copytree(PLANS / "valid" / "minimal", folder)
    plan_yaml = folder / "plan.yaml"
    plan_yaml.write_text(plan_yaml.read_text(encoding="utf-8").replace(
        "title: 2016년 시험 계획\n", "title: {ko: 2016년 시험 계획, en: Test plan 2016}\n"),
        encoding="utf-8")
    checked = check_folder(folder)
    (p,) = [p for p in checked.problems if p.severity == "error"]
    assert p.line > 1 and "translations/en.po" in p.message and "plansite translate" in p.hint


@pytest.mark.parametrize("korean,english,same", [
    ("2016. 7 ~ 9월", "July–September 2016", True),
    ("13,420천원", "KRW 13.42 million", True),
    ("약 2억 원", "about KRW 200 million", True),
    ("’16. 1월 기준", "as of January 2016", True),
    ("2012. 12. 1. 시행", "in force from 1 December 2012", True),
    ("참여단체 28개", "27 member organisations", False),
    ("80백만원", "KRW 8 million", False),
    ("신청 기한", "the deadline may change", True),   # "may" is not May
])
def test_figures_are_compared_across_languages(korean, english, same):
    assert (tr.korean_figures(korean) == tr.english_figures(english)) is same


def test_a_translation_with_other_figures_is_a_located_warning(plan):
    cat = tr.read(plan, "en")
    entry = cat["첫 사업"]
    cat.delete("첫 사업")
    cat.add("첫 사업", "The 2nd project", locations=entry.locations)
    tr.catalog_path(plan, "en").write_bytes(tr.dump(cat))
    checked = check_folder(plan)
    found = [p for p in checked.problems if p.rule == "translation-figures"]
    # every place the text occurs: the section's title and the summary schedule's row
    assert sorted((p.file.rsplit("/", 1)[-1], p.line) for p in found) == [
        ("01-first.yaml", 2), ("plan.yaml", 28)]
    assert all("2" in p.message for p in found)


def test_the_check_report_gives_counts_and_each_stale_text_at_its_line(plan):
    from generator.report import markdown_report, plan_report
    first = plan / "sections" / "01-first.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("title: 첫 사업\n",
                                                              "title: 첫 번째 사업\n"),
                     encoding="utf-8")
    report = plan_report(check_folder(plan))
    (status,) = report["translations"]
    assert (status["stale"], status["missing"], status["texts"]) == (1, 0, 89)
    assert status["stale_texts"] == [{"file": "sections/01-first.yaml", "line": 2,
                                      "korean": "첫 번째 사업", "english": status["stale_texts"][0]
                                      ["english"], "previous": "첫 사업"}]
    import html
    md = html.unescape(markdown_report([report]))  # Markdown-escaped plan text, read back
    assert "영문 번역: 89개 중 88개(98.9%), 오래됨 1개, 없음 0개" in md
    assert "`sections/01-first.yaml:2` 첫 번째 사업" in md


def test_validate_says_a_plan_has_no_translation_yet(capsys):
    """The README says validate reports missing translations: a plan with no catalog says so
    (with its count of texts and the command that starts one), not nothing."""
    assert main(["validate", str(PLANS / "valid" / "bare")]) == 0
    err = capsys.readouterr().err
    assert "bare: 영문 번역: 아직 없음(글 " in err and "`plansite translate`로 시작합니다)" in err
    assert main(["validate", "--lang", "en", str(PLANS / "valid" / "bare")]) == 0
    assert "bare: English translation: none yet (" in capsys.readouterr().err
