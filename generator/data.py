"""Open data: the plan as JSON with its JSON Schema, and CSV tables of budgets and schedules.

Also the two editor schemas (``plan-file.schema.json`` for ``plan.yaml``, ``section.schema.json``
for ``sections/*.yaml``) that let an editor autocomplete and flag a plan while it is written.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import typing
from pathlib import Path

from . import model
from .budgets import SOURCE_ORDER, budget_overview
from .model import schedule_rows
from .locale import get as get_locale
from .pipeline import CheckedPlan
from .projection import Projection, project

SHORT_FORMS = ["Text", "Money", "Count", "Period", "Timing", "FundingSplit", "BulletItem", "Cell",
               "Row"]
"""Model classes a plan may also write as a single string (or, for Row, as plain cells)."""


def _accept_short_forms(schema: dict) -> dict:
    """Let the schema accept what the loader accepts: strings for short forms and numbers."""
    schema = copy.deepcopy(schema)
    defs = schema.get("$defs", {})
    for name in SHORT_FORMS:
        if name in defs:
            original = defs[name]
            defs[name] = {"anyOf": [{"type": "string"} if name != "Row" else {"type": "object"},
                                    {k: v for k, v in original.items()
                                     if k not in ("title", "description")}],
                          "title": original.get("title", name),
                          "description": original.get("description", "")}

    if "FundingSplit" in defs:  # the mapping form {국비: 75, 시비: 25}
        sources = list(typing.get_args(model.FundingSource))
        defs["FundingSplit"]["anyOf"].append({"type": "object", "propertyNames": {
            "enum": sources + ["total", "note", "style"]}})

    def loosen(node):
        if isinstance(node, dict):
            if node.get("type") in ("integer", "number", "boolean") and "anyOf" not in node:
                node["type"] = [node["type"], "string"]
            if node.get("format") == "date":
                node.pop("format")
            for value in node.values():
                loosen(value)
        elif isinstance(node, list):
            for value in node:
                loosen(value)
    loosen(schema)
    return schema


def plan_schema() -> dict:
    """JSON Schema of the plan as data (what ``build/data/<plan>.json`` holds)."""
    model.attach_field_docs()
    schema = model.Plan.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def editor_schemas() -> dict[str, dict]:
    """Schemas for editing ``plan.yaml`` and a section file (short forms accepted)."""
    model.attach_field_docs()
    plan = _accept_short_forms(model.Plan.model_json_schema())
    plan["properties"].pop("sections", None)
    plan["required"] = [r for r in plan.get("required", []) if r != "sections"]
    section = _accept_short_forms(model.Section.model_json_schema())
    for s in (plan, section):
        s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        # a plan writes Korean only; the English comes from its catalog (translations/en.po)
        for form in s.get("$defs", {}).get("Text", {}).get("anyOf", []):
            form.get("properties", {}).pop("en", None)
    return {"plan-file.schema.json": plan, "section.schema.json": section}


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet program."""


def _cell(value):
    """Plan text as a CSV cell that a spreadsheet shows as text and never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([[_cell(v) for v in r] for r in rows])
    return "\ufeff" + buf.getvalue()  # BOM: spreadsheet programs then read the Korean right


def budgets_csv(plan: model.Plan) -> str:
    """Every budget in won with its split by source, one row each, and a total row."""
    overview = budget_overview(plan)
    ko = get_locale("ko")
    sources = [s for s in SOURCE_ORDER if s in overview.by_source()]
    rows = [["section_no", "section_id", "section", "label", "as_printed", "won"] + sources]
    for r in overview.rows:
        rows.append([r.section_index + 1, r.section.id, ko.text(r.section.title), ko.text(r.label),
                     ko.stated(r.printed, r.budget), r.won] + [r.by_source.get(s, 0) for s in sources])
    totals = overview.by_source()
    rows.append(["", "", ko.gettext("Total"), "", "", overview.total]
                + [totals[s] for s in sources])
    return _csv(rows)


def schedule_csv(plan: model.Plan) -> str:
    """The summary schedule: one row per 사업, a 1/0 column per month."""
    ko = get_locale("ko")
    rows = [["unit", "name", "section_id"] + [f"m{m:02d}" for m in range(1, 13)]]
    for group, row in schedule_rows(plan):
        rows.append([ko.text(group.unit), ko.text(row.name), row.section]
                    + [1 if m in row.months else 0 for m in range(1, 13)])
    return _csv(rows)


def _utf8(text: str) -> bytes:
    """Text as the files hold it: UTF-8, line ends as written (the bytes
    ``write_text(…, encoding="utf-8")`` wrote on POSIX; no newline translation anywhere)."""
    return text.encode("utf-8")


def shared_files() -> dict[str, bytes]:
    """The whole-build part of ``build/data/``: the plan's JSON Schema and the editor schemas,
    the same for every plan."""
    files = {"plan.schema.json": _utf8(_json(plan_schema()))}
    for name, schema in editor_schemas().items():
        files[name] = _utf8(_json(schema))
    return files


def plan_files(projection: Projection) -> dict[str, bytes]:
    """The per-plan step: one plan's open data by file name (``<id>.json``,
    ``<id>-budgets.csv``, ``<id>-schedule.csv``); it writes nothing."""
    plan = projection.plan
    return {f"{plan.id}.json": _utf8(_json(plan.model_dump(mode="json"))),
            f"{plan.id}-budgets.csv": _utf8(budgets_csv(plan)),
            f"{plan.id}-schedule.csv": _utf8(schedule_csv(plan))}


def build_data(plans: list[CheckedPlan], out: Path) -> None:
    """``build/data/`` whole: the shared schemas and every plan's JSON and CSV."""
    out = Path(out)
    files = shared_files()
    for checked in plans:
        files.update(plan_files(project(checked)))
    for name, data in files.items():
        (out / name).write_bytes(data)
