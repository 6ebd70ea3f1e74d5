"""The loader under hostile input: files, text hygiene, honest messages, limits, ``--jobs``.

Every case of the hostile corpus (``tests/hostile/corpus.py``) is run through ``plansite
validate`` with a UTF-8 terminal's strictness: no traceback, the exit code documented for it,
the rules it must raise, every problem located and hinted, and nothing in the output that could
drive a terminal or forge a line.  The tests after it pin each behaviour down one by one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import traceback
from pathlib import Path

import pytest

from generator import cli, limits, model, parsing, pipeline
from generator.errors import PlanError
from generator.loading import load_plan, read_plan_data
from generator.problems import Problem, format_github, format_json, format_text
from generator.scaffold import new_plan
from generator.textsafety import nfc, shown, shown_name
from generator.yamlsource import read_yaml

from .conftest import PLANS, ROOT
from .hostile import corpus

MINIMAL = PLANS / "valid" / "minimal"
PROBLEM_LINE = re.compile(r'^(?P<file>"(?:[^"\\]|\\.)*"|[^":\s][^":]*):(?P<line>\d+):(?P<col>\d+): '
                          r"(?P<severity>error|warning): (?:(?P<path>[^ ]*): )?.*"
                          r" \((?P<rule>[a-z0-9]+(?:-[a-z0-9]+)*)\)$")
HINT_LINE = re.compile(r"^    도움말: \S")
SUMMARY = re.compile(r"^계획 (\d+)개, 점검 (\d+)건: 오류 (\d+)건, 경고 (\d+)건$")
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                    "\u2066-\u2069]")
"""What no printed line may hold: controls but newline, bidi controls, line separators."""


def run(args: list[str]) -> tuple[object, str, str]:
    """``plansite <args>`` in this process, printing to UTF-8 streams that refuse what a
    terminal's encoding refuses; (exit code or ``"crash"``, stdout, stderr)."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="strict", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = cli.main(args)
        except SystemExit as exc:
            code = exc.code
        except BaseException:  # noqa: BLE001 - a crash is what this looks for
            code = "crash"
            stderr.write(traceback.format_exc())
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def problems_printed(out: str) -> list[re.Match]:
    """The problem lines of ``validate``'s output; every line is a problem or its hint."""
    lines = out.splitlines()
    found = []
    for i, line in enumerate(lines):
        m = PROBLEM_LINE.match(line)
        if m:
            found.append(m)
            assert i + 1 < len(lines) and HINT_LINE.match(lines[i + 1]), \
                f"no hint after {line!r}"
        else:
            assert HINT_LINE.match(line), f"neither a problem nor a hint: {line!r}"
    return found


@pytest.mark.parametrize("case", corpus.CASES, ids=lambda c: c.name)
def test_hostile_input_gets_located_errors_and_no_traceback(case, tmp_path):
    args = corpus.build(case, tmp_path)
    code, out, err = run(["validate", *args])
    assert "Traceback" not in err and code != "crash", err
    assert code == case.code, (out, err)
    assert not UNSAFE.search(out) and not UNSAFE.search(err), "a raw control or bidi mark"
    printed = problems_printed(out)
    assert case.rules <= {m["rule"] for m in printed}
    for m in printed:
        assert int(m["line"]) >= 1 and int(m["col"]) >= 1
        if not m["file"].startswith('"'):  # a plain name is the file's path
            assert os.path.lexists(m["file"]), m["file"]
    if code == 2:  # argparse: a usage line and the error, in Korean
        assert err.startswith("사용법: plansite validate")
        assert "plansite validate: 오류: --jobs: " in err
        assert "1부터 64까지의 정수로 쓰세요" in err
        return
    summary = SUMMARY.match(err.splitlines()[-1])
    assert summary, err
    errors = sum(m["severity"] == "error" for m in printed)
    assert (int(summary[3]), int(summary[4])) == (errors, len(printed) - errors)
    assert (code == 1) == (errors > 0)


def test_the_corpus_covers_every_new_rule():
    """Each loader rule of this hardening is raised by some hostile case."""
    raised = set().union(*(c.rules for c in corpus.CASES))
    new = {"plan-file-outside", "plan-file-skipped", "plan-file-name",
           "plan-file-name-characters", "plan-id-duplicate", "yaml-control-character"}
    new |= {lim.rule for lim in limits.LIMITS if lim.rule}
    assert new <= raised, new - raised


# -- files --------------------------------------------------------------------------------

def test_a_link_inside_the_plan_folder_is_read(tmp_path):
    folder = corpus.plan(tmp_path, "linked")
    shared = folder / "shared"
    shared.mkdir()
    (folder / corpus.S2).rename(shared / "second.yaml")
    (folder / corpus.S2).symlink_to("../shared/second.yaml")
    loaded = load_plan(folder)
    assert loaded.plan is not None and not loaded.problems
    assert [s.id for s in loaded.plan.sections] == ["first", "second"]


def test_a_link_out_of_the_folder_is_refused_and_never_read(tmp_path, monkeypatch):
    folder = corpus.plan(tmp_path, "outside")
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n", encoding="utf-8")
    (folder / "sections" / "03-secret.yaml").symlink_to(secret)
    sources: dict = {}
    _, problems = read_plan_data(folder, sources)
    (p,) = [p for p in problems if p.rule == "plan-file-outside"]
    assert p.file.endswith("sections/03-secret.yaml") and (p.line, p.col) == (1, 1)
    assert p.message == f"링크가 계획 폴더 밖의 파일을 가리킵니다: {secret}"
    assert "sections/03-secret.yaml" not in sources and b"secret" not in b"".join(sources.values())


def test_an_unreadable_file_is_a_located_error(tmp_path, monkeypatch):
    from generator import planfiles
    folder = corpus.plan(tmp_path, "unreadable")

    def refuse(path):
        if path.name == "02-second.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    real = planfiles._read
    monkeypatch.setattr(planfiles, "_read", refuse)
    code, out, err = run(["validate", str(folder)])
    assert code == 1 and "Traceback" not in err
    (m,) = problems_printed(out)
    assert m["rule"] == "plan-file-unreadable" and m["file"].endswith("02-second.yaml")
    assert "읽을 수 없습니다: Permission denied" in m.group(0)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    folder = corpus.plan(tmp_path, "odd-name")
    os.rename(folder / corpus.S2, os.fsencode(folder / "sections") + b"/02-\xff.yaml")
    code, out, _ = run(["validate", str(folder)])
    assert code == 1
    assert out.startswith(f'"{folder}/sections/02-\\xff.yaml":1:1: error: ')


def test_duplicate_plan_ids_are_errors_at_both_plan_files(tmp_path):
    first = corpus.plan(tmp_path / "a", "dup")
    second = corpus.plan(tmp_path / "b", "dup")
    for checked in ([c.problems for c in pipeline.check_all([first.parent, second.parent])],
                    [v.problems for v in pipeline.iter_verdicts([first.parent,
                                                                 second.parent])]):
        dup = [[p for p in problems if p.rule == "plan-id-duplicate"] for problems in checked]
        assert [len(d) for d in dup] == [1, 1]
        (a,), (b,) = dup
        assert (a.file, a.line, a.col, a.path) == (str(first / "plan.yaml"), 2, 5, "id")
        assert b.file == str(second / "plan.yaml")
        assert a.message == f"계획 id(‘dup’)가 다른 계획의 id와 같습니다: {second / 'plan.yaml'}"
    assert not pipeline.check_all([first.parent, second.parent])[0].ok


def test_a_folder_named_twice_is_one_plan(tmp_path):
    folder = corpus.plan(tmp_path, "once")
    verdicts = list(pipeline.iter_verdicts([folder, tmp_path, str(folder) + "/"]))
    assert len(verdicts) == 1 and verdicts[0].ok


# -- text hygiene -------------------------------------------------------------------------

def test_raw_control_characters_are_located_each_and_counted_past_ten():
    text = "title: 계획\nvision: 비전\x07\n" + "goals: [" + "\x00" * 30 + "]\n"
    problems = read_yaml(text.encode(), "x.yaml").problems
    assert [(p.line, p.col) for p in problems[:3]] == [(2, 11), (3, 9), (3, 10)]
    assert problems[0].message == "계획 파일에 쓸 수 없는 제어 문자가 있습니다: U+0007 (BEL)"
    assert len(problems) == 11 and problems[-1].message == "여기부터 제어 문자가 21개 더 있습니다"
    assert problems[-1].hint and all(p.rule == "yaml-control-character" for p in problems)


def test_an_escape_is_located_at_its_backslash_with_crlf_lines():
    text = 'a: b\r\nc:\r\n  - "가나 \\x1b[31m"\r\n'
    (p,) = read_yaml(text.encode(), "x.yaml").problems
    assert (p.line, p.col, p.path) == (3, 9, "c[0]")
    assert p.message == "이 이스케이프 표기는 계획에 쓸 수 없는 제어 문자를 만듭니다: U+001B (ESC)"


def test_tabs_newlines_and_crlf_are_text():
    src = read_yaml('a: "x\\ty"\r\nb: |\r\n  one\r\n  two\r\n'.encode(), "x.yaml")
    assert not src.problems and src.data == {"a": "x\ty", "b": "one\ntwo\n"}


@pytest.mark.parametrize("text", ["\u3164", "\u115f\u1160", "\u200b", "\u200d\u2060", "\ufeff",
                                  "\u2800", "\u3164 \u200b"])
def test_a_text_of_invisible_characters_is_refused_as_empty(text):
    with pytest.raises(ValueError, match="text_invisible"):
        model.Text.model_validate(text)


def test_a_text_with_a_visible_character_stays_as_written():
    assert model.Text.model_validate("가\u3164나").ko == "가\u3164나"


def test_keys_and_values_come_out_nfc_and_hanja_stay_as_written():
    decomposed = "\u1100\u116e\u1107\u116e\u11ab"  # 구분, as a macOS file name spells it
    src = read_yaml(f"{decomposed}: \uf900 {decomposed}\n".encode(), "x.yaml")
    ((key, value),) = src.data.items()
    assert key == "구분" and value == "\uf900 구분"
    assert nfc("\u1100\u1161\uf900") == "가\uf900"


@pytest.mark.parametrize("call", [
    lambda: parsing.parse_int("２０１６"), lambda: parsing.parse_int("²⁰¹⁶"),
    lambda: parsing.parse_decimal("١٢"), lambda: parsing.parse_money("１３천원"),
    lambda: parsing.parse_point("２０１６-03"), lambda: parsing.parse_month_set("３"),
    lambda: parsing.parse_month_set("²"), lambda: parsing.parse_clock("１４:００"),
    lambda: parsing.parse_count("９개"), lambda: parsing.parse_timing("월 5~1회"),
    lambda: parsing.parse_timing("월 2~2회"),
])
def test_only_ascii_digits_are_figures_and_ranges_go_up(call):
    with pytest.raises(ValueError):
        call()


def test_the_forms_that_stay_valid():
    assert parsing.parse_timing("월 1~2회")["times"] == "1~2"
    assert parsing.parse_int("2,016") == 2016 and parsing.parse_month_set("3, 4") == [3, 4]


# -- printing -----------------------------------------------------------------------------

FORGED = Problem("plan/x\nplan/y/plan.yaml:1:1: error: fake (x)", 3, 4, "title\u202e",
                 "schema-value", "error", "제목 \x1b[2K\r0 error(s)", "고치세요\x9b\n끝")


def test_text_format_escapes_and_quotes_so_nothing_is_forged():
    lines = format_text([FORGED]).split("\n")
    assert len(lines) == 2 and not UNSAFE.search("".join(lines))
    assert lines[0] == ('"plan/x\\nplan/y/plan.yaml:1:1: error: fake (x)":3:4: error: '
                        'title\\u202e: 제목 \\x1b[2K\\r0 error(s) (schema-value)')
    assert lines[1] == "    도움말: 고치세요\\x9b\\n끝"


def test_json_keeps_the_data_and_prints_nothing_unsafe():
    text = format_json([FORGED])
    assert not UNSAFE.search(text.replace("\n", ""))
    (back,) = json.loads(text)
    assert (back["file"], back["path"], back["message"], back["hint"]) == (
        FORGED.file, FORGED.path, FORGED.message, FORGED.hint)


def test_github_format_is_one_line_per_problem():
    (line,) = format_github([FORGED]).split("\n")  # a break is %0A: one line in the annotation
    assert not UNSAFE.search(line) and line.startswith("::error file=plan/x%0Aplan/y/plan.yaml")
    assert "제목 \\x1b[2K%0D0 error(s)" in line and line.endswith("고치세요\\x9b%0A끝")


def test_a_file_name_with_odd_characters_is_quoted_and_a_plain_one_is_not():
    assert shown_name("plan/a/sections/01 사업.yaml") == "plan/a/sections/01 사업.yaml"
    assert shown_name('a"b\\c') == '"a\\"b\\\\c"'
    assert shown_name("a\udcffb") == '"a\\xffb"' and shown("\u2066x\u2069") == "\\u2066x\\u2069"


def test_a_folder_error_escapes_its_name(tmp_path):
    error = PlanError("없습니다", where=str(tmp_path / "x\nplansite: fake"))
    (line, hint) = error.lines()
    assert line == f'plansite: "{tmp_path}/x\\nplansite: fake": 없습니다' and hint


def test_a_forged_summary_in_a_title_never_reaches_the_terminal(tmp_path):
    folder = corpus.plan(tmp_path, "forged", corpus._title('"\\e[2K\\r0 error(s)"'))
    code, out, err = run(["validate", str(folder)])
    assert code == 1 and "\x1b" not in out + err and "\r" not in out + err
    assert [m["rule"] for m in problems_printed(out)] == ["yaml-control-character"] * 2
    assert err.strip().endswith("오류 2건, 경고 0건")


# -- limits -------------------------------------------------------------------------------

def test_limits_are_checked_before_the_model_is_built(tmp_path, monkeypatch):
    folder = corpus.plan(tmp_path, "rows", corpus._table(limits.MAX_TABLE_ROWS + 1))

    def never(*args, **kwargs):
        raise AssertionError("the model was built")
    monkeypatch.setattr(model.Plan, "model_validate", never)
    loaded = load_plan(folder)
    (p,) = loaded.problems
    assert p.rule == "limit-table-rows" and p.path == "parts[0].blocks[2].rows[500]"
    assert p.message == "표의 행이 501개로, 한도 500개를 넘습니다"


@pytest.mark.parametrize("rows, columns", [
    (limits.MAX_TABLE_ROWS, limits.MAX_TABLE_CELLS // limits.MAX_TABLE_ROWS),
    (limits.MAX_TABLE_CELLS // limits.MAX_ROW_CELLS, limits.MAX_ROW_CELLS)])
def test_a_table_at_the_limits_is_valid(rows, columns, tmp_path):
    loaded = load_plan(corpus.plan(tmp_path, "at-limit", corpus._table(rows, columns)))
    assert loaded.plan is not None and not loaded.problems


def test_figures_up_to_the_digit_limit_pass_the_loader():
    assert not limits.too_many_digits("계좌 123-456789-01234, 1,234,567,890,123원")
    assert not limits.too_many_digits("9" * limits.MAX_FIGURE_DIGITS)
    assert limits.too_many_digits("9" * (limits.MAX_FIGURE_DIGITS + 1))
    assert limits.too_many_digits("1" + ",000" * 11)  # 34 digits written with commas


def test_the_reference_lists_every_limit():
    page = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert "## Limits" in page
    for lim in limits.LIMITS:
        assert f"<td>{lim.value:,}</td>" in page
        assert not lim.rule or f"<code>{lim.rule}</code>" in page


# -- the command line ---------------------------------------------------------------------

@pytest.mark.parametrize("value", ["-1", "0", "65", "1000000000000", "abc", "３", ""])
def test_jobs_out_of_range_is_an_argparse_error_in_korean(value):
    code, out, err = run(["validate", "--jobs", value, str(MINIMAL)])
    assert code == 2 and not out and "Traceback" not in err
    assert err.splitlines()[-1] == (f"plansite validate: 오류: --jobs: 프로세스 수로 쓸 "
                                    f"수 없는 값입니다: {value!r}. 1부터 64까지의 정수로 쓰세요")


def test_jobs_error_in_english_with_lang_en():
    code, _, err = run(["validate", "--lang", "en", "--jobs=0", str(MINIMAL)])
    assert code == 2 and err.endswith("'0' is not a number of processes: write a whole number "
                                      "from 1 to 64\n")


def test_jobs_in_range_validates():
    code, _, err = run(["validate", "--jobs", "2", str(MINIMAL)])
    assert code == 0 and "오류 0건" in err


@pytest.mark.parametrize("plan_id", ["abc\n", "abc\r", "Abc", "-abc", "ab c", "a" * 65, "１a"])
def test_new_refuses_what_is_not_a_plan_id(plan_id, tmp_path, capsys):
    assert new_plan(plan_id, str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("plansite new: ")
    assert not list(tmp_path.iterdir())


def test_new_takes_an_id_at_the_length_limit(tmp_path, capsys):
    plan_id = "a" * limits.MAX_ID_LENGTH
    assert new_plan(plan_id, str(tmp_path), 2027) == 0
    assert load_plan(tmp_path / plan_id).plan is not None
    shutil.rmtree(tmp_path / plan_id)


def test_a_build_in_english_says_the_duplicate_id_too(tmp_path, capsys):
    """build --lang en prints the problems checked again in English: the error found across
    plans (a shared id) is among them, and the summary counts it."""
    from generator.build import build
    from generator.locale import get
    first = corpus.plan(tmp_path / "a", "dup")
    second = corpus.plan(tmp_path / "b", "dup")
    for lang, words in (("ko", "계획 id(‘dup’)가 다른 계획의 id와 같습니다"),
                        ("en", "plan id 'dup' is also the id of")):
        capsys.readouterr()
        assert build([str(first), str(second)], tmp_path / "out", only=["checks"],
                     loc=get(lang)) == 1
        err = capsys.readouterr().err
        assert err.count("(plan-id-duplicate)") == 2 and words in err, lang
        assert f"{first / 'plan.yaml'}:2:5: error: id:" in err, lang
