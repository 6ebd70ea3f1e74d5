"""Times validation and the PDF step of a plan whose one table has as many rows as a limit allows.

The hang of issue 12: a table of 100,000 rows validated in 4.6 s, and then the PDF step ran past
two minutes.  :data:`generator.limits.MAX_TABLE_ROWS` refuses such a table before the model is
built; this script shows what a table *at* the limit costs, so that the limit keeps every step
bounded.  It builds the plan in a temporary folder (a copy of ``tests/plans/valid/minimal`` with
one more table), validates it and renders its Korean PDF, and prints the seconds of each:

    .venv/bin/python benchmarks/limits_bench.py [--rows N ...] [--runs 1]

Each figure is the median of ``--runs`` runs (default 1; the PDF of a table at the limit takes
seconds).  Not a test: the time depends on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import limits  # noqa: E402
from generator.fontcache import FontCache  # noqa: E402
from generator.pdf import FONTS, plan_pdf  # noqa: E402
from generator.pipeline import check_folder  # noqa: E402

MINIMAL = ROOT / "tests" / "plans" / "valid" / "minimal"
ANCHOR = "      - type: note\n        text: 비예산\n"


def plan_with_rows(folder: Path, rows: int, cells: int = 4) -> Path:
    """A copy of the minimal plan with a table of ``rows`` rows of ``cells`` cells (a label
    column and number columns) under its second section's note; returns the folder."""
    shutil.copytree(MINIMAL, folder)
    plan = folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: minimal", f"id: {folder.name}"),
                    encoding="utf-8")
    numbers = [f"n{i}" for i in range(1, cells)]
    lines = ["      - type: table", "        caption: 참여자 명단", "        columns:",
             "          - {key: 이름, label: 이름, role: label}"]
    lines += [f"          - {{key: {k}, label: 값{k[1:]}, type: number}}" for k in numbers]
    lines.append("        rows:")
    for r in range(rows):
        values = ", ".join(f'{k}: "{(r * 7 + i) % 1000:,}"' for i, k in enumerate(numbers))
        lines.append(f"          - {{이름: 참여자{r + 1:06d}, {values}}}")
    section = folder / "sections" / "02-second.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace(ANCHOR, ANCHOR + "\n".join(lines) + "\n", 1),
                       encoding="utf-8")
    return folder


def timed(func, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="*", default=[limits.MAX_TABLE_ROWS],
                    help=f"rows of the table (default: the limit, {limits.MAX_TABLE_ROWS})")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    cache = FontCache(ROOT / "build" / ".cache" / "fonts")
    cache.warm(sorted(FONTS.glob("*.woff2")))
    print(f"{'rows':>7} {'validate s':>11} {'PDF (ko) s':>11} {'pages KB':>9}  problems")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            folder = plan_with_rows(Path(tmp) / f"rows-{rows}", rows)
            t_check, checked = timed(lambda: check_folder(folder), args.runs)
            rules = sorted({p.rule for p in checked.problems})
            if checked.plan is None:
                print(f"{rows:>7} {t_check:>11.2f} {'—':>11} {'—':>9}  refused: {rules}")
                continue
            t_pdf, pdf = timed(lambda: plan_pdf(checked, cache), args.runs)
            print(f"{rows:>7} {t_check:>11.2f} {t_pdf:>11.2f} {len(pdf) / 1024:>9.0f}  {rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
