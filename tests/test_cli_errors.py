"""Failures a user causes outside the plan: one located line and a hint on stderr, exit 1, no
traceback, and nothing written.  The real command runs in a subprocess, as a user meets it."""

from __future__ import annotations

import ctypes
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import ROOT, SEED

ERROR = re.compile(r"plansite: (?P<where>[^\n]+?): (?P<message>[^\n]+)\n"
                   r"    hint: (?P<hint>[^\n]+)\n")
"""All a failure prints: ``plansite: <where>: <message>``, then an indented hint line."""


def plansite(*args: str | Path, cwd: Path = ROOT, preexec_fn=None,
             env: dict | None = None, lang: str = "en") -> subprocess.CompletedProcess:
    """The command, in English (these tests pin the English wording; the Korean, which is the
    default, is pinned by test_errors_are_korean_by_default)."""
    args = [*map(str, args)]
    if lang and args[0] in ("build", "validate"):
        args[1:1] = ["--lang", lang]
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, preexec_fn=preexec_fn,
                          env={**os.environ, **(env or {})})


def one_error(done: subprocess.CompletedProcess, label: str = "hint") -> tuple[str, str]:
    """The failure's first line (without ``plansite: ``) and its hint; nothing else printed."""
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    shown = re.fullmatch(ERROR.pattern.replace("hint:", f"{label}:"), done.stderr)
    assert shown, f"not one located line and a hint:\n{done.stderr}"
    return f"{shown['where']}: {shown['message']}", shown["hint"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<folder>"
            for p in sorted(folder.rglob("*"))}


def test_build_from_another_folder_names_the_folder_and_the_root(tmp_path):
    elsewhere, out = tmp_path / "elsewhere", tmp_path / "out"
    elsewhere.mkdir()
    line, hint = one_error(plansite("build", SEED, "--out", out, cwd=elsewhere))
    assert line == f"{elsewhere.resolve()}: no mkdocs.yml in this folder; the site step needs it"
    assert hint == ("run plansite from the repository root (the folder holding mkdocs.yml), "
                    f"e.g. cd {shlex.quote(str(ROOT))}")
    assert not out.exists() and os.listdir(elsewhere) == []


def test_build_into_an_out_path_that_is_a_file(tmp_path):
    out = tmp_path / "build"
    out.write_bytes(b"not a folder\n")
    line, hint = one_error(plansite("build", SEED, "--out", out))
    assert line == f"{out}: --out names a file, not a folder"
    assert hint == "choose a folder for --out, or remove the file"
    assert out.read_bytes() == b"not a folder\n" and os.listdir(tmp_path) == ["build"]
    line, hint = one_error(plansite("build", SEED, "--out", out / "sub"))
    assert line == f"{out}: a file, where --out {out / 'sub'} needs a folder"
    assert hint == "choose a folder for --out, or remove the file"


_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE = 24, 1


def _without_dac_override() -> None:
    """Run in the child before exec: drop CAP_DAC_OVERRIDE from the capability bounding set.

    A root process ignores permission bits because it holds CAP_DAC_OVERRIDE, so under root a
    chmod 0o555 folder stays writable and the failure cannot happen.  Without that capability the
    exec'd root process is held to the folder's mode like any user, so the read-only folder really
    refuses writes (EACCES), while the interpreter and the repository, owned by root, stay
    readable.  (Running the child as another user would not do: the interpreter may live under
    /root; chattr +i and read-only mounts need a supporting file system.)"""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE) failed")


def test_build_into_a_read_only_folder_leaves_the_earlier_build(tmp_path, capsys):
    out = tmp_path / "build"
    assert main(["build", str(SEED), "--out", str(out), "--only", "checks"]) == 0
    capsys.readouterr()
    before = snapshot(out)
    assert "checks.json" in before
    as_root = os.geteuid() == 0
    drop = _without_dac_override if as_root else None
    out.chmod(0o555)
    try:
        # first make sure the child really cannot write there, or the test would prove nothing
        probe = subprocess.run([sys.executable, "-c", f"open({str(out / 'probe')!r}, 'w')"],
                               capture_output=True, text=True, preexec_fn=drop)
        assert "PermissionError" in probe.stderr, \
            f"{out} is writable to the child (root={as_root}); the failure cannot be simulated"
        line, hint = one_error(plansite("build", SEED, "--out", out, preexec_fn=drop))
    finally:
        out.chmod(0o755)
    assert line == f"{out}: the output folder is not writable"
    assert hint == f"check the permissions of {out}, or choose another --out"
    assert snapshot(out) == before


def test_validate_a_missing_folder(tmp_path):
    line, hint = one_error(plansite("validate", tmp_path / "nowhere"))
    assert line == f"{tmp_path / 'nowhere'}: no such folder"
    assert hint == "name a plan folder, or a folder of plans; `plansite new <id>` makes one"


def test_a_malformed_source_date_epoch_stops_the_build_before_it_starts(tmp_path):
    out = tmp_path / "out"
    line, hint = one_error(plansite("build", SEED, "--out", out, "--only", "pdf",
                                    env={"SOURCE_DATE_EPOCH": "yesterday"}))
    assert line == "SOURCE_DATE_EPOCH: must be whole seconds since 1970, got 'yesterday'"
    assert hint.startswith("set it to a number")
    assert not out.exists()


def test_errors_are_caught_by_their_kind():
    from generator.errors import OutputError, PlanError, PlansiteError, SetupError
    from generator.loading import NoSuchFolder
    from generator.pdf.render import PdfRenderError
    assert issubclass(NoSuchFolder, PlanError) and issubclass(NoSuchFolder, FileNotFoundError)
    assert issubclass(PdfRenderError, OutputError) and issubclass(PdfRenderError, RuntimeError)
    assert all(issubclass(k, PlansiteError) for k in (PlanError, OutputError, SetupError))
    from generator.locale import get
    assert NoSuchFolder("no such folder: x").format(get("en")) == (
        "plansite: no such folder: x\n"
        "    hint: name a plan folder, or a folder of plans; `plansite new <id>` makes one")
    with pytest.raises(FileNotFoundError):
        raise NoSuchFolder("no such folder: x")


def test_errors_are_korean_by_default(tmp_path):
    """What a plan officer reads first: the same failures, worded in Korean."""
    line, hint = one_error(plansite("validate", tmp_path / "nowhere", lang=""), label="도움말")
    assert line == f"{tmp_path / 'nowhere'}: 그런 폴더가 없습니다"
    assert hint.startswith("계획 폴더나 계획들이 든 폴더를 지정하세요")
    afile = tmp_path / "afile"
    afile.write_text("x")
    line, hint = one_error(plansite("build", SEED, "--out", afile, lang=""), label="도움말")
    assert line == f"{afile}: --out에 폴더가 아닌 파일이 지정되었습니다"
    assert hint == "--out에 폴더를 지정하거나 그 파일을 치우세요"


def test_the_help_is_korean_unless_lang_en():
    """``plansite build --help`` speaks the officer's language, argparse's own words too."""
    done = plansite("build", "--help", lang="")
    assert done.returncode == 0 and done.stdout.startswith("사용법: plansite build")
    for words in ("옵션:", "이 도움말을 보여 주고 끝냅니다", "결과물을 둘 폴더(기본: build)",
                  "경고도 오류로 다룹니다"):
        assert words in done.stdout, words
    assert "usage" not in done.stdout and "options" not in done.stdout
    english = plansite("build", "--help")
    assert english.stdout.startswith("usage: plansite build") and "output folder" in english.stdout
    wrong = plansite("build", "--only", "x", lang="")
    assert wrong.returncode == 2
    assert "plansite build: 오류: --only: 고를 수 없는 값입니다: 'x'" in wrong.stderr
