"""The English site built in a process beside the Korean one (:mod:`generator.site.beside`;
issue 15): what that process raises is the build's error, as if built in one process, and a
killed build leaves no process behind and its folder free (``--jobs 1`` and ``--jobs 2`` giving
the same files is ``test_incremental.py``'s)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.mkdocs_plugin as plugin
from generator.cli import main

from .conftest import ROOT
from .test_incremental import VALID, env, listing

FULL_DISK = OSError(errno.ENOSPC, "No space left on device")


def _english_fails(monkeypatch) -> None:
    build_language = plugin.build_language

    def failing(config_file, site_dir, *args, **kwargs):
        if Path(config_file).name == "mkdocs.en.yml":
            raise FULL_DISK
        return build_language(config_file, site_dir, *args, **kwargs)
    monkeypatch.setattr(plugin, "build_language", failing)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_english_sites_error_is_the_builds(jobs, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", str(VALID / "minimal"), "--out", str(out), "--only", "site",
                 "--lang", "en", "--jobs", jobs]) == 0
    before = listing(out)
    _english_fails(monkeypatch)
    capsys.readouterr()
    assert main(["build", str(VALID / "fair"), "--out", str(out), "--only", "site",
                 "--lang", "en", "--jobs", jobs]) == 1
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    assert "No space left on device" in printed.err and "free some disk space" in printed.err
    assert listing(out) == before  # nothing published


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        except OSError:
            return True
        if state == "Z":  # dead, waiting for whoever adopted it to reap it
            return True
        time.sleep(0.02)
    return False


SLOW_ENGLISH = """
import os, sys, time
from pathlib import Path
import generator.mkdocs_plugin as plugin
from generator.cli import main
build_language = plugin.build_language

def slow(config_file, *args, **kwargs):  # the English build, busy a long time between pages
    if Path(config_file).name == "mkdocs.en.yml":
        Path(sys.argv[1]).write_text(str(os.getpid()))
        time.sleep(600)
    return build_language(config_file, *args, **kwargs)
plugin.build_language = slow
sys.exit(main(sys.argv[2:]))
"""


def test_a_killed_build_leaves_no_language_build_running_and_its_folder_free(tmp_path):
    out = tmp_path / "out"
    args = ["build", str(VALID / "fair"), str(VALID / "minimal"), "--out", str(out),
            "--only", "site", "--jobs", "2"]
    started = tmp_path / "english-started"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_ENGLISH, str(started), *args], cwd=ROOT,
                            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started.exists(), "the English site was not started beside the build"
    time.sleep(0.1)
    english = int(started.read_text())
    assert english != proc.pid and english in _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _gone(english, within=5), "the English build outlived the build"
    done = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, env=env(),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # not refused: no process holds the lock
    assert (out / "site" / "en" / "index.html").is_file()
