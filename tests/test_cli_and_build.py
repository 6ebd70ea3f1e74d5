"""The CLI and the build as a user meets them: exit codes, located messages, untouched build/."""

from __future__ import annotations

import csv
import json
import shutil

import jsonschema
import pytest

from generator.cli import main
from generator.loading import read_plan_data
from generator.yamlsource import MAX_BYTES, read_yaml

from .conftest import PLANS, SEED


def test_validate_seed_prints_located_findings(capsys):
    assert main(["validate", str(SEED)]) == 0
    out, err = capsys.readouterr()
    assert ("plan/gwangjin-2016-job-operations/sections/04-social-economy-special-zone.yaml:36:49:"
            " warning: parts[1].blocks[0].items[0].when[0]: 2015-02-05가 계획연도(2016년)를 "
            "벗어납니다 (date-in-plan-year)") in out
    assert "계획 1개" in err and "오류 0건, 경고 5건" in err


def test_validate_strict_fails_on_the_seeds_warnings(capsys):
    assert main(["validate", "--strict", str(SEED)]) == 1
    assert ": error: " in capsys.readouterr().out


@pytest.fixture
def wrong_total(tmp_path):
    """A copy of the seed whose 지역일자리 목표 total is one too many."""
    plan = tmp_path / "gwangjin-2016-job-operations"
    shutil.copytree(SEED, plan)
    f = plan / "sections" / "01-local-job-target.yaml"
    text = f.read_text(encoding="utf-8")
    assert "total: 56,000" in text
    f.write_text(text.replace("total: 56,000", "total: 56,001"), encoding="utf-8")
    return plan


def test_a_wrong_total_fails_naming_file_line_path_and_sum(wrong_total, capsys):
    assert main(["validate", str(wrong_total)]) == 1
    out = capsys.readouterr().out
    line = [x for x in out.splitlines() if "(targets-total)" in x][0]
    assert line.endswith("sections/01-local-job-target.yaml:22:16: error: parts[0].blocks[1].total:"
                         " 계 56,001이 연도별 목표의 합 56,000과 다릅니다 (targets-total)")


def test_json_and_github_formats(wrong_total, capsys):
    assert main(["validate", "--format", "json", str(wrong_total)]) == 1
    problems = json.loads(capsys.readouterr().out)
    err = [p for p in problems if p["rule"] == "targets-total"][0]
    assert (err["line"], err["col"], err["data"]["expected"]) == (22, 16, "56,000명")
    assert main(["validate", "--format", "github", str(wrong_total)]) == 1
    gh = capsys.readouterr().out.splitlines()
    assert any(x.startswith("::error file=") and ",line=22,col=16,title=targets-total::" in x
               for x in gh)


def test_build_with_an_error_leaves_build_untouched(wrong_total, tmp_path, capsys):
    out = tmp_path / "build"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("previous build")
    assert main(["build", str(wrong_total), "--out", str(out)]) == 1
    assert f"{out.as_posix()}/ 폴더는 그대로 두었습니다" in capsys.readouterr().err
    assert (out / "site" / "index.html").read_text() == "previous build"
    assert sorted(p.name for p in out.iterdir()) == ["site"]


def test_build_writes_the_check_report_and_data(tmp_path):
    out = tmp_path / "build"
    assert main(["build", str(SEED), "--out", str(out), "--only", "checks",
                 "--only", "data"]) == 0
    report = json.loads((out / "checks.json").read_text(encoding="utf-8"))["plans"][0]
    assert report["errors"] == 0 and report["warnings"] == 5 and report["checks"] > 100
    rules = {r["rule"]: r for r in report["rules"]}
    target = [r for r in rules["targets-total"]["results"]][0]
    assert (target["expected"], target["found"], target["result"]) == ("56,000명", "56,000명",
                                                                       "pass")
    assert target["file"].endswith("01-local-job-target.yaml") and target["line"] == 22
    md = (out / "checks.md").read_text(encoding="utf-8")
    assert "targets-total" in md and "56,000명" in md
    data = json.loads((out / "data" / "gwangjin-2016-job-operations.json").read_text("utf-8"))
    schema = json.loads((out / "data" / "plan.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    budgets = (out / "data" / "gwangjin-2016-job-operations-budgets.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(budgets.splitlines()))
    by_source: dict[str, int] = {}
    for row in rows:
        by_source[row["재원"]] = by_source.get(row["재원"], 0) + int(row["금액_원"])
    assert by_source == {"국비": 50_000_000, "시비": 38_420_000, "구비": 31_000_000,
                         "미지정": 200_000_000}
    assert sum(by_source.values()) == 319_420_000


def test_editor_schemas_accept_the_seed_as_written():
    from generator.data import editor_schemas
    schemas = editor_schemas()
    smap, problems = read_plan_data(SEED)
    assert problems == []
    plan_data = {k: v for k, v in smap.data.items() if k != "sections"}
    jsonschema.validate(plan_data, schemas["plan-file.schema.json"])
    for section in smap.data["sections"]:
        jsonschema.validate(section, schemas["section.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**plan_data, "titel": "x"}, schemas["plan-file.schema.json"])


def test_oversized_file_is_refused_before_parsing():
    src = read_yaml(b"a: " + b"x" * MAX_BYTES, "big.yaml")
    assert src.data is None and [p.rule for p in src.problems] == ["yaml-too-large"]


def test_validate_with_no_plans_fails(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "계획을 찾지 못했습니다" in capsys.readouterr().err


def test_valid_case_folder_passes(capsys):
    assert main(["validate", str(PLANS / "valid" / "minimal")]) == 0


def test_many_plans_are_validated_in_parallel_with_the_same_report(tmp_path, capsys):
    from generator.pipeline import PARALLEL_FROM
    for i in range(PARALLEL_FROM + 2):
        dest = tmp_path / f"copy-{i:02d}"
        shutil.copytree(SEED, dest)
        plan = dest / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            "id: gwangjin-2016-job-operations", f"id: copy-{i:02d}"), encoding="utf-8")
    broken = tmp_path / "copy-07" / "sections" / "01-local-job-target.yaml"
    broken.write_text(broken.read_text("utf-8").replace("total: 56,000", "total: 56,001"), "utf-8")
    assert main(["validate", "--jobs", "2", str(tmp_path)]) == 1
    parallel = capsys.readouterr()
    assert main(["validate", "--jobs", "1", str(tmp_path)]) == 1
    serial = capsys.readouterr()
    assert parallel.out == serial.out and parallel.err == serial.err
    assert parallel.out.count("(targets-total)") == 1 and "copy-07" in parallel.out
    assert f"계획 {PARALLEL_FROM + 2}개" in parallel.err


def test_github_format_escapes_properties_and_messages():
    from generator.problems import Problem, format_github
    p = Problem("plan/a,b/x:y.yaml", 0, 0, "", "rule", "error", "line one\nline two: 100%")
    assert format_github([p]) == ("::error file=plan/a%2Cb/x%3Ay.yaml,line=1,col=1,title=rule::"
                                  "line one%0Aline two: 100%25 (rule)")


def test_partial_plans_still_get_their_section_checks(tmp_path, capsys):
    """A schema error elsewhere does not hide a wrong total: all problems at once."""
    plan = tmp_path / "gwangjin-2016-job-operations"
    shutil.copytree(SEED, plan)
    head = plan / "plan.yaml"
    head.write_text(head.read_text("utf-8").replace("disclosure: 대시민공개", "disclosure: 공개함"),
                    "utf-8")
    first = plan / "sections" / "01-local-job-target.yaml"
    first.write_text(first.read_text("utf-8").replace("total: 56,000", "total: 56,001"), "utf-8")
    assert main(["validate", str(plan)]) == 1
    out = capsys.readouterr().out
    assert "(schema-choice)" in out and "(targets-total)" in out


def test_misnamed_files_and_folders_are_named(tmp_path, capsys):
    plan = tmp_path / "gwangjin-2016-job-operations"
    shutil.copytree(SEED, plan)
    (plan / "sections" / "02-seoul-hope-jobs.yaml").rename(plan / "sections" / "02-x.yml")
    assert main(["validate", str(plan)]) == 1
    assert "사업 파일 이름은 .yaml로 끝나야 합니다. 이 파일은 읽지 않습니다 (plan-file-name)" in \
        capsys.readouterr().out
    (plan / "plan.yaml").rename(plan / "plan.yml")
    assert main(["validate", str(plan)]) == 1
    assert "도움말: 파일 이름을 바꾸세요: plan.yml → plan.yaml" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "그런 폴더가 없습니다" in capsys.readouterr().err


def test_report_and_csv_keep_hostile_text_inert(tmp_path):
    """Plan text reaches checks.md as text and the CSV files as values, never as markup or a
    spreadsheet formula."""
    plan = tmp_path / "hostile"
    shutil.copytree(PLANS / "valid" / "hostile", plan)
    head = plan / "plan.yaml"
    head.write_text(head.read_text("utf-8").replace(
        'unit: "재정지원 <img src=x onerror=alert(\'unit\')>"',
        'unit: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"'), "utf-8")
    out = tmp_path / "build"
    assert main(["build", str(plan), "--out", str(out), "--only", "checks", "--only", "data"]) == 0
    md = (out / "checks.md").read_text("utf-8")
    assert "alert('row')" in md.replace("&#39;", "'")
    for raw in ("<script", "<img", "](javascript:", "{onclick"):
        assert raw not in md
    import csv
    text = (out / "data" / "hostile-schedule.csv").read_text("utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\",\"x\")"


@pytest.fixture
def minimal_copy(tmp_path):
    """An editable copy of the minimal plan: (folder, its first section file)."""
    plan = tmp_path / "minimal"
    shutil.copytree(PLANS / "valid" / "minimal", plan)
    return plan, plan / "sections" / "01-first.yaml"


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_an_overview_line_without_printed_text_shows_its_typed_value(minimal_copy):
    from bs4 import BeautifulSoup
    from generator.pdf.html import print_html
    from generator.pipeline import check_folder
    from generator.site.pages import site_pages
    plan, first = minimal_copy
    _edit(first, "            value: 13,420천원(국:시:구=50:25:25)\n", "")
    checked = check_folder(plan)
    page = next(p for p in site_pages([checked]).pages if p.src.endswith("sections/first.md"))
    for markup in (print_html(checked.plan), page.markdown):
        text = " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())
        assert "소요예산 : 13,420천원(국:시:구=50:25:25)" in text


def test_a_fraction_of_a_won_is_a_problem_not_a_crash(minimal_copy, capsys):
    plan, first = minimal_copy
    _edit(first, '예산: "13,420"}', '예산: "13,420.0005"}')
    assert main(["validate", "--lang", "en", str(plan)]) == 1
    assert "13420.0005천원 is not a whole number of won (table-cell-number)" in \
        capsys.readouterr().out


def test_a_plan_whose_budgets_are_all_zero_builds(minimal_copy, tmp_path):
    plan, first = minimal_copy
    for old, new in [("amount: 13,420천원", "amount: 0천원"),
                     ("value: 13,420천원(", "value: 0천원("),
                     ("value: 13.42백만원(", "value: 0백만원("),
                     ('amount: "13.42백만원"', 'amount: "0백만원"'), ('예산: "13,420"}', '예산: "0"}'),
                     ('예산: "13000",', '예산: "0",'), ('예산: "420",', '예산: "0",')]:
        _edit(first, old, new)
    second = plan / "sections" / "02-second.yaml"
    _edit(second, 'amount: "5,000천원"', 'amount: "0천원"')
    out = tmp_path / "out"
    assert main(["build", str(plan), "--out", str(out), "--only", "site"]) == 0
    from bs4 import BeautifulSoup
    page = BeautifulSoup((out / "site" / "minimal" / "budget" / "index.html").read_text("utf-8"),
                         "html.parser")
    table = next(t for t in page.find_all("table") if "재원별 합계" in t.caption.get_text())
    assert table.find("tr", class_="ps-total").find_all("td")[-1].get_text() == "-"
