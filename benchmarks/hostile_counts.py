"""Runs ``plansite validate`` on every input of the hostile corpus and prints the counts.

The corpus is ``tests/hostile/corpus.py``: files (links, pipes, folders, lock files, odd names,
duplicate ids), text hygiene (control characters, invisible texts, non-ASCII digits), limits
(digits, ids, rows, cells, bullet levels, values, files, bytes, nesting) and the command line
(``--jobs``).  Each input is built in a temporary folder and checked by a fresh ``plansite``
process with a timeout, as a user would run it:

- *located*: the exit code is the one documented for the input, the rules it must raise are
  printed, and every problem printed has the form ``file:line:col: severity: … (rule)`` with a
  hint (for ``--jobs``, argparse's error line);
- *crash*: a traceback, or an exit code other than 0, 1 or 2;
- *hang*: no answer within the timeout (default 60 s);
- *wrong*: no crash or hang, but not what the corpus documents.

    .venv/bin/python benchmarks/hostile_counts.py [--timeout 60] [-v]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import corpus  # noqa: E402

PLANSITE = Path(sys.executable).parent / "plansite"
PROBLEM = re.compile(r'^(?:"(?:[^"\\]|\\.)*"|[^":\s][^":]*):\d+:\d+: (?:error|warning): .*'
                     r" \(([a-z0-9]+(?:-[a-z0-9]+)*)\)$")
HINT = re.compile(r"^    \S+: \S")


def verdict(case: corpus.Case, code: int, out: str, err: str) -> str:
    if "Traceback" in err or code not in (0, 1, 2):
        return "crash"
    lines = out.splitlines()
    rules = set()
    for i, line in enumerate(lines):
        m = PROBLEM.match(line)
        if m:
            rules.add(m.group(1))
            if not (i + 1 < len(lines) and HINT.match(lines[i + 1])):
                return "wrong"
        elif not HINT.match(line):
            return "wrong"
    if code == 2 and "error: argument --jobs:" not in err:
        return "wrong"
    return "located" if code == case.code and case.rules <= rules else "wrong"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per input")
    ap.add_argument("--plansite", default=str(PLANSITE),
                    help="the plansite command to try (e.g. another checkout's, to compare)")
    args = ap.parse_args()
    counts = {"located": 0, "wrong": 0, "crash": 0, "hang": 0}
    kinds = {0: 0, 1: 0, 2: 0}
    slowest = (0.0, "")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    with tempfile.TemporaryDirectory() as tmp:
        for case in corpus.CASES:
            argv = [args.plansite, "validate", *corpus.build(case, Path(tmp))]
            start = time.perf_counter()
            try:
                run = subprocess.run(argv, capture_output=True, timeout=args.timeout, cwd=ROOT,
                                     env=env)
                result = verdict(case, run.returncode, run.stdout.decode("utf-8", "replace"),
                                 run.stderr.decode("utf-8", "replace"))
            except subprocess.TimeoutExpired:
                result = "hang"
            seconds = time.perf_counter() - start
            slowest = max(slowest, (seconds, case.name))
            counts[result] += 1
            if result == "located":
                kinds[case.code] += 1
            if args.verbose or result != "located":
                print(f"{result:8} {seconds:6.2f} s  {case.name}", flush=True)
    print(f"inputs tried {len(corpus.CASES)}: as documented {counts['located']} (located errors "
          f"{kinds[1]}, located warnings {kinds[0]}, argparse errors {kinds[2]}), crashes "
          f"{counts['crash']}, hangs {counts['hang']}, not as documented {counts['wrong']}; "
          f"slowest {slowest[1]} ({slowest[0]:.2f} s)")
    return 0 if counts["located"] == len(corpus.CASES) else 1


if __name__ == "__main__":
    sys.exit(main())
