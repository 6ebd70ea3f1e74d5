"""The check cache (``<out>/.cache/checks``, :mod:`generator.checkcache`; issue 15).

A build reuses a plan's check result while nothing it was made from changed, and never serves
a stale one: after each kind of change (a section, ``plan.yaml``, the catalog, a figure's image,
a new file, a removed file, ``--strict``, ``--lang en``) a build with the cache prints and
writes exactly what a build without it does, and what it prints did change.  A damaged entry is
a miss; what stands in a plan folder (a pipe, a name that is not UTF-8, links) is hashed without
being opened or followed out of it.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from generator import build as build_module
from generator import checkcache
from generator.build import build
from generator.checkcache import CheckCache, cache_root, folder_digest, key
from generator.locale import get
from generator.pipeline import check_all
from generator.report import write_reports

from .conftest import ROOT

VALID = ROOT / "tests" / "plans" / "valid"
CACHE_LINE = ("plan checks:", "계획 검사:")


def spied(monkeypatch, store_class, counts=lambda store: True) -> list:
    """Every lookup in the stores of ``store_class`` that ``counts``, as True (hit) or False
    (miss)."""
    found = []
    get_entry = store_class.get

    def spy(self, k):
        entry = get_entry(self, k)
        if counts(self):
            found.append(entry is not None)
        return entry
    monkeypatch.setattr(store_class, "get", spy)
    return found


@pytest.fixture
def counted(monkeypatch) -> list:
    """Every lookup in the check cache, as True (hit) or False (miss)."""
    return spied(monkeypatch, CheckCache)


def outcome(plans: Path, out: Path, capsys, **options) -> dict:
    """What a checks-only build printed and wrote (the cache's own summary line left out, the
    output folder's name as ``<out>``)."""
    capsys.readouterr()
    code = build([str(plans)], out, only=["checks"], jobs=1, **options)
    printed = capsys.readouterr()
    stdout = [line.replace(str(out), "<out>") for line in printed.out.splitlines()
              if not line.startswith(CACHE_LINE)]
    report = (out / "checks.json").read_text(encoding="utf-8") if code == 0 else None
    return {"code": code, "stdout": stdout, "stderr": printed.err.replace(str(out), "<out>"),
            "checks.json": report}


def _png_width(path: Path, width: int) -> None:
    """Set a PNG's width in its IHDR chunk (and the chunk's CRC): one figure, another size."""
    data = bytearray(path.read_bytes())
    data[16:20] = struct.pack(">I", width)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    path.write_bytes(bytes(data))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = [
    ("section file", {}, lambda fair: _replace(fair / "sections" / "01-fair.yaml",
                                               "마포구청 대강당", "마포구청 소강당")),
    ("plan.yaml", {}, lambda fair: _replace(fair / "plan.yaml", "vision: 청년과 기업이 만나는 마포",
                                            "vision: 청년과 기업이 만나는 마표")),
    ("translation catalog", {}, lambda fair: _replace(fair / "translations" / "en.po",
                                                      'msgstr "Mapo-gu, Seoul"', 'msgstr ""')),
    ("new file", {}, lambda fair: (fair / "sections" / "notes.txt").write_text("memo")),
    ("removed file", {}, lambda fair: (fair / "translations" / "en.po").unlink()),
    ("strict", {"strict": True}, lambda fair: None),
    ("lenient again, in English", {"loc": get("en")}, lambda fair: None),
    ("figure's image", {}, lambda fair: _png_width(fair / "images" / "hall-layout.png", 20_000)),
]


def test_each_kind_of_change_gives_what_a_build_without_the_cache_gives(plans, tmp_path, capsys,
                                                                       counted):
    out = tmp_path / "out"
    before = outcome(plans, out, capsys)
    assert before["code"] == 0 and counted == [False, False]
    del counted[:]
    assert outcome(plans, out, capsys) == before and counted == [True, True]
    for n, (kind, options, change) in enumerate(CHANGES):
        change(plans / "fair")
        del counted[:]
        warm = outcome(plans, out, capsys, **options)
        fair_hit, minimal_hit = counted[:2]
        assert not fair_hit and (minimal_hit or options), kind  # settings: another key for all
        assert warm != before, kind  # the change shows: a stale result would be seen
        cold = outcome(plans, tmp_path / f"cold-{n}", capsys, **options)
        assert warm == cold, kind
        shutil.rmtree(cache_root(out))  # and from a deleted cache, into the same folder
        assert outcome(plans, out, capsys, **options) == warm, kind
        before = warm
    assert before["code"] == 1 and "figure-size" in before["stderr"]


def test_the_summary_counts_the_checks_reused_in_korean_and_english(plans, tmp_path, capsys):
    out = tmp_path / "out"
    assert build([str(plans)], out, only=["checks"], jobs=1) == 0
    assert "계획 검사: 캐시에서 재사용 0건, 새로 검사 2건" in capsys.readouterr().out
    summary = build_module.LAST_SUMMARY
    assert (summary.checks_reused, summary.checks_made) == (0, 2)
    (plans / "minimal" / "plan.yaml").write_bytes(
        (plans / "minimal" / "plan.yaml").read_bytes() + b"\n")
    assert build([str(plans)], out, only=["checks"], jobs=1, loc=get("en")) == 0
    assert "plan checks: 1 reused from the cache, 1 checked" in capsys.readouterr().out
    summary = build_module.LAST_SUMMARY
    assert (summary.checks_reused, summary.checks_made) == (1, 1)


def test_a_damaged_entry_is_a_miss_and_checked_again(plans, tmp_path, capsys, counted):
    out = tmp_path / "out"
    clean = outcome(plans, out, capsys)
    entries = sorted(cache_root(out).rglob("*.pickle"))
    assert len(entries) == 2
    damages = [lambda d: d[: len(d) // 2],            # cut short
               lambda d: d[:-1] + bytes([d[-1] ^ 1]),  # one payload byte flipped
               lambda d: b"",                          # empty
               lambda d: d.split(b"\n", 1)[1],         # no header
               lambda d: b"plansite-check-cache-0" + d[d.index(b" "):]]  # another version
    for damage in damages:
        for entry in entries:
            entry.write_bytes(damage(entry.read_bytes()))
        del counted[:]
        assert outcome(plans, out, capsys) == clean
        assert counted == [False, False]
        del counted[:]
        assert outcome(plans, out, capsys) == clean and counted == [True, True]  # rewritten


def test_a_failed_build_leaves_the_out_folder_as_it_was(plans, tmp_path, capsys):
    _replace(plans / "minimal" / "plan.yaml", "year:", "yaer:")
    out = tmp_path / "out"
    assert outcome(plans, out, capsys)["code"] == 1
    assert not out.exists()
    out.mkdir()
    assert outcome(plans, out, capsys)["code"] == 1
    assert os.listdir(out) == []


def _report(plans: list) -> tuple:
    return [(c.folder, c.problems, len(c.results)) for c in plans]


def test_checking_in_parallel_from_the_cache_gives_what_serial_checking_gives(plans, tmp_path):
    for i in range(3):
        shutil.copytree(VALID / "minimal", plans / f"copy-{i}")  # same ids: duplicate errors
    serial = check_all([plans], jobs=1)
    cache = CheckCache(tmp_path / "cache")
    cold = check_all([plans], jobs=2, cache=cache)
    cache.flush()
    warm_cache = CheckCache(tmp_path / "cache")
    warm = check_all([plans], jobs=2, cache=warm_cache)
    assert warm_cache.hits == 5 and warm_cache.misses == 0
    assert _report(serial) == _report(cold) == _report(warm)
    assert any(p.rule == "plan-id-duplicate" for c in warm for p in c.problems)
    for name, checked in (("serial", serial), ("warm", warm)):
        (tmp_path / name).mkdir()
        write_reports(checked, tmp_path / name)
    assert ((tmp_path / "serial" / "checks.json").read_bytes()
            == (tmp_path / "warm" / "checks.json").read_bytes())


def test_the_key_covers_the_folder_the_settings_and_the_working_directory(plans, tmp_path,
                                                                          monkeypatch):
    fair = plans / "fair"
    first = key(fair, False, "ko", "g")
    assert first == key(fair, False, "ko", "g")
    others = {key(fair, True, "ko", "g"), key(fair, False, "en", "g"), key(fair, False, "ko", "h")}
    assert first not in others and len(others) == 3
    monkeypatch.chdir(tmp_path)
    assert key(fair, False, "ko", "g") != first  # problems show paths from the working folder
    moved = tmp_path / "moved" / "fair"
    shutil.copytree(fair, moved)
    assert folder_digest(moved) == folder_digest(fair)
    assert key(moved, False, "ko", "g") != key(fair, False, "ko", "g")
    (fair / "images" / "empty").mkdir()  # an empty folder is an entry too
    assert folder_digest(moved) != folder_digest(fair)


def test_pipes_odd_names_and_links_are_hashed_without_opening_or_following_them(plans,
                                                                               tmp_path):
    fair = plans / "fair"
    os.mkfifo(fair / "sections" / "pipe.yaml")  # opened, a pipe would wait for a writer
    odd = os.fsencode(fair / "sections") + b"/\xff-notes.yaml"
    with open(odd, "wb") as f:
        f.write(b"id: x\n")
    script = ("import sys; from generator.checkcache import folder_digest; "
              "print(folder_digest(sys.argv[1]))")
    done = subprocess.run([sys.executable, "-c", script, str(fair)], cwd=ROOT, timeout=60,
                          capture_output=True, text=True)
    assert done.returncode == 0 and len(done.stdout.strip()) == 64, done.stderr
    with open(odd, "wb") as f:
        f.write(b"id: y\n")
    assert folder_digest(fair) != done.stdout.strip()

    outside = tmp_path / "outside.po"
    shutil.move(fair / "translations" / "en.po", outside)
    (fair / "translations" / "en.po").symlink_to(outside)  # the catalog read through a link
    linked = folder_digest(fair)
    _replace(outside, 'msgstr "Mapo-gu, Seoul"', 'msgstr ""')
    assert folder_digest(fair) != linked  # what the link resolves to is hashed
    (fair / "translations" / "en.po").unlink()
    (fair / "translations" / "en.po").symlink_to(tmp_path / "nowhere.po")
    dangling = folder_digest(fair)
    shutil.copy(outside, tmp_path / "nowhere.po")
    assert folder_digest(fair) != dangling  # a dangling link's target appearing is a change

    (fair / "shared").symlink_to(tmp_path, target_is_directory=True)
    assert folder_digest(fair) is None and key(fair, False, "ko", "g") is None
    cache = CheckCache(tmp_path / "cache")
    for _ in range(2):  # a folder linking out of itself is checked every time
        check_all([fair], cache=cache)
        cache.flush()
    assert (cache.hits, cache.misses) == (0, 2)


def test_a_cache_that_cannot_be_written_is_no_error(plans, tmp_path, capsys):
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / ".cache" / "checks").write_text("not a folder")
    first = outcome(plans, out, capsys)
    assert first["code"] == 0 and outcome(plans, out, capsys) == first


def test_an_entry_is_the_pickled_result_behind_its_sha256(plans, tmp_path):
    cache = CheckCache(tmp_path / "cache")
    check_all([plans / "minimal"], cache=cache)
    cache.flush()
    (entry,) = (tmp_path / "cache").rglob("*.pickle")
    head, payload = entry.read_bytes().split(b"\n", 1)
    import hashlib
    assert head.decode() == f"{checkcache.VERSION} {hashlib.sha256(payload).hexdigest()}"
    assert json.loads(json.dumps(entry.stem)) == key(plans / "minimal", False, "ko")
