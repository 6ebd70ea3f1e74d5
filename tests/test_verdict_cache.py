"""``plansite validate`` reuses the verdict of a plan that did not change (:mod:`generator.
verdicts`; issue 15).

After each kind of change (a section, ``plan.yaml``, the catalog, a new or removed file, a
figure's image, ``--strict``, ``--lang en``) a validate with the cache prints exactly what one
without a cache prints, and what it prints did change, so a stale verdict would be seen.  A
reused verdict loads no model and runs no rule; a damaged entry is a miss; plans sharing an id
are compared on every run; without a cache folder nothing is written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.checkcache import PickleStore
from generator.cli import main

from .conftest import PLANS, ROOT, SEED
from .test_check_cache import CHANGES, _replace, spied


@pytest.fixture
def lookups(monkeypatch) -> list:
    """Every lookup in the verdict cache, as True (hit) or False (miss)."""
    return spied(monkeypatch, PickleStore, lambda store: store.root.name == "verdicts")


def _args(options: dict) -> list[str]:
    return (["--strict"] if options.get("strict") else []) + \
        (["--lang", options["loc"].lang] if "loc" in options else [])


def validated(plans: Path, cache: Path, capsys, monkeypatch, *args: str) -> tuple:
    """What ``plansite validate`` exits with and prints, with ``cache`` as the command cache."""
    monkeypatch.setenv("PLANSITE_CACHE", str(cache))
    capsys.readouterr()
    code = main(["validate", str(plans), *args])
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def test_each_kind_of_change_validates_as_a_run_without_the_cache(plans, tmp_path, capsys,
                                                                 monkeypatch, lookups):
    cache = tmp_path / "cache"
    cache.mkdir()
    nowhere = tmp_path / "no-cache"  # not there: nothing kept, every plan checked
    before = validated(plans, cache, capsys, monkeypatch)
    assert before[0] == 0 and lookups == [False, False]
    assert len(list((cache / "verdicts").rglob("*.pickle"))) == 2
    del lookups[:]
    assert validated(plans, cache, capsys, monkeypatch) == before and lookups == [True, True]
    for kind, options, change in CHANGES:
        change(plans / "fair")
        del lookups[:]
        warm = validated(plans, cache, capsys, monkeypatch, *_args(options))
        assert lookups[0] is False and (lookups[1] or options), kind  # settings: new keys
        assert warm != before, kind  # the change shows: a stale verdict would be seen
        assert warm == validated(plans, nowhere, capsys, monkeypatch, *_args(options)), kind
        before = warm
    assert not nowhere.exists()
    assert before[0] == 1 and "figure-size" in before[1]


SCRIPT = """
import json, sys
from generator.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


def _run(cache: Path, *args: str) -> tuple[int, str, str, list[str]]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, "validate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PLANSITE_CACHE": str(cache)})
    out, _, modules = done.stdout.rpartition("\nMODULES ")
    return done.returncode, out, done.stderr, json.loads(modules)


@pytest.mark.parametrize("args", [[str(SEED)], [str(SEED), "--lang", "en", "--format", "json"],
                                  [str(PLANS / "invalid" / "budget-table-total"), "--format",
                                   "github"]])
def test_a_reused_verdict_loads_no_model_and_prints_what_checking_printed(tmp_path, args):
    cache = tmp_path / "cache"
    cache.mkdir()
    first = _run(cache, *args)
    again = _run(cache, *args)
    assert "pydantic" in first[3] and "generator.checks.totals" in first[3]  # it checked
    assert again[:3] == first[:3]
    assert [m for m in again[3] if m.split(".")[0] in ("pydantic", "babel", "yaml")
            or m.startswith(("generator.model", "generator.checks", "generator.loading"))] == []


def test_a_damaged_entry_is_a_miss_and_checked_again(plans, tmp_path, capsys, monkeypatch,
                                                     lookups):
    cache = tmp_path / "cache"
    cache.mkdir()
    before = validated(plans, cache, capsys, monkeypatch)
    entries = sorted((cache / "verdicts").rglob("*.pickle"))
    entries[0].write_bytes(entries[0].read_bytes()[:-7] + b"garbage")
    entries[1].write_bytes(b"")
    del lookups[:]
    assert validated(plans, cache, capsys, monkeypatch) == before and lookups == [False, False]
    del lookups[:]
    assert validated(plans, cache, capsys, monkeypatch) == before and lookups == [True, True]


def test_plans_sharing_an_id_are_told_on_every_run_once(plans, tmp_path, capsys, monkeypatch):
    shutil.copytree(plans / "fair", plans / "fair-copy")
    cache = tmp_path / "cache"
    cache.mkdir()
    first = validated(plans, cache, capsys, monkeypatch, "--lang", "en")
    assert first[0] == 1 and first[1].count("(plan-id-duplicate)") == 2
    assert validated(plans, cache, capsys, monkeypatch, "--lang", "en") == first
    shutil.rmtree(plans / "fair-copy")  # the others' verdicts are reused: the error is gone
    assert validated(plans, cache, capsys, monkeypatch, "--lang", "en")[0] == 0


def test_a_plan_saved_while_it_is_checked_is_not_kept(plans, tmp_path, capsys, monkeypatch,
                                                      lookups):
    checked = pipeline.verdicts_of

    def saved_meanwhile(folders, *args):
        for folder, verdict in zip(folders, checked(folders, *args)):
            if folder.name == "fair":
                _replace(folder / "plan.yaml", "vision: 청년과 기업이 만나는 마포",
                         "vision: 청년과 기업이 만나는 마표")
            yield verdict
    monkeypatch.setattr(pipeline, "verdicts_of", saved_meanwhile)
    cache = tmp_path / "cache"
    cache.mkdir()
    validated(plans, cache, capsys, monkeypatch)
    assert len(list((cache / "verdicts").rglob("*.pickle"))) == 1  # minimal's only
    monkeypatch.setattr(pipeline, "verdicts_of", checked)
    del lookups[:]
    validated(plans, cache, capsys, monkeypatch)
    assert lookups == [False, True]


def test_without_a_cache_folder_validate_writes_nothing(plans, tmp_path, monkeypatch):
    monkeypatch.delenv("PLANSITE_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["validate", str(plans)]) == 0
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert not (tmp_path / "build").exists()
