"""Search at 1 and 100 plans: what a visitor downloads for the first result, and what the search
costs the build, against mkdocs-material's stock search.

For each plan count (1: the seed; more: ``benchmarks/synth.py``'s plans, which are not copies),
the intranet site (Korean and English) is built twice in this process, as ``plansite build``
builds it (``build_site``):

* **stock**: Material's search as it comes (every page indexed, the index escaped ASCII JSON,
  no terms): the plugin's search parts switched off;
* **plansite**: the site's search (generator/search/): terms from mecab-ko, check reports and
  the reference left out, the index in UTF-8, the search worker.

Printed for each: the whole site build (s), the search step (the terms and the rewrite of both
languages' indexes, timed inside the build) and its share of the build, the Korean index raw
and gzipped, and the bytes a visitor downloads before the first result (gzipped, as a server
sends them: the index, the workers, lunr's language files).  Goals (issue 13): at 100 plans
<= 1 MB for the first result and the search step <= 10% of the site build.

``--pagefind BIN`` also indexes the plansite site with Pagefind (terms in each page, suffixes
included, as Pagefind splits Korean on spaces only) and prints its build time and the bytes of
its first result: its fixed files, the largest index chunk (a Korean query's, where every
Hangul term lands) and five fragments.

    .venv/bin/python benchmarks/search_bench.py [--plans 1 100] [--pagefind PATH]
"""

from __future__ import annotations

import argparse
import gzip
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
os.chdir(ROOT)

from generator import mkdocs_plugin  # noqa: E402
from generator.pipeline import check_all  # noqa: E402
from generator.search import lunr as search_index  # noqa: E402
from generator.site import SiteInput, build_site  # noqa: E402

SEED = ROOT / "plan" / "gwangjin-2016-job-operations"
LUNR = {"ko": ["lunr.stemmer.support.min.js", "lunr.ko.min.js"], "en": []}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def plans_for(count: int, tmp: Path):
    if count == 1:
        return check_all([SEED])
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth
    folder = tmp / f"plans-{count}"
    synth.write_plans(folder, count)
    return check_all([folder])


def build(plans, out: Path, stock: bool) -> tuple[float, float]:
    """Build the site; returns (whole build, search step) in seconds."""
    spent = [0.0]
    real_add, real_meta = search_index.add_terms, search_index.page_search_meta

    def timed_add(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real_add(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    search_index.add_terms = (lambda *a, **k: None) if stock else timed_add
    if stock:
        search_index.page_search_meta = lambda *a, **k: {}
    try:
        start = time.perf_counter()
        build_site(SiteInput(plans), out)
        return time.perf_counter() - start, spent[0]
    finally:
        search_index.add_terms, search_index.page_search_meta = real_add, real_meta


def first_result_bytes(site: Path, lang_root: str, lang: str, stock: bool) -> tuple[int, int, int]:
    """(index raw, index gzipped, everything before the first result gzipped)."""
    index = (site / lang_root / "search" / "search_index.json").read_bytes()
    js = site / lang_root / "assets" / "javascripts"
    total = gz(index) + sum(gz(p.read_bytes()) for p in (js / "workers").glob("search.*.min.js"))
    if not stock:
        total += gz((js / "workers" / "plansite-search.js").read_bytes())
    total += sum(gz((js / "lunr" / "min" / name).read_bytes()) for name in LUNR[lang])
    return len(index), gz(index), total


def pagefind(site: Path, binary: str, tmp: Path) -> str:
    from generator.search.terms import MecabAnalyser, TermMaker, plain
    maker = TermMaker(MecabAnalyser(), suffixes=True)
    copy = tmp / "pagefind-site"
    shutil.rmtree(copy, ignore_errors=True)
    start = time.perf_counter()
    for page in site.rglob("index.html"):
        if page.relative_to(site).parts[0] in ("en", "assets", "search"):
            continue
        text = page.read_text(encoding="utf-8")
        match = re.search(r"<article[^>]*>(.*?)</article>", text, re.S)
        if not match:
            continue
        terms = " ".join(maker.terms(html.unescape(plain(match.group(1)))))
        dest = copy / page.relative_to(site)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text.replace("<article", "<article data-pagefind-body", 1).replace(
            "</article>", f'<div hidden>{html.escape(terms)}</div></article>', 1),
            encoding="utf-8")
    made = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([binary, "--site", str(copy), "--quiet"], check=True, capture_output=True)
    took = time.perf_counter() - start
    files = {p.name: p.stat().st_size for p in (copy / "pagefind").rglob("*") if p.is_file()}
    chunks = [s for n, s in files.items() if n.endswith(".pf_index")]
    fragments = sorted(s for n, s in files.items() if n.endswith(".pf_fragment"))
    fixed = sum(s for n, s in files.items() if n in ("pagefind.js", "pagefind-entry.json")
                or n.endswith(".pf_meta") or n.startswith("wasm."))
    first = fixed + max(chunks) + sum(fragments[-5:])
    return (f"pagefind: terms {made:.1f} s + index {took:.1f} s; {len(chunks)} index chunks, "
            f"largest {max(chunks) / 1e3:.0f} KB; first result {first / 1e6:.2f} MB "
            f"(fixed {fixed / 1e3:.0f} KB + largest chunk + 5 fragments)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, nargs="+", default=[1, 100])
    ap.add_argument("--pagefind", help="the pagefind binary (pip install pagefind[bin])")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for count in args.plans:
            plans = plans_for(count, tmp)
            assert all(cp.ok for cp in plans), "the plans have errors"
            print(f"== {count} plan(s)")
            for stock in (True, False):
                out = tmp / f"site-{count}-{'stock' if stock else 'plansite'}"
                whole, step = build(plans, out, stock)
                raw, packed, first = first_result_bytes(out, "", "ko", stock)
                _, _, first_en = first_result_bytes(out, "en", "en", stock)
                label = "stock material " if stock else "plansite search"
                share = f", search step {step:.2f} s = {step / whole:.1%}" if not stock else ""
                print(f"{label}: site build {whole:.1f} s{share}; ko index {raw / 1e6:.2f} MB "
                      f"({packed / 1e6:.2f} MB gz); first result ko {first / 1e6:.2f} MB, "
                      f"en {first_en / 1e6:.2f} MB (gz)")
            if args.pagefind:
                print(pagefind(tmp / f"site-{count}-plansite", args.pagefind, tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
