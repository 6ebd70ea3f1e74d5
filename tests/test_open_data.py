"""Open data: the plan as JSON with its schema, CSV tables (UTF-8 with BOM) with a column sheet
each, and the dataset metadata (schema.org and DCAT) naming every download."""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest

from generator.budgets import budget_overview
from generator.data import TABLES, plan_files, plan_schema
from generator.pipeline import check_folder
from generator.projection import project

from .conftest import PLANS, SEED

PLANS_WITH_DATA = [SEED, PLANS / "valid" / "minimal", PLANS / "scenarios" / "hierarchy",
                   PLANS / "scenarios" / "multi-year"]


def _files(folder):
    checked = check_folder(folder)
    return checked, plan_files(project(checked))


def _rows(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode("utf-8"))  # a spreadsheet reads the Korean right
    return list(csv.DictReader(data.decode("utf-8-sig").splitlines()))


@pytest.mark.parametrize("folder", PLANS_WITH_DATA, ids=lambda p: p.name)
def test_the_budget_csv_totals_equal_the_models(folder):
    checked, files = _files(folder)
    overview = budget_overview(checked.plan)
    rows = _rows(files[f"{checked.plan.id}-budgets.csv"])
    assert sum(int(r["금액_원"]) for r in rows) == overview.total
    by_source: dict[str, int] = {}
    for r in rows:
        by_source[r["재원"]] = by_source.get(r["재원"], 0) + int(r["금액_원"])
        assert int(r["금액_원"]) == round(float(r["금액_천원"]) * 1000)
    assert by_source == overview.by_source()


@pytest.mark.parametrize("folder", PLANS_WITH_DATA, ids=lambda p: p.name)
def test_every_csv_column_is_in_its_column_sheet(folder):
    checked, files = _files(folder)
    for make in TABLES:
        table = make(checked.plan)
        header = next(csv.reader(files[f"{checked.plan.id}-{table.name}.csv"]
                                 .decode("utf-8-sig").splitlines()))
        sheet = _rows(files[f"{checked.plan.id}-{table.name}.columns.csv"])
        assert [r["항목명"] for r in sheet] == header
        assert all(r["영문명"] and r["설명"] and r["데이터타입"] in ("문자", "정수", "실수")
                   for r in sheet)


def test_the_json_validates_against_the_published_schema():
    checked, files = _files(SEED)
    data = json.loads(files[f"{checked.plan.id}.json"])
    jsonschema.validate(data, plan_schema())
    assert data["office"]["team"] == {"ko": "일자리운영팀", "en": "Job Operations Team"}


def test_the_dataset_metadata_names_every_download():
    checked, files = _files(SEED)
    meta = json.loads(files[f"{checked.plan.id}.dataset.jsonld"])
    assert "schema:Dataset" in meta["@type"] and "dcat:Dataset" in meta["@type"]
    named = {d["schema:contentUrl"] for d in meta["schema:distribution"]}
    data_files = {n for n in files if not n.endswith((".columns.csv", ".jsonld"))}
    assert data_files <= named
    for d in meta["dcat:distribution"]:
        if d["dcat:downloadURL"].endswith(".csv"):
            assert d["dct:conformsTo"] in files  # the column sheet describes it
    assert meta["dct:issued"] == "2016-01-19"
