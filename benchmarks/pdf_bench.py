"""Times the PDF step on the seed against a raw WeasyPrint render of the same print HTML.

Goals (the sign-off PDF issue): the PDF step takes ≤ 1.2× a raw WeasyPrint render of the same
print HTML, and the seed's Korean PDF is ≤ 300 KB.  Every in-process figure is the median of
several runs after one warm-up run (imports, first font loads); the renders compared run in
turn, so a busy machine slows them alike.

What is compared:

- *raw, WOFF2*: ``weasyprint.HTML(string=html, base_url=assets).write_pdf()`` with WeasyPrint's
  own fetcher and default options: it decodes the four WOFF2 fonts itself on every render.
- *raw, TTF*: the same, but fonts served already decoded (as if the project carried TTF) by an
  unrestricted fetcher; default options (untagged PDF).  The fair baseline.
- *raw, TTF, same options*: the same with the PDF step's options (PDF/UA-1, tagged).
- *PDF step*: :func:`generator.pdf.plan_pdf` with a warm font cache (fetcher checks, tagged
  PDF/UA-1, attachments, metadata, reproducible dates), and with a cold cache.

    .venv/bin/python benchmarks/pdf_bench.py [--runs 7] [--skip-woff2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from generator.pdf import FONTS, plan_pdf  # noqa: E402
from generator.fontcache import WOFF2_MAGIC, FontCache  # noqa: E402
from generator.pdf.html import ASSETS, print_html  # noqa: E402
from generator.pdf.render import PDF_OPTIONS  # noqa: E402
from generator.pipeline import check_folder  # noqa: E402

SEED = ROOT / "plan" / "gwangjin-2016-job-operations"


class DecodedFontFetcher(URLFetcher):
    """WeasyPrint's own fetcher, except that WOFF2 fonts come back decoded from the cache."""

    def __init__(self, cache: FontCache):
        super().__init__()
        self.cache = cache

    def fetch(self, url, headers=None):
        response = super().fetch(url, headers)
        data = response.read()
        response.close()
        if data[:4] == WOFF2_MAGIC:
            data = self.cache.ttf(data)
        return URLFetcherResponse(url, data, {"Content-Type": "font/ttf"})


def interleaved(funcs: dict, runs: int) -> dict[str, tuple[float, object]]:
    """Median seconds and last result of each function, run in turn (so that a busy machine
    slows them alike), after one warm-up run each."""
    for func in funcs.values():
        func()
    times: dict[str, list[float]] = {name: [] for name in funcs}
    results: dict[str, object] = {}
    for _ in range(runs):
        for name, func in funcs.items():
            start = time.perf_counter()
            results[name] = func()
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), results[name]) for name in funcs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--skip-woff2", action="store_true",
                    help="skip the slow render with WeasyPrint decoding WOFF2 itself")
    args = ap.parse_args()

    checked = check_folder(SEED)
    base = ASSETS.as_uri() + "/"
    cache = FontCache(ROOT / "build" / ".cache" / "fonts")
    woff2 = sorted(FONTS.glob("*.woff2"))
    cache.warm(woff2)

    html = print_html(checked.plan)
    t_html = interleaved({"html": lambda: print_html(checked.plan)}, args.runs)["html"][0]
    print(f"print HTML (Jinja2)                         {t_html * 1000:8.1f} ms")

    if not args.skip_woff2:
        start = time.perf_counter()
        weasyprint.HTML(string=html, base_url=base).write_pdf()
        t_woff2 = time.perf_counter() - start
        print(f"raw WeasyPrint, WOFF2 decoded by WeasyPrint {t_woff2 * 1000:8.1f} ms  (one run)")

    measured = interleaved({
        "raw": lambda: weasyprint.HTML(string=html, base_url=base,
                                       url_fetcher=DecodedFontFetcher(cache)).write_pdf(),
        "raw_ua": lambda: weasyprint.HTML(string=html, base_url=base,
                                          url_fetcher=DecodedFontFetcher(cache)).write_pdf(
            **PDF_OPTIONS),
        "step": lambda: plan_pdf(checked, cache),
    }, args.runs)
    t_raw, raw_pdf = measured["raw"]
    t_raw_ua, _ = measured["raw_ua"]
    t_step, pdf = measured["step"]
    print(f"raw WeasyPrint, TTF fonts, default options  {t_raw * 1000:8.1f} ms  "
          f"({len(raw_pdf) / 1024:.0f} KB)")
    print(f"raw WeasyPrint, TTF fonts, PDF/UA-1 tagged  {t_raw_ua * 1000:8.1f} ms")
    print(f"PDF step (plan_pdf), warm font cache        {t_step * 1000:8.1f} ms  "
          f"({len(pdf) / 1024:.0f} KB)")

    with tempfile.TemporaryDirectory() as tmp:
        cold = FontCache(tmp)
        start = time.perf_counter()
        cold.warm(woff2)
        t_warm = time.perf_counter() - start
        print(f"decode the 4 WOFF2 fonts into a cold cache  {t_warm * 1000:8.1f} ms  "
              f"(parallel, once per font change)")

    print()
    print(f"PDF step / raw (TTF, default options)       {t_step / t_raw:8.2f}×  (goal ≤ 1.2×)")
    print(f"PDF step / raw (TTF, same PDF options)      {t_step / t_raw_ua:8.2f}×")
    if not args.skip_woff2:
        print(f"PDF step / raw (WOFF2, WeasyPrint decodes)  {t_step / t_woff2:8.2f}×")
    print(f"seed Korean PDF size                        {len(pdf) / 1024:8.1f} KB  (goal ≤ 300 KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
