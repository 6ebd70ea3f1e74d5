"""``plansite new``: a plan folder with every part present and explained, valid as made."""

from __future__ import annotations

import re
import typing

import pytest

from generator import model
from generator.budgets import budget_overview
from generator.cli import main
from generator.pipeline import check_folder
from generator.scaffold import KINDS, new_plan, render, template_files
from generator.site.pages import site_pages


def test_new_plan_passes_validate_with_no_problem(tmp_path, capsys):
    assert new_plan("gwangjin-2017-test", str(tmp_path), year=2017) == 0
    folder = tmp_path / "gwangjin-2017-test"
    assert (folder / "plan.yaml").is_file()
    assert (folder / "sections" / "01-example-project.yaml").is_file()
    checked = check_folder(folder)
    assert checked.ok and checked.problems == []
    assert checked.results and all(r.ok for r in checked.results)
    assert checked.plan.id == "gwangjin-2017-test" and checked.plan.year == 2017


def test_every_block_type_is_present_and_explained(tmp_path):
    new_plan("every-part", str(tmp_path), year=2016)
    plan = check_folder(tmp_path / "every-part").plan
    kinds = {b.type for s in plan.sections for p in s.parts for b in p.blocks}
    block_classes = typing.get_args(typing.get_args(model.AnyBlock)[0])
    every = {typing.get_args(c.model_fields["type"].annotation)[0] for c in block_classes}
    assert kinds == every
    section = (tmp_path / "every-part/sections/01-example-project.yaml").read_text()
    for kind in every:
        assert f"# {kind}:" in section, kind
    tops = [render("plan.yaml", "every-part", 2016, kind=kind) for kind in KINDS]
    for key in model.Plan.model_fields:  # every field is written, with its comment, in a kind
        if key in ("sections", "language"):
            continue
        top = next((t for t in tops if f"\n{key}:" in t), "")
        assert top, key
        before = top.split(f"\n{key}:")[0].rstrip().splitlines()[-1]
        assert before.startswith("#") or key in ("id", "year"), key  # each part has its comment
    assert any(b.type == "overview" and any(i.period and i.budget is None for i in b.items)
               for s in plan.sections for p in s.parts for b in p.blocks)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_passes_validate_and_renders(kind, tmp_path, capsys):
    """`plansite new --kind K`: a plan of that kind, valid as made, through the site and the
    print templates; the files it names on the terminal are the files it wrote."""
    assert main(["new", f"{kind}-2027", "--root", str(tmp_path), "--kind", kind]) == 0
    folder = tmp_path / f"{kind}-2027"
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.yaml"))
    assert written == sorted(template_files(kind))
    assert ", ".join(template_files(kind)) in capsys.readouterr().out
    checked = check_folder(folder)
    assert checked.ok and checked.problems == [], checked.problems
    assert all(r.ok for r in checked.results)
    from generator.pdf.html import print_html
    printed = print_html(checked.plan)
    assert all(s.title.ko in printed for s in checked.plan.sections)
    assert ("class=\"notice-head\"" in printed) == (kind == "notice")
    # the annual plan's 내부결재 page prints its title at the top and in the title block, as
    # the seed does; a grant plan prints it once (a new user saw it twice)
    assert ('class="cover-heading"' in printed) == (kind == "annual"), kind
    assert "#include" not in (folder / "plan.yaml").read_text("utf-8")


def test_the_new_plan_renders_as_site_pages(tmp_path):
    new_plan("site-check", str(tmp_path), year=2016)
    site = site_pages([check_folder(tmp_path / "site-check")])
    srcs = [p.src for p in site.pages]
    assert srcs[0] == "index.md" and "site-check/index.md" in srcs


def test_refuses_a_taken_folder_or_a_bad_id(tmp_path, capsys):
    assert new_plan("taken", str(tmp_path)) == 0
    before = (tmp_path / "taken" / "plan.yaml").read_text()
    assert new_plan("taken", str(tmp_path)) == 1
    assert "이미 있는 폴더입니다" in capsys.readouterr().err
    assert (tmp_path / "taken" / "plan.yaml").read_text() == before
    assert new_plan("Bad_ID", str(tmp_path)) == 1
    assert "계획 id로 쓸 수 없는 이름입니다" in capsys.readouterr().err
    assert new_plan("downloads", str(tmp_path)) == 1
    assert not (tmp_path / "Bad_ID").exists() and not (tmp_path / "downloads").exists()


def test_cli_new_then_validate(tmp_path, capsys):
    assert main(["new", "from-cli", "--root", str(tmp_path)]) == 0
    assert main(["validate", str(tmp_path / "from-cli")]) == 0
    assert "오류 0건, 경고 0건" in capsys.readouterr().err


def test_the_year_comes_from_the_option_or_the_id(tmp_path):
    from generator.cli import main
    assert main(["new", "office-2027-plan", "--root", str(tmp_path)]) == 0
    assert "year: 2027" in (tmp_path / "office-2027-plan" / "plan.yaml").read_text("utf-8")
    assert main(["new", "other", "--root", str(tmp_path), "--year", "2030"]) == 0
    assert "year: 2030" in (tmp_path / "other" / "plan.yaml").read_text("utf-8")


HANGUL = re.compile(r"[\uac00-\ud7a3]")
COMMAND_OR_CODE = re.compile(r"^(\.venv/bin/)?plansite\s|^-?\s*\{.*\}$|^[^A-Za-z]*$")
"""A comment line that may go without Hangul: a command (``plansite validate …``), a line of
YAML in flow style (a commented-out example), or one with no words at all (blank, rules)."""
ENGLISH = re.compile(r"\b[A-Za-z']+ [A-Za-z']+ [A-Za-z']+\b")
"""Three English words in a row: prose left untranslated beside a Korean word."""


def _comments(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every comment: whole-line ones and those after a value."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            out.append((number, stripped.lstrip("#").strip()))
        elif " #" in line:  # no value of the scaffold holds " #": what follows is a comment
            out.append((number, line.split(" #", 1)[1].lstrip("#").strip()))
    return out


def test_the_comments_are_korean():
    """Plan officers learn the format from the comments: every one is in Korean (Hangul), or is
    a command or code, and none is longer than 100 characters."""
    files = {f"{kind}/{name}": render(name, "__PLAN_ID__", 2027, kind=kind)
             for kind in KINDS for name in template_files(kind)}
    for name, text in files.items():
        comments = _comments(text)
        assert len(comments) > (10 if "/sections/" not in name else 3), name
        for number, comment in comments:
            assert HANGUL.search(comment) or COMMAND_OR_CODE.search(comment), \
                f"{name}:{number}: comment not in Korean: {comment!r}"
            assert COMMAND_OR_CODE.search(comment) or not ENGLISH.search(comment), \
                f"{name}:{number}: English prose in a comment: {comment!r}"
        for number, line in enumerate(text.splitlines(), 1):
            assert len(line) <= 100, f"{name}:{number} is {len(line)} characters long"


def test_the_budget_is_counted_once(tmp_path):
    """The scaffold states its one budget three times (the overview line, the □ 사업예산 heading
    and its table's 계) and breaks it into two parts (role: part); it counts once, 30,000천원."""
    new_plan("budget-once", str(tmp_path), year=2027)
    checked = check_folder(tmp_path / "budget-once")
    assert checked.ok and checked.problems == []
    overview = budget_overview(checked.plan)
    assert overview.total == 30_000_000
    assert len(overview.rows) == 1
    assert overview.by_source() == {"국비": 10_000_000, "시비": 10_000_000, "구비": 10_000_000}
    budgets = [b.budget for s in checked.plan.sections for p in s.parts for b in p.blocks
               if b.type == "budget"]
    assert [b.role for b in budgets] == ["part", "part"]
    assert sum(b.amount.won for b in budgets) == 30_000_000
    items = [i for s in checked.plan.sections for p in s.parts for b in p.blocks
             if b.type == "schedule" for i in b.items]
    assert any(i.outside_period for i in items)


def test_the_new_files_point_an_editor_at_the_published_schemas(tmp_path, monkeypatch):
    """`# yaml-language-server: $schema=…` on the first line of each file, relative to it,
    naming the schemas `make` writes into build/data/."""
    from generator.cli import main
    monkeypatch.chdir(tmp_path)
    assert main(["new", "schema-2027"]) == 0
    for rel, schema in (("plan.yaml", "plan-file.schema.json"),
                        ("sections/01-example-project.yaml", "section.schema.json")):
        path = tmp_path / "plan" / "schema-2027" / rel
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (tmp_path / "build" / "data" / schema).resolve()
