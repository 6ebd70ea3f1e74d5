"""Shared fixtures: paths, the seed plan, golden-file comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "plan" / "gwangjin-2016-job-operations"
PLANS = Path(__file__).resolve().parent / "plans"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    """Tests run from the repository root, as the CLI does."""
    monkeypatch.chdir(ROOT)


def golden(path: Path, actual: str) -> None:
    """Compare text with a golden file; ``UPDATE_GOLDEN=1`` rewrites it instead."""
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"golden file {path} is missing; run with UPDATE_GOLDEN=1 and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"differs from golden {path}"


@pytest.fixture
def plans(tmp_path) -> Path:
    """A folder of two valid plans to change (``fair``, ``minimal``): the caches' tests."""
    import shutil
    folder = tmp_path / "plans"
    for name in ("fair", "minimal"):
        shutil.copytree(PLANS / "valid" / name, folder / name)
    return folder
