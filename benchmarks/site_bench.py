"""How much of a site build is the generator's? (issue: the generator's share must be ≤ 30%)

Compares, in fresh processes, median of N runs each, a plain ``mkdocs build`` of the same generated
Markdown (written to disk beforehand, with the same theme, stylesheet, fonts and user docs, and no
plansite plugin) with

* the site step of ``make``: ``build_site(SiteInput(plans), out)`` as ``plansite build`` calls
  it (without downloads), after the plans were loaded and checked (write the pages, subset the
  fonts, mkdocs with the plugin), timed
  inside the process like the plain build (imports, config, build); and
* the whole ``plansite build --only site`` process, which also loads and checks the plans
  (stricter: plan loading is the pipeline's, shared with every other step).

generator share = (site step − plain mkdocs) / site step.  The font cache (decoded WOFF2 and the
subsets) is warm, as after the first build on a machine; ``--cold`` also times one site step with
an empty font cache.  Every run uses one font cache (``$PLANSITE_CACHE``, default
``build/.cache``).

    .venv/bin/python benchmarks/site_bench.py [--runs 5] [--cold]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))


STEP = """
import sys, time
from pathlib import Path
from generator.pipeline import check_all
plans = check_all()
start = time.perf_counter()
from generator.site import SiteInput, build_site
build_site(SiteInput(plans), Path(sys.argv[1]) / "site")
print(time.perf_counter() - start)
"""
PLAIN = """
import sys, time, logging
import generator.pipeline  # what the site step had imported before its clock started
start = time.perf_counter()
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.getLogger("mkdocs").setLevel(logging.WARNING)
config = load_config(sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
print(time.perf_counter() - start)
"""


def inner(code: str, arg: str, env: dict) -> float:
    """Time measured inside a fresh process (from just before the work's imports)."""
    out = subprocess.run([sys.executable, "-c", code, arg], cwd=ROOT, check=True,
                         capture_output=True, text=True, env=env)
    return float(out.stdout.strip().splitlines()[-1])


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def plain_project(work: Path) -> Path:
    """The generated Markdown and assets on disk, and an mkdocs.yml without the plugin."""
    from generator.mkdocs_plugin import ASSET_DIR, STYLESHEET, THEME_DIR, PlanSitePlugin
    from generator.pipeline import check_all
    from generator.site import fonts
    from generator.site.pages import site_pages

    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    site = site_pages(check_all())
    for page in site.pages:
        path = docs / page.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    assets = docs / ASSET_DIR
    (assets / "fonts").mkdir(parents=True)
    shutil.copy(STYLESHEET, assets / "plansite.css")
    # the same subset fonts the plugin would add (taken from the plugin's own build)
    built = work / "ref"
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(built)], cwd=ROOT, check=True,
                   stderr=subprocess.DEVNULL)
    for font in fonts.FONTS:
        shutil.copy(built / ASSET_DIR / "fonts" / font.file, assets / "fonts" / font.file)
    generated = {p.src for p in site.pages}
    doc_pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                       if p.relative_to(docs).as_posix() not in generated)
    nav = site.nav + ([{"도움말": doc_pages}] if doc_pages else [])
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - plansite:\n      plans: plan\n", "")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace("site_dir: build/site", f"site_dir: {work / 'plain-site'}")
    config = config.replace("  name: material\n", f"  name: material\n  custom_dir: {THEME_DIR}\n")
    config += f"\nextra_css:\n  - {ASSET_DIR}/plansite.css\n\nnav: {json.dumps(nav, ensure_ascii=False)}\n"
    assert "plansite" not in config.split("plugins:")[1].split("markdown_extensions:")[0]
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    del PlanSitePlugin
    return work / "mkdocs.yml"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cold", action="store_true", help="also time one step with no font cache")
    args = ap.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # one font cache for every run (where make keeps it), so no run decodes fonts
    env.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        config = plain_project(work)
        step_cmd = [str(BIN / "plansite"), "build", "--only", "site", "--out", str(work / "out")]
        plain_cmd = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)]
        timed(step_cmd, env)  # warm the font cache and the OS file cache
        timed(plain_cmd, env)
        step, plain, whole, plain_whole = [], [], [], []
        for _ in range(args.runs):
            step.append(inner(STEP, str(work / "inner"), env))
            plain.append(inner(PLAIN, str(config), env))
            whole.append(timed(step_cmd, env))
            plain_whole.append(timed(plain_cmd, env))
        pages = sum(1 for _ in (work / "plain-site").rglob("index.html"))
        print(f"pages built: {pages}, runs: {args.runs} (medians)")

        def report(label, a, b):
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"{label}: site {ma:.2f} s vs plain mkdocs {mb:.2f} s -> generator share "
                  f"{(ma - mb) / ma:.1%}  [site: {', '.join(f'{t:.2f}' for t in a)}; "
                  f"plain: {', '.join(f'{t:.2f}' for t in b)}]")
            return (ma - mb) / ma
        share = report("site step of make (build_site)", step, plain)
        report("whole process (plansite build --only site, incl. loading the plans)",
               whole, plain_whole)
        print("limit: 30% for the site step")
        if args.cold:
            cold_env = dict(env, PLANSITE_CACHE=str(work / "empty-cache"))
            print(f"site step with an empty font cache: {timed(step_cmd, cold_env):.2f} s")
    return 0 if share <= 0.30 else 1


if __name__ == "__main__":
    sys.exit(main())
