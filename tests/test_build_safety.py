"""Builds that can't be damaged: one build at a time, a kill at any moment leaves the old build/
or the new one, a failed ``mkdocs build`` keeps the last good site, and the failures a user
causes outside a plan stop before anything is written (a located Korean line, exit 1).

``build/`` is compared by a checksum listing of what a reader sees through its links
(:func:`listing`, written here, independent of the code under test)."""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import PLANS, ROOT
from .test_cli_errors import _without_dac_override

A = PLANS / "valid" / "minimal"
B = PLANS / "valid" / "bare"
QUICK = ["--only", "checks", "--only", "data"]
"""What the killed builds remake: the swap is the same for every output, and the outputs not
remade (the site, the PDFs, public/) are carried over, so they are exercised too."""

HOOKED = """
import os, signal, sys, time
from generator import buildfolder
from generator.cli import main
modes, target, signal_file = set(sys.argv[1].split("+")), sys.argv[2], sys.argv[3]
if "no-exchange" in modes:  # as where renameat2 is missing
    buildfolder._exchange = lambda a, b: False
def step(name):
    if name != target:
        return
    if "pause" in modes:  # say so, then wait for the test to let the build go on
        open(signal_file + ".reached", "w").close()
        while not os.path.exists(signal_file + ".go"):
            time.sleep(0.05)
    elif "kill" in modes:
        os.kill(os.getpid(), signal.SIGKILL)
buildfolder.STEP = step
sys.exit(main(sys.argv[4:]))
"""
"""A build with the test hook of :mod:`generator.buildfolder`, its modes joined by ``+``:
``kill`` (SIGKILL at the step), ``pause`` (there until the test says go), ``no-exchange``."""


@pytest.fixture(autouse=True)
def _font_cache(monkeypatch):
    """The builds in this process decode the fonts once, where ``make`` keeps them."""
    monkeypatch.setenv("PLANSITE_CACHE", os.environ.get("PLANSITE_CACHE")
                       or str(ROOT / "build" / ".cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def env() -> dict:
    e = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    e.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    return e


def plansite(*args, cwd: Path = ROOT, extra_env: dict | None = None, preexec_fn=None,
             timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**env(), **(extra_env or {})}, preexec_fn=preexec_fn)


def hooked(mode: str, step: str, signal_file: Path | str, *args, wait: bool = True):
    cmd = [sys.executable, "-c", HOOKED, mode, step, str(signal_file), *map(str, args)]
    if not wait:
        return subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)


def listing(folder: Path) -> dict[str, str]:
    """Every file a reader of ``folder`` reaches, following links, with its SHA-256; the lock,
    the generations' own folder and the font cache left out."""
    found = {}
    for top, dirs, files in os.walk(folder, followlinks=True):
        rel = Path(top).relative_to(folder)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in (".generations", ".cache")]
            files = [f for f in files if f != ".lock"]
        for name in files:
            path = Path(top) / name
            if path.is_file():
                found[(rel / name).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def leftovers(folder: Path) -> list[str]:
    """What a finished build must not leave: temporary names, unpublished generations."""
    left = [p.name for p in folder.iterdir()
            if p.name.endswith((".plansite-new", ".plansite-old"))
            or p.name.startswith(".old-") or p.name == ".staging"]
    generations = folder / ".generations"
    if generations.is_dir():
        current = os.readlink(generations / "current")
        left += [f".generations/{p.name}" for p in generations.iterdir()
                 if p.name not in ("current", current)]
    return left


def copy(template: Path, to: Path) -> Path:
    shutil.copytree(template, to, symlinks=True)
    return to


@pytest.fixture(scope="module")
def full_a(tmp_path_factory) -> Path:
    """A whole build (every output) of plan A, as this plansite makes it."""
    out = tmp_path_factory.mktemp("full-a") / "build"
    done = plansite("build", A, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def legacy_a(full_a, tmp_path_factory) -> Path:
    """The same build in the layout an earlier plansite left: real folders and files."""
    out = tmp_path_factory.mktemp("legacy-a") / "build"
    shutil.copytree(full_a, out, symlinks=False, ignore=shutil.ignore_patterns(".generations",
                                                                              ".lock"))
    assert not any(p.is_symlink() for p in out.iterdir()) and (out / "site").is_dir()
    return out


def quick_b(out: Path, capsys=None) -> None:
    """Plan B's check report and data into out, in this process; it must succeed."""
    assert main(["build", str(B), "--out", str(out), *QUICK]) == 0
    if capsys is not None:
        capsys.readouterr()


def _new_listing(template: Path, tmp_path: Path) -> dict[str, str]:
    done = plansite("build", B, "--out", copy(template, tmp_path / "clean"), *QUICK)
    assert done.returncode == 0, done.stderr
    return listing(tmp_path / "clean")


# --- the layout -------------------------------------------------------------------------------

def test_outputs_are_links_into_one_published_generation(full_a):
    names = sorted(p.name for p in full_a.iterdir())
    assert names == [".cache", ".generations", ".lock", "checks.json", "checks.md", "data",
                     "pdf", "public", "site"]  # .cache: the plan cache and the sites' keys
    for name in names[3:]:
        assert os.readlink(full_a / name) == f".generations/current/{name}"
    generations = sorted(p.name for p in (full_a / ".generations").iterdir())
    assert generations == ["1", "current"] and os.readlink(full_a / ".generations/current") == "1"
    assert (full_a / "pdf" / "minimal.ko.pdf").read_bytes().startswith(b"%PDF-")
    assert (full_a / "site" / "index.html").is_file() and (full_a / "public/site/en").is_dir()
    assert (full_a / ".lock").read_bytes() == b"", "a finished build names no holder"


def test_a_build_equals_a_clean_build(full_a, tmp_path):
    """Same input, same files, whatever the build folder held before."""
    again = copy(full_a, tmp_path / "again")
    done = plansite("build", A, "--out", again)
    assert done.returncode == 0, done.stderr
    assert listing(again) == listing(full_a) and len(listing(full_a)) > 300
    assert leftovers(again) == [] and os.readlink(again / ".generations/current") == "2"


def test_only_carries_the_other_outputs_over(full_a, tmp_path, capsys):
    out = copy(full_a, tmp_path / "out")
    quick_b(out, capsys)
    after, before = listing(out), listing(full_a)
    assert "data/bare.json" in after and "data/minimal.json" not in after
    assert after["checks.json"] != before["checks.json"]
    assert {k: v for k, v in after.items() if k.startswith(("site/", "pdf/", "public/"))} == \
        {k: v for k, v in before.items() if k.startswith(("site/", "pdf/", "public/"))}


# --- the lock ---------------------------------------------------------------------------------

def test_a_second_build_is_refused_while_one_writes(full_a, tmp_path):
    out = copy(full_a, tmp_path / "out")
    barrier = tmp_path / "barrier"
    first = hooked("pause", "written", barrier, "build", B, "--out", out, *QUICK, wait=False)
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{barrier}.reached").exists():
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first build did not reach its swap"
            time.sleep(0.05)
        second = plansite("build", A, "--out", out, *QUICK)
    finally:
        Path(f"{barrier}.go").touch()
        stdout, stderr = first.communicate(timeout=120)
    assert "Traceback" not in second.stderr and second.stdout == ""
    assert second.returncode == 1
    shown = re.fullmatch(r"plansite: (.+): 다른 빌드가 이 폴더에 쓰고 있습니다"
                         r"\(프로세스 (\d+), (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)부터\)\n"
                         r"    도움말: 그 빌드가 끝난 뒤 다시 실행하거나, --out에 다른 폴더를 "
                         r"지정하세요\n", second.stderr)
    assert shown, second.stderr
    assert (shown[1], int(shown[2])) == (str(out), first.pid)
    assert first.returncode == 0, stderr
    assert listing(out) == _new_listing(full_a, tmp_path), "the first build, with its own data"
    assert leftovers(out) == []


def test_a_killed_build_leaves_no_lock_behind(full_a, tmp_path, capsys):
    out = copy(full_a, tmp_path / "out")
    killed = hooked("kill", "written", tmp_path / "x", "build", B, "--out", out, *QUICK)
    assert killed.returncode == -signal.SIGKILL
    assert b'"pid": ' in (out / ".lock").read_bytes(), "the dead holder's note is still there"
    assert listing(out) == listing(full_a)
    quick_b(out, capsys)  # not refused: the kernel dropped the lock with the process
    assert leftovers(out) == []


# --- kills at every step of the swap ----------------------------------------------------------

SWAP = ["locked", "recovered", "written", "carried", "switched", "pruned"]
PUBLISHED_FROM = "switched"


@pytest.mark.parametrize("layout", ["generations", "legacy", "empty"])
def test_a_kill_at_any_step_leaves_the_old_build_or_the_new(layout, full_a, legacy_a, tmp_path,
                                                             capsys):
    """For each step a build passes: SIGKILL there; build/ is the old build exactly (before the
    switch) or the new one (after it); the next build succeeds, with nothing left over."""
    if layout == "generations":
        template, steps = full_a, SWAP
    elif layout == "legacy":  # an earlier plansite's real folders, upgraded on the way
        template = legacy_a
        steps = ["copied checks.json", "upgraded checks.json", "upgraded site",
                 "upgraded public", "switched"]
    else:
        template = tmp_path / "empty"
        template.mkdir()
        steps = ["locked", "linked checks.json", "linked data", "switched"]
    old, new = listing(template), _new_listing(template, tmp_path)
    assert old != new
    for i, step in enumerate(steps):
        out = copy(template, tmp_path / f"run-{i}")
        killed = hooked("kill", step, tmp_path / "x", "build", B, "--out", out, *QUICK)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        after_switch = steps.index(step) >= steps.index(PUBLISHED_FROM)
        assert listing(out) == (new if after_switch else old), step
        quick_b(out, capsys)
        assert listing(out) == new, step
        assert leftovers(out) == [], step
        assert all(p.is_symlink() for p in out.iterdir() if not p.name.startswith(".")), step


def test_an_upgrade_without_renameat2_is_completed_by_the_next_build(legacy_a, tmp_path,
                                                                      capsys):
    """Where folders cannot be swapped with links in one step, an upgrade killed between its
    two renames leaves that one output missing; the next build puts it back first."""
    new = _new_listing(legacy_a, tmp_path)
    out = copy(legacy_a, tmp_path / "out")
    done = hooked("no-exchange", "", tmp_path / "x", "build", B, "--out", out, *QUICK)
    assert done.returncode == 0, done.stderr
    assert listing(out) == new and leftovers(out) == []
    out = copy(legacy_a, tmp_path / "killed")
    killed = hooked("kill+no-exchange", "half-upgraded site", tmp_path / "x", "build", B,
                    "--out", out, *QUICK)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (out / "site").exists() and (out / ".generations/.site.plansite-old").is_dir()
    quick_b(out, capsys)
    assert listing(out) == new and leftovers(out) == []


def test_an_earlier_plansites_killed_swap_is_repaired(legacy_a, tmp_path, capsys):
    """What the issue found: a swap killed between its renames left build/ without site/ and
    with .old-site and .staging; the next build takes .old-site back and removes the rest."""
    new = _new_listing(legacy_a, tmp_path)
    out = copy(legacy_a, tmp_path / "out")
    os.rename(out / "site", out / ".old-site")
    (out / ".staging" / "site").mkdir(parents=True)
    (out / ".staging" / "site" / "half.html").write_text("half")
    quick_b(out, capsys)
    assert listing(out) == new and leftovers(out) == []


def test_kills_at_random_moments(full_a, tmp_path, capsys):
    """SIGKILL at random moments of builds that remake the PDFs too: build/ is always the old
    build or the new one, and the next build always succeeds."""
    args = ["build", B, "--out", None, *QUICK, "--only", "pdf"]
    clean = copy(full_a, tmp_path / "clean")
    done = plansite(*[clean if a is None else a for a in args])
    assert done.returncode == 0, done.stderr
    old, new = listing(full_a), listing(clean)
    rng = random.Random(12)
    for i in range(4):
        out = copy(full_a, tmp_path / f"run-{i}")
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli",
                                 *[str(out) if a is None else str(a) for a in args]],
                                cwd=ROOT, env=env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = listing(out)
        assert state in (old, new), f"run {i}: neither the old build nor the new"
        assert main(["build", str(B), "--out", str(out), *QUICK, "--only", "pdf"]) == 0
        capsys.readouterr()
        assert listing(out) == new and leftovers(out) == []


# --- mkdocs build keeps the last good site ----------------------------------------------------

def test_mkdocs_build_with_a_bad_plan_keeps_the_last_good_site(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(A, root / "plan" / A.name)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# 안내\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build"]
    done = subprocess.run(mkdocs, cwd=root, capture_output=True, text=True, env=env(),
                          timeout=600)
    assert done.returncode == 0, done.stderr
    site = root / "build" / "site"
    good = listing(site)
    assert len(good) > 50 and "minimal/index.html" in good
    plan = root / "plan" / A.name / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("approved_on: 2016-01-19",
                                                    "approved_on: 2016-13-45"), "utf-8")
    done = subprocess.run(mkdocs, cwd=root, capture_output=True, text=True, env=env(),
                          timeout=600)
    assert done.returncode == 1
    assert "plan/minimal/plan.yaml:6:16: error: header.approved_on: 올바른 날짜가 아닙니다" \
        in done.stderr and "Traceback" not in done.stderr
    assert listing(site) == good

    # what mkdocs serve does on each save: the same build into its folder, which stays too
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    served = tmp_path / "served"
    shutil.copytree(site, served)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        with pytest.raises(Abort):
            build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    assert listing(served) == good


def test_a_plain_build_after_plansite_build_in_one_process_loads_its_own_plans(tmp_path,
                                                                                capsys):
    """mkdocs keeps the plansite plugin for the whole process and hands it to every config it
    loads: what ``plansite build`` handed it must not be built again by a later plain build
    (``mkdocs serve`` in the same process), which must check its own, broken, plan."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    assert main(["build", str(A), "--out", str(tmp_path / "out"), "--only", "site",
                 "--jobs", "1"]) == 0
    capsys.readouterr()
    root = tmp_path / "project"
    shutil.copytree(A, root / "plan" / A.name)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# 안내\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    plan = root / "plan" / A.name / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("approved_on: 2016-01-19",
                                                    "approved_on: 2016-13-45"), "utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        with pytest.raises(Abort):
            build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()


# --- what a user gets wrong outside the plan: refused before anything is written --------------

def _refused(done: subprocess.CompletedProcess) -> str:
    """One located line (Korean, with a 도움말 hint), exit 1, no traceback; the line."""
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert done.returncode == 1, done.stderr
    shown = re.fullmatch(r"plansite: ([^\n]+)\n    도움말: [^\n]+\n", done.stderr)
    assert shown, done.stderr
    return shown[1]


@pytest.fixture
def built(full_a, tmp_path) -> Path:
    return copy(full_a, tmp_path / "build")


def test_an_out_that_names_a_file(built, tmp_path):
    before = listing(built)
    line = _refused(plansite("build", A, "--out", built / "checks.json"))
    assert line == f"{built / 'checks.json'}: --out에 폴더가 아닌 파일이 지정되었습니다"
    line = _refused(plansite("build", A, "--out", built / "checks.md" / "sub"))
    assert line.startswith(f"{built / 'checks.md'}: 파일이 있어 ")
    assert listing(built) == before


def test_an_out_inside_another_builds_outputs(built):
    before = listing(built)
    line = _refused(plansite("build", A, "--out", built / "site"))
    assert line == (f"{built / 'site'}: --out이 다른 빌드({built})의 출력 안에 있습니다")
    assert listing(built) == before


@pytest.mark.parametrize("part", ["", ".generations"])
def test_a_read_only_build_folder(built, part):
    """The folder itself read-only, or only its generations: refused, located, nothing
    changed."""
    before = listing(built)
    folder = built / part
    drop = _without_dac_override if os.geteuid() == 0 else None
    folder.chmod(0o555)
    try:
        probe = subprocess.run([sys.executable, "-c", f"open({str(folder / 'p')!r}, 'w')"],
                               capture_output=True, text=True, preexec_fn=drop)
        assert "PermissionError" in probe.stderr, "the folder is writable to the child"
        line = _refused(plansite("build", A, "--out", built, *QUICK, preexec_fn=drop))
    finally:
        folder.chmod(0o755)
    if part:
        assert line.startswith(f"{built / part}/") and line.endswith("Permission denied")
    else:
        assert line == f"{built}: 출력 폴더에 쓸 수 없습니다"
    assert listing(built) == before and leftovers(built) == []


def test_a_build_from_another_folder(built, tmp_path):
    before = listing(built)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    line = _refused(plansite("build", A, "--out", built, cwd=elsewhere))
    assert line == f"{elsewhere}: 이 폴더에 mkdocs.yml 파일이 없습니다. 사이트 만들기에 필요합니다"
    assert os.listdir(elsewhere) == []
    # a folder with an mkdocs.yml that is not the project's: refused before any step ran
    (elsewhere / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    line = _refused(plansite("build", A, "--out", built, cwd=elsewhere))
    assert line.startswith("mkdocs.yml: 사이트 설정으로 읽을 수 없습니다: Config value 'docs_dir'")
    (elsewhere / "docs").mkdir()
    (elsewhere / "mkdocs.yml").write_text("site_name: [\n", "utf-8")
    line = _refused(plansite("build", A, "--out", built, cwd=elsewhere))
    assert line.startswith("mkdocs.yml: 사이트 설정으로 읽을 수 없습니다: ") and "line 2" in line
    assert listing(built) == before and sorted(os.listdir(elsewhere)) == ["docs", "mkdocs.yml"]


@pytest.mark.parametrize("value, message", [
    ("yesterday", "1970년부터의 초(정수)여야 하는데 ‘yesterday’입니다"),
    ("-1", "1970년부터의 초(정수)여야 하는데 ‘-1’입니다"),
    ("１２３", "1970년부터의 초(정수)여야 하는데 ‘１２３’입니다"),
    ("99999999999", "4294967295(2106년) 이하여야 하는데 ‘99999999999’입니다"),
])
def test_a_garbage_source_date_epoch(built, value, message):
    before = listing(built)
    line = _refused(plansite("build", A, "--out", built, extra_env={"SOURCE_DATE_EPOCH": value}))
    assert line == f"SOURCE_DATE_EPOCH: {message}"
    assert listing(built) == before


def test_plain_mkdocs_refuses_a_garbage_source_date_epoch(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(A, root / "plan" / A.name)
    (root / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    done = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build"], cwd=root,
                          capture_output=True, text=True, timeout=600,
                          env={**env(), "SOURCE_DATE_EPOCH": "-1"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "SOURCE_DATE_EPOCH: 1970년부터의 초(정수)여야 하는데 ‘-1’입니다" in done.stderr
    assert not (root / "build").exists()
