"""Times validation and the PDF step of plans at the limits of :mod:`generator.limits`.

The hang of issue 12: a table of 100,000 rows validated in 4.6 s, and then the PDF step ran past
two minutes.  The limits refuse such a plan before its model is built; this script shows what a
plan *at* the limits costs, so that they keep every step bounded.  Each plan is a copy of
``tests/plans/valid/minimal`` with one more block in its second section, built in a temporary
folder:

- ``rows``: a table at the row limit (500 rows of 4 columns);
- ``wide``: a table at the cell limit, as wide as allowed (250 rows of 16 columns);
- ``values``: a bullet list that brings the plan to the value limit (10,000 values);
- ``over``: a table of 100,000 rows (refused: the time is the refusal's).

It validates each, renders its Korean PDF and prints the seconds of each step, the pages and
the size:

    .venv/bin/python benchmarks/limits_bench.py [rows wide values over]

Not a test: the time depends on the machine (and on what else runs on it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import limits  # noqa: E402
from generator.fontcache import FontCache  # noqa: E402
from generator.loading import read_plan_data  # noqa: E402
from generator.pdf import FONTS, plan_pdf  # noqa: E402
from generator.pipeline import check_folder  # noqa: E402

MINIMAL = ROOT / "tests" / "plans" / "valid" / "minimal"
ANCHOR = "      - type: note\n        text: 비예산\n"


def table(rows: int, columns: int) -> str:
    keys = ["이름"] + [f"n{i}" for i in range(1, columns)]
    out = ["      - type: table", "        caption: 참여자 명단", "        columns:",
           "          - {key: 이름, label: 이름, role: label}"]
    out += [f"          - {{key: {k}, label: 값{k[1:]}, type: number}}" for k in keys[1:]]
    out.append("        rows:")
    for r in range(rows):
        cells = ", ".join(f'{k}: "{(r * 7 + i) % 1000:,}"' for i, k in enumerate(keys[1:]))
        out.append(f"          - {{이름: 참여자{r + 1:06d}" + (f", {cells}" if cells else "") + "}")
    return "\n".join(out) + "\n"


def bullets(lines: int) -> str:
    return ("      - type: bullets\n        items:\n"
            + "".join(f"          - 항목 {i + 1}번의 내용\n" for i in range(lines)))


def minimal_values() -> int:
    smap, _ = read_plan_data(MINIMAL)

    def count(x):
        if isinstance(x, dict):
            return sum(count(v) for v in x.values())
        if isinstance(x, list):
            return sum(count(v) for v in x)
        return isinstance(x, str)
    return count(smap.data)


SCENARIOS = {
    "rows": (f"table {limits.MAX_TABLE_ROWS} × 4",
             lambda: table(limits.MAX_TABLE_ROWS, 4)),
    "wide": (f"table {limits.MAX_TABLE_CELLS // limits.MAX_ROW_CELLS} × {limits.MAX_ROW_CELLS}",
             lambda: table(limits.MAX_TABLE_CELLS // limits.MAX_ROW_CELLS, limits.MAX_ROW_CELLS)),
    "values": (f"plan of {limits.MAX_VALUES:,} values",
               lambda: bullets(limits.MAX_VALUES - minimal_values() - 1)),  # 1: its type
    "over": ("table 100,000 × 1", lambda: table(100_000, 1)),
}


def make(folder: Path, block: str) -> Path:
    shutil.copytree(MINIMAL, folder)
    plan = folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: minimal", f"id: {folder.name}"),
                    encoding="utf-8")
    section = folder / "sections" / "02-second.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace(ANCHOR, ANCHOR + block, 1), encoding="utf-8")
    return folder


def pages(pdf: bytes, folder: Path) -> str:
    """The PDF's page count (poppler's ``pdfinfo``, which ``make test`` needs), or —."""
    if shutil.which("pdfinfo") is None:
        return "—"
    path = folder / "bench.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")),
                "—")


def main(names: list[str]) -> int:
    cache = FontCache(ROOT / "build" / ".cache" / "fonts")
    cache.warm(sorted(FONTS.glob("*.woff2")))
    print(f"{'plan':24} {'validate s':>10} {'PDF (ko) s':>10} {'pages':>6} {'KB':>6}  problems")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or list(SCENARIOS):
            label, block = SCENARIOS[name]
            folder = make(Path(tmp) / f"bench-{name}", block())
            start = time.perf_counter()
            checked = check_folder(folder)
            t_check = time.perf_counter() - start
            rules = sorted({p.rule for p in checked.problems})
            if checked.plan is None:
                print(f"{label:24} {t_check:>10.2f} {'—':>10} {'—':>6} {'—':>6}  refused: "
                      f"{', '.join(rules)}", flush=True)
                continue
            start = time.perf_counter()
            pdf = plan_pdf(checked, cache)
            t_pdf = time.perf_counter() - start
            print(f"{label:24} {t_check:>10.2f} {t_pdf:>10.2f} {pages(pdf, Path(tmp)):>6} "
                  f"{len(pdf) // 1024:>6}  {', '.join(rules) or '—'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
