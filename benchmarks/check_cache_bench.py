"""Times checking synthetic plans through ``check_all`` without the check cache, with a cold
one (every plan checked and stored) and warm (nothing changed; one plan changed), in one
process, as ``plansite build`` checks them (:mod:`generator.checkcache`; issue 15).

    .venv/bin/python benchmarks/check_cache_bench.py [--plans 100] [--jobs 1]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synth import write_plans  # noqa: E402

from generator.checkcache import CheckCache  # noqa: E402
from generator.digest import generator_digest  # noqa: E402
from generator.pipeline import check_all  # noqa: E402


def timed(plans: Path, jobs: int, cache=None) -> tuple[float, int]:
    start = time.perf_counter()
    checked = check_all([plans], jobs=jobs, cache=cache)
    if cache is not None:
        cache.flush()
    return time.perf_counter() - start, len(checked)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    generator_digest()  # once per build, whatever the cache: not counted
    with tempfile.TemporaryDirectory() as tmp:
        plans, root = Path(tmp) / "plans", Path(tmp) / "checks"
        write_plans(plans, args.plans, 2016)
        check_all([sorted(plans.iterdir())[0]])  # the first check's one-off costs
        rows = [("no cache", *timed(plans, args.jobs)),
                ("cold cache (all stored)", *timed(plans, args.jobs, CheckCache(root)))]
        warm = CheckCache(root)
        rows.append(("warm, nothing changed", *timed(plans, args.jobs, warm)))
        first = sorted(plans.iterdir())[0] / "plan.yaml"
        first.write_bytes(first.read_bytes() + b"\n")
        one = CheckCache(root)
        rows.append(("warm, one plan changed", *timed(plans, args.jobs, one)))
        size = sum(f.stat().st_size for f in root.rglob("*.pickle"))
        shutil.rmtree(root)
    for name, seconds, n in rows:
        print(f"{name:26} {seconds:7.2f} s  ({n} plans, --jobs {args.jobs})")
    print(f"hits/misses: warm {warm.hits}/{warm.misses}, one changed {one.hits}/{one.misses}; "
          f"cache {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
