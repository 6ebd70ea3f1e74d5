"""Times `plansite validate` on the seed and on 1,000 generated copies, with peak memory.

Goals (issue 2): validating the seed takes ≤ 3× a bare ``python -c 'import yaml'``; validating
1,000 plans takes ≤ 2× merely parsing the same files with PyYAML's C loader.  Every figure is
the median of several runs of a fresh process; peak memory is the child's maximum RSS.

Goal (issue 15): in a warm process, as ``plansite serve`` re-checks the plans after a save,
checking the seed again after one edit to a section file takes under 50 ms (the median of
``--runs`` edits, each appending a newline, in this process).

The commands run with a cache folder of their own (``$PLANSITE_CACHE``): the catalogs parsed
(copied from ``build/.cache/locale`` when there is one, as after any build), and the verdicts
``validate`` keeps removed before each run, so that every plan is checked; the seed is timed
once more with its verdict kept (unchanged: reused, :mod:`generator.verdicts`).

    .venv/bin/python benchmarks/validate_bench.py [--copies 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "plan" / "gwangjin-2016-job-operations"
PY = sys.executable
PARSE_ONLY = """
import sys, pathlib, yaml
for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
"""


CACHE = Path(tempfile.mkdtemp(prefix="validate-bench-cache-"))
"""The commands' cache folder (see the module's docstring)."""


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run of cmd."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "PLANSITE_CACHE": str(CACHE)})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss


def measure(cmd: list[str], runs: int, kept: bool = False) -> tuple[float, int]:
    """Median wall seconds and largest peak RSS of ``runs`` runs; unless ``kept``, the verdicts
    kept by the run before are removed first (every plan is checked)."""
    results = []
    for _ in range(runs):
        if not kept:
            shutil.rmtree(CACHE / "verdicts", ignore_errors=True)
        results.append(run(cmd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def make_copies(n: int, into: Path) -> None:
    for i in range(n):
        dest = into / f"copy-{i:04d}"
        shutil.copytree(SEED, dest)
        plan = dest / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            "id: gwangjin-2016-job-operations", f"id: copy-{i:04d}"), encoding="utf-8")


def warm_recheck(runs: int) -> float:
    """Median seconds of re-checking a copy of the seed in this (warm) process after one edit,
    as the preview does on a save (:func:`generator.pipeline.check_all` of the plans folder)."""
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import check_all
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(SEED, Path(tmp) / SEED.name)
        check_all([tmp])  # warm: modules, models, catalogs
        section = sorted((Path(tmp) / SEED.name / "sections").glob("*.yaml"))[0]
        times = []
        for _ in range(max(runs, 3)):
            section.write_bytes(section.read_bytes() + b"\n")
            start = time.perf_counter()
            check_all([tmp])
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    plansite = [PY, "-m", "generator.cli", "validate"]
    if (ROOT / "build" / ".cache" / "locale").is_dir():
        shutil.copytree(ROOT / "build" / ".cache" / "locale", CACHE / "locale")
    run(plansite + [str(SEED)])  # the catalogs parsed, if they were not

    base, base_rss = measure([PY, "-c", "import yaml"], args.runs)
    seed, seed_rss = measure(plansite + [str(SEED)], args.runs)
    kept, kept_rss = measure(plansite + [str(SEED)], args.runs, kept=True)
    print(f"python -c 'import yaml'        {base * 1000:8.1f} ms  peak {base_rss / 1024:6.1f} MB")
    print(f"plansite validate (seed)       {seed * 1000:8.1f} ms  peak {seed_rss / 1024:6.1f} MB"
          f"  = {seed / base:.2f}x  (goal <= 3x)")
    print(f"  the same, verdict reused     {kept * 1000:8.1f} ms  peak {kept_rss / 1024:6.1f} MB"
          f"  = {kept / base:.2f}x  (the plan unchanged since the run before)")
    warm = warm_recheck(args.runs)
    print(f"warm re-check after an edit   {warm * 1000:8.1f} ms  (goal < 50 ms; as plansite serve)")

    with tempfile.TemporaryDirectory() as tmp:
        make_copies(args.copies, Path(tmp))
        runs = max(1, args.runs // 3)
        parse, parse_rss = measure([PY, "-c", PARSE_ONLY, tmp], runs)
        one, one_rss = measure(plansite + ["--jobs", "1", tmp], runs)
        many, many_rss = measure(plansite + [tmp], runs)
    cores = os.cpu_count() or 1
    print(f"C-loader parse of {args.copies} plans  {parse:8.2f} s   peak {parse_rss / 1024:6.1f} MB"
          "  (one process)")
    print(f"plansite validate --jobs 1    {one:8.2f} s   peak {one_rss / 1024:6.1f} MB"
          f"  = {one / parse:.2f}x  (one process)")
    print(f"plansite validate ({cores} cores)  {many:8.2f} s   peak {many_rss / 1024:6.1f} MB"
          f"  = {many / parse:.2f}x  (goal <= 2x; peak is the largest process)")
    print(f"per plan: {one / args.copies * 1000:.1f} ms validate in one process, "
          f"{parse / args.copies * 1000:.1f} ms parse")
    shutil.rmtree(CACHE, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
