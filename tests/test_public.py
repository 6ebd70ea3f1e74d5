"""The public model is built by an allow-list: nothing marked internal reaches it, a total
that would reveal a withheld figure is withheld too, and a 비공개 plan has no public model."""

from __future__ import annotations

import json
import re
import shutil

from generator import model
from generator.budgets import budget_overview
from generator.pipeline import check_folder
from generator.public import PUBLIC_FIELDS, NEVER_PUBLIC, Withheld, public_plan, withheld_notices

from .conftest import PLANS

PARTIAL = PLANS / "valid" / "partial"
CANARY = re.compile(r"CANARY-\d\d")
CANARIES = {f"CANARY-{n:02d}" for n in range(1, 17)}


def _dump(plan) -> str:
    """Every string the model holds, whatever its class (a walk, not a serializer)."""
    out = []
    for node in model.walk(plan):
        for name in type(node).model_fields:
            value = getattr(node, name, None)
            for v in (value if isinstance(value, list) else [value]):
                if isinstance(v, (str, int)) and not isinstance(v, bool):
                    out.append(str(v))
    return "\n".join(out)


def test_the_allow_list_names_every_field_of_every_model_class():
    """A field added to the model is not public until it is listed (and ``internal`` never)."""
    for cls in model.model_classes():
        if cls.__name__ in NEVER_PUBLIC:
            continue
        listed = set(PUBLIC_FIELDS[cls.__name__])
        assert listed <= set(cls.model_fields), cls.__name__
        assert "internal" not in listed
        assert set(cls.model_fields) - listed <= {"internal"}, (
            f"{cls.__name__}: decide whether {set(cls.model_fields) - listed - {'internal'}} "
            "are public")


def test_every_canary_is_in_the_checked_plan_and_none_in_the_public_one():
    checked = check_folder(PARTIAL)
    assert checked.ok
    assert set(CANARY.findall(_dump(checked.plan) + json.dumps(
        checked.plan.model_dump(mode="json"), ensure_ascii=False))) == CANARIES
    public = public_plan(checked.plan)
    assert CANARY.findall(_dump(public)) == []
    # the withheld figures are gone too: the row's 31,337, the 계 that would reveal it, the
    # withheld section's budget
    assert not re.search(r"31,337|131,337|12,345", _dump(public))


def test_each_withheld_part_leaves_a_notice_with_its_grounds():
    public = public_plan(check_folder(PARTIAL).plan)
    notices = [(w.what, w.grounds) for w in withheld_notices(public)]
    for what, grounds in [("name", [6]), ("line", [5]), ("row", [7]), ("total", [7]),
                          ("part", [5]), ("block", [5]), ("organisation", [7]),
                          ("section", [5])]:
        assert (what, grounds) in notices, what
    # the withheld section keeps no id of its own, and the summary schedule no row for it
    assert [s.id for s in public.sections] == ["first", "second", "withheld-1"]
    rows = [r.name.ko for g in public.summary_schedule.groups for r in g.rows]
    assert rows == ["첫 사업", "둘째 사업"]
    # the approver's role stays, the name is withheld
    assert public.approval[1].role.ko == "팀장"
    assert isinstance(public.approval[1].name, Withheld)


def test_the_public_budget_counts_only_public_budgets():
    checked = check_folder(PARTIAL)
    full, public = budget_overview(checked.plan), budget_overview(public_plan(checked.plan))
    assert full.total - public.total == 12_345_000  # the withheld section's budget
    assert "canary-secret" not in {r.section.id for r in public.rows}


def test_a_public_plan_is_copied_whole(tmp_path):
    checked = check_folder(PLANS / "valid" / "minimal")
    public = public_plan(checked.plan)
    assert withheld_notices(public) == []
    assert public.model_dump(mode="json") == checked.plan.model_dump(mode="json")


def test_a_withheld_plan_has_no_public_model(tmp_path):
    folder = tmp_path / "secret"
    shutil.copytree(PLANS / "valid" / "minimal", folder)
    plan_yaml = folder / "plan.yaml"
    plan_yaml.write_text(plan_yaml.read_text(encoding="utf-8").replace(
        "id: minimal", "id: secret").replace("disclosure: 대시민공개", "disclosure: 비공개(5)"),
        encoding="utf-8")
    checked = check_folder(folder)
    assert checked.ok and public_plan(checked.plan) is None


def test_the_public_projection_holds_no_check_but_the_public_budgets_verification():
    from generator.projection import project
    checked = check_folder(PARTIAL)
    public = project(checked, "public")
    assert public.audience == "public" and public.checked.problems == []
    assert {r.rule for r in public.checked.results} == {"budget-overview"}
    assert all(r.ok for r in public.checked.results)
    # nothing of the YAML goes with it: its only source is the public model's own JSON
    assert list(public.checked.sources) == ["partial.json"]
    assert CANARY.findall(public.checked.sources["partial.json"].decode("utf-8")) == []
    assert CANARY.findall(_dump(public.plan)) == []
