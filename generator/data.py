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
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import model
from .budgets import SOURCE_ORDER, budget_overview
from .columns import (BUDGET_COLUMNS, SCHEDULE_COLUMNS, SHEET_HEADER, SPLIT_COLUMNS,
                      TARGET_COLUMNS, TITLES, DataColumn)
from .model import schedule_rows
from .locale import get as get_locale
from .pipeline import CheckedPlan
from .projection import Projection, project

SHORT_FORMS = ["Text", "Money", "Count", "Period", "Timing", "FundingSplit", "BulletItem", "Cell",
               "Row", "Disclosure", "Internal"]
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

    if "Disclosure" in defs:  # 부분공개(5, 6)
        from .model.disclosure import WRITTEN
        defs["Disclosure"]["anyOf"][0] = {"type": "string", "pattern": WRITTEN}
    if "Internal" in defs:  # internal: 5, "5, 6" or [5, 6]
        defs["Internal"]["anyOf"][:1] = [
            {"type": "integer", "minimum": 1, "maximum": 8}, {"type": "string"},
            {"type": "array", "items": {"type": ["integer", "string"]}, "minItems": 1}]
    for name in ("Disclosure", "Internal"):  # grounds: [5, 6], 5 or "5, 6"
        for form in defs.get(name, {}).get("anyOf", []):
            grounds = form.get("properties", {}).get("grounds")
            if grounds is not None:
                form["properties"]["grounds"] = {"anyOf": [grounds,
                                                           {"type": ["integer", "string"]}]}
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


def public_plan_schema() -> dict:
    """JSON Schema of a plan's public data (``build/public/data/<plan>.json``): the plan's, where
    any part may stand withheld (a ``Withheld`` notice with its grounds) and no ``internal``
    mark appears."""
    from .public import Withheld
    schema = plan_schema()
    defs = schema.setdefault("$defs", {})
    defs["Withheld"] = Withheld.model_json_schema()
    withheld = {"$ref": "#/$defs/Withheld"}

    def widen(node):
        """The node with every reference to a model class also allowing a notice."""
        if isinstance(node, list):
            return [widen(v) for v in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            if node == withheld:
                return node
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**rest, "anyOf": [{"$ref": node["$ref"]}, withheld]}
        if "oneOf" in node:  # a tagged union (the blocks): the notice is one more choice
            rest = {k: widen(v) for k, v in node.items() if k not in ("oneOf", "discriminator")}
            return {**rest, "oneOf": [*node["oneOf"], withheld]}
        return {k: widen(v) for k, v in node.items()}
    for key in list(schema):
        if key != "$defs":
            schema[key] = widen(schema[key])
    for name in list(defs):
        if name != "Withheld":
            defs[name] = widen(defs[name])
    for node in defs.values():  # a withheld total stands in a cell's text
        node.get("properties", {}).pop("internal", None)
    return schema


def plan_json(plan: model.Plan) -> bytes:
    """The plan as data, each node by its own class (the public model holds notices, and no
    ``internal`` key: the public model has no mark)."""
    data = plan.model_dump(mode="json", serialize_as_any=True)

    def unmarked(node):
        if isinstance(node, dict):
            return {k: unmarked(v) for k, v in node.items()
                    if not (k == "internal" and v is None)}
        if isinstance(node, list):
            return [unmarked(v) for v in node]
        return node
    return _utf8(_json(unmarked(data)))


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


@dataclass(frozen=True)
class DataTable:
    """An open-data table: its columns and rows, written as CSV with its column sheet."""

    name: str
    """The file's suffix: ``budgets`` → ``<plan>-budgets.csv``."""
    title: str
    """What the table holds, in Korean (the dataset metadata names each download)."""
    columns: tuple[DataColumn, ...]
    rows: list[list]

    def csv(self) -> str:
        return _csv([[c.name for c in self.columns], *self.rows])

    def sheet(self) -> str:
        """The column sheet in the form the national open-data portal asks for."""
        return _csv([list(SHEET_HEADER)] + [[c.name, c.english, c.description, c.kind, c.unit,
                                             "Y" if c.required else "N"] for c in self.columns])


def _thousands(won: int):
    """Won in 천원: a whole number when it divides, else its exact decimal."""
    return won // 1000 if won % 1000 == 0 else Decimal(won) / 1000


def budget_table(plan: model.Plan) -> DataTable:
    overview = budget_overview(plan)
    ko = get_locale("ko")
    rows = []
    for r in overview.rows:
        for source in [s for s in SOURCE_ORDER if s in r.by_source]:
            won = r.by_source[source]
            rows.append([r.section_index + 1, r.section.id, ko.text(r.section.title),
                         ko.text(r.label), source, won, _thousands(won), r.won])
    return DataTable("budgets", TITLES["budgets"], BUDGET_COLUMNS, rows)


def split_table(plan: model.Plan) -> DataTable:
    overview = budget_overview(plan)
    ko = get_locale("ko")
    rows = []
    for r in overview.rows:
        split = r.budget.funding
        if split is None:
            continue
        for share in split.shares:
            rows.append([r.section_index + 1, r.section.id, ko.text(r.section.title),
                         ko.text(r.label), share.source,
                         share.ratio if share.ratio is not None else "",
                         share.amount.won if share.amount is not None else "", ko.split(split)])
    return DataTable("splits", TITLES["splits"], SPLIT_COLUMNS, rows)


def target_table(plan: model.Plan) -> DataTable:
    ko = get_locale("ko")
    rows = []
    for i, section in enumerate(plan.sections):
        for node in model.walk(section):
            if isinstance(node, model.TargetsBlock):
                for year, value in sorted(node.years.items()):
                    rows.append([i + 1, section.id, ko.text(section.title), ko.text(node.label),
                                 int(year), value, ko.text(node.unit)])
    return DataTable("targets", TITLES["targets"], TARGET_COLUMNS, rows)


def schedule_table(plan: model.Plan) -> DataTable:
    ko = get_locale("ko")
    rows = [[ko.text(group.unit), ko.text(row.name), row.section]
            + [1 if m in row.months else 0 for m in range(1, 13)]
            for group, row in schedule_rows(plan)]
    return DataTable("schedule", TITLES["schedule"], SCHEDULE_COLUMNS, rows)


TABLES = (budget_table, split_table, target_table, schedule_table)
"""The open-data tables of a plan, in the order they are listed."""


def _utf8(text: str) -> bytes:
    """Text as the files hold it: UTF-8, line ends as written (the bytes
    ``write_text(…, encoding="utf-8")`` wrote on POSIX; no newline translation anywhere)."""
    return text.encode("utf-8")


def shared_files() -> dict[str, bytes]:
    """The whole-build part of ``build/data/``: the plan's JSON Schema and the editor schemas,
    the same for every plan."""
    files = {"plan.schema.json": _utf8(_json(plan_schema())),
             "public-plan.schema.json": _utf8(_json(public_plan_schema()))}
    for name, schema in editor_schemas().items():
        files[name] = _utf8(_json(schema))
    return files


def public_shared_files() -> dict[str, bytes]:
    """The whole-build part of ``build/public/data/``: the schema its JSON validates against."""
    return {"public-plan.schema.json": _utf8(_json(public_plan_schema()))}


def plan_files(projection: Projection) -> dict[str, bytes]:
    """The per-plan step: one plan's open data by file name (``<id>.json``, a CSV per table
    with its column sheet ``<id>-<table>.columns.csv``, and the dataset metadata
    ``<id>.dataset.jsonld``); it writes nothing."""
    plan = projection.plan
    files = {f"{plan.id}.json": plan_json(plan)}
    tables = [make(plan) for make in TABLES]
    for table in tables:
        files[f"{plan.id}-{table.name}.csv"] = _utf8(table.csv())
        files[f"{plan.id}-{table.name}.columns.csv"] = _utf8(table.sheet())
    files[f"{plan.id}.dataset.jsonld"] = _utf8(_json(dataset(plan, tables, projection.audience)))
    return files


MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv", ".pdf": "application/pdf",
               ".jsonld": "application/ld+json"}


def dataset(plan: model.Plan, tables: list[DataTable], audience: str) -> dict:
    """The plan's downloads described as a dataset, in schema.org and DCAT terms at once
    (JSON-LD): its title, publisher, date, and one distribution per file."""
    ko = get_locale("ko")
    office = " ".join(ko.text(t) for t in (plan.office.authority, plan.office.division,
                                           plan.office.team))
    files = [(f"{plan.id}.json", TITLES["json"]), (f"../pdf/{plan.id}.ko.pdf", TITLES["pdf"])]
    files += [(f"{plan.id}-{t.name}.csv", f"{t.title}(CSV)") for t in tables]
    distributions = [{
        "@type": ["schema:DataDownload", "dcat:Distribution"],
        "schema:name": title, "dct:title": title,
        "schema:contentUrl": name, "dcat:downloadURL": name,
        "schema:encodingFormat": MEDIA_TYPES[Path(name).suffix],
        "dcat:mediaType": MEDIA_TYPES[Path(name).suffix],
        **({"dct:conformsTo": name.replace(".csv", ".columns.csv")} if name.endswith(".csv")
           else {}),
    } for name, title in files]
    return {
        "@context": {"schema": "https://schema.org/", "dcat": "http://www.w3.org/ns/dcat#",
                     "dct": "http://purl.org/dc/terms/"},
        "@type": ["schema:Dataset", "dcat:Dataset"],
        "@id": f"{plan.id}.dataset.jsonld",
        "schema:name": ko.text(plan.title), "dct:title": ko.text(plan.title),
        "schema:description": ko.text(plan.vision), "dct:description": ko.text(plan.vision),
        "schema:inLanguage": ["ko", "en"], "dct:language": ["ko", "en"],
        "schema:publisher": {"@type": "schema:GovernmentOrganization", "schema:name": office},
        "dct:publisher": office,
        "schema:datePublished": plan.header.approved_on.isoformat(),
        "dct:issued": plan.header.approved_on.isoformat(),
        "schema:temporalCoverage": str(plan.year), "dct:temporal": str(plan.year),
        "dct:accessRights": "public" if audience == "public" else "internal",
        "schema:distribution": distributions, "dcat:distribution": distributions,
    }


def build_data(plans: list[CheckedPlan], out: Path) -> None:
    """``build/data/`` whole: the shared schemas and every plan's JSON and CSV."""
    out = Path(out)
    files = shared_files()
    for checked in plans:
        files.update(plan_files(project(checked)))
    for name, data in files.items():
        (out / name).write_bytes(data)
