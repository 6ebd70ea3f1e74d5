"""`make bench`: one table of the build's figures against the raw tools (issue 15).

Every figure is the wall time of a fresh process (median of ``--runs``), the font cache warm
(``$PLANSITE_CACHE``, default ``build/.cache``, as after the first ``make``), ``SOURCE_DATE_EPOCH``
set, every core used (``--jobs`` default).  Peak memory is the largest ``ru_maxrss`` of the
measured process and the children it waited for (``os.wait4``), each started from a small
launcher (:data:`LAUNCHER`) so that the bench's own memory is not counted in it.

Rows:

- *one plan, every output*: ``plansite build`` of the seed into an empty folder (no plan cache)
  vs the raw tools on the same content, run one after another in one process: PyYAML's C loader
  on the plan's files, WeasyPrint on the four print HTMLs the build renders (ko/en × intranet/
  public; fonts already decoded), a plain ``mkdocs build`` (Material, same theme and stylesheet,
  no plansite plugin) of the generated Korean pages and of the English pages.
- *validate only*: ``plansite validate`` of the seed vs ``python -c 'import yaml'``, once with
  the plan checked (the verdicts kept before removed) and once with it unchanged (its verdict
  reused, :mod:`generator.verdicts`); *validate N plans, one changed*: every verdict kept,
  then one text of one plan changed, vs validating every one of them.
- *N synthetic plans* (``benchmarks/synth.py``), a full build into an empty folder, and the
  site alone (``--only site``: the plans checked, the intranet site in both languages), vs plain
  Material on the same generated pages, Korean and English (mkdocs-static-i18n is not installed:
  the reference is stock Material building each language's pages, which i18n would only slow).
  The goal of 0.2× is the site's: a full build also renders 4 PDFs a plan.
- *one changed among N*: one byte of one plan's section file changed, build again (into the
  full build's folder) vs the one-plan build above; *nothing changed*: build again vs the full.

    .venv/bin/python benchmarks/build_bench.py [--plans 10] [--plans 100] [--quick] [--runs 3]

``--quick``: the seed rows and 10 plans, one run each.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED = ROOT / "plan" / "gwangjin-2016-job-operations"
EPOCH = "1700000000"

MKDOCS = r"""
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.getLogger("mkdocs").setLevel(logging.ERROR)
for config_file in ARGS:
    config = load_config(config_file)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
print(time.perf_counter() - start)
"""
"""Plain mkdocs builds of the configs named by ARGS, timed from ``start``."""

RAW = r"""
import sys, time, logging, pathlib
start = time.perf_counter()
import yaml
for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
import weasyprint
sys.path.insert(0, sys.argv[4])
from pdf_bench import DecodedFontFetcher
from generator.fontcache import FontCache
cache = FontCache(sys.argv[3])
for html in sorted(pathlib.Path(sys.argv[2]).glob('*.html')):
    weasyprint.HTML(string=html.read_text(encoding='utf-8'), base_url=sys.argv[5],
                    url_fetcher=DecodedFontFetcher(cache)).write_pdf()
""" + MKDOCS.replace("ARGS", "sys.argv[6:]")

PLAIN = r"""
import sys, time, logging
start = time.perf_counter()
""" + MKDOCS.replace("ARGS", "sys.argv[1:]")


def env() -> dict:
    e = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    e.pop("CI", None)
    e.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    return e


LAUNCHER = r"""
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.closerange(3, 4096)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(int(sys.argv[1]), f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""
"""Runs a command and reports its wall time, peak RSS and exit code on the descriptor named
first.  A process
forked from this (large) bench counts the bench's own memory in its ``ru_maxrss``; one forked
from this small launcher does not, so a small command's peak is its own."""


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run of cmd (the process and its children), timed
    and measured by :data:`LAUNCHER` (its own start-up is not counted)."""
    report_r, report_w = os.pipe()
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(report_w), *map(str, cmd)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                            env=env(), pass_fds=(report_w,))
    os.close(report_w)
    err = proc.stderr.read()
    proc.wait()
    with os.fdopen(report_r, "rb") as f:
        report = f.read().decode().split()
    if proc.returncode != 0 or len(report) != 3 or report[2] != "0":
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{err.decode(errors='replace')}")
    return float(report[0]), int(report[1])


def inner(code: str, *args) -> tuple[float, int]:
    """Seconds measured inside a fresh process (its last line), and its peak RSS (KB)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT,
                                env=env(), stdout=subprocess.PIPE, stderr=err)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"failed: {err.read().decode(errors='replace')}")
    return float(out.decode().strip().splitlines()[-1]), usage.ru_maxrss


def median(cmd, runs, before=None) -> tuple[float, int]:
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run(cmd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def plain_projects(plans_dir: Path, built_site: Path, work: Path) -> list[Path]:
    """The generated pages of the plans, Korean and English, each as a plain mkdocs project:
    the same theme, stylesheet and subset fonts (taken from plansite's own build), the user
    docs, no plansite plugin."""
    from generator.mkdocs_plugin import ASSET_DIR, STYLESHEET, THEME_DIR
    from generator.pipeline import check_all
    from generator.site.pages import site_pages
    plans = check_all([plans_dir], jobs=None)
    configs = []
    for lang, root in (("ko", ""), ("en", "en/")):
        docs = work / f"docs-{lang}"
        shutil.copytree(ROOT / "docs" / ("en" if lang == "en" else ""), docs,
                        ignore=shutil.ignore_patterns("en") if lang == "ko" else None)
        site = site_pages(plans, lang=lang, root=root)
        for page in site.pages:
            path = docs / page.src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
        assets = docs / ASSET_DIR
        shutil.copytree(built_site / ASSET_DIR / "fonts", assets / "fonts")
        shutil.copy(STYLESHEET, assets / "plansite.css")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # mkdocs.en.yml inherits it
        if lang == "en":
            config = config.replace("  language: ko\n", "  language: en\n").replace(
                "      lang: ko\n", "      lang: en\n")
        config = config.replace("  - plansite:\n      plans: plan\n", "")
        config = "\n".join(line for line in config.splitlines()
                           if not line.startswith(("docs_dir:", "site_dir:")))
        config += (f"\ndocs_dir: {docs}\nsite_dir: {work / ('plain-site-' + lang)}\n"
                   f"extra_css:\n  - {ASSET_DIR}/plansite.css\n")
        config = config.replace("  name: material\n",
                                f"  name: material\n  custom_dir: {THEME_DIR}\n")
        assert "- plansite" not in config.split("plugins:")[1].split("markdown_extensions:")[0]
        path = work / f"plain-{lang}.yml"
        path.write_text(config, encoding="utf-8")
        configs.append(path)
    return configs


def print_htmls(folder: Path, into: Path) -> None:
    from generator.locale import get
    from generator.pdf.html import print_html
    from generator.pipeline import check_folder
    from generator.projection import project
    into.mkdir(parents=True)
    checked = check_folder(folder)
    for audience in ("intranet", "public"):
        projection = project(checked, audience)
        if projection is None:
            continue
        for lang in ("ko", "en"):
            html = print_html(projection.plan, get(lang), images=checked.images)
            (into / f"{audience}.{lang}.html").write_text(html, encoding="utf-8")


def build_cmd(plans: Path, out: Path) -> list[str]:
    return [str(BIN / "plansite"), "build", str(plans), "--out", str(out)]


def fresh(out: Path):
    return lambda: shutil.rmtree(out, ignore_errors=True)


def forget_verdicts() -> None:
    """Remove the verdicts validate kept (:mod:`generator.verdicts`): the next checks again."""
    shutil.rmtree(Path(env()["PLANSITE_CACHE"]) / "verdicts", ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, action="append",
                    help="synthetic plan counts (repeatable; default 10 and 100)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="the seed rows and 10 plans, one run")
    ap.add_argument("--site-only", action="store_true",
                    help="only the N plans' site-only rows against stock Material (no full "
                         "builds, no seed rows): the 100-plan site goal in minutes")
    args = ap.parse_args(argv)
    counts = args.plans or ([10] if args.quick else [10, 100])
    runs = 1 if args.quick else args.runs
    rows: list[tuple] = []
    font_dir = Path(env()["PLANSITE_CACHE"]) / "fonts"
    from generator.pdf.html import ASSETS
    from synth import write_plans

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # warm: fonts decoded, the OS file cache
        run(build_cmd(SEED, work / "warm"))

        if not args.site_only:
            # one plan, every output vs the raw tools
            one_out = work / "one"
            one, one_rss = median(build_cmd(SEED, one_out), runs, fresh(one_out))
            print_htmls(SEED, work / "html")
            configs = plain_projects(SEED, one_out / "site", work / "plain-one")
            raws = [inner(RAW, SEED, work / "html", font_dir, ROOT / "benchmarks",
                          ASSETS.as_uri() + "/", *configs)[0] for _ in range(runs)]
            raw = statistics.median(raws)
            rows.append(("one plan, every output (seed)", one, raw,
                         "raw: YAML + WeasyPrint ×4 + mkdocs ko, en", 1.3, one_rss))

            # validate only vs import yaml: the plan checked (no verdict kept from before; the
            # catalogs parsed, as after any build), then unchanged (its verdict reused)
            base, _ = median([sys.executable, "-c", "import yaml"], max(runs, 5))
            validate = [str(BIN / "plansite"), "validate", str(SEED)]
            val, val_rss = median(validate, max(runs, 5), forget_verdicts)
            rows.append(("validate only (seed, checked)", val, base, "python -c 'import yaml'", 3.0,
                         val_rss))
            kept, kept_rss = median(validate, max(runs, 5))
            rows.append(("validate only (seed, unchanged: verdict reused)", kept, base,
                         "python -c 'import yaml'", 3.0, kept_rss))

        full, sites = {}, {}
        for n in counts:
            plans = work / f"plans-{n}"
            write_plans(plans, n)
            out = work / f"out-{n}"
            # the site alone (plans checked, pages made, both languages), as stock Material is
            site_out = work / f"site-{n}"
            s, s_rss = median(build_cmd(plans, site_out) + ["--only", "site"],
                              runs if n <= 10 else 1, fresh(site_out))
            sites[n] = s
            configs = plain_projects(plans, site_out / "site", work / f"plain-{n}")
            plain = statistics.median(inner(PLAIN, *configs)[0]
                                      for _ in range(runs if n <= 10 else 1))
            if args.site_only:
                rows.append((f"{n} plans, site only", s, plain,
                             "stock Material, same pages ko+en", 0.2 if n >= 100 else None,
                             s_rss))
                continue
            t, rss = median(build_cmd(plans, out), runs if n <= 10 else 1, fresh(out))
            full[n] = t
            rows.append((f"{n} plans, full build", t, plain,
                         "stock Material, same pages ko+en", None, rss))
            rows.append((f"{n} plans, site only", s, plain, "stock Material, same pages ko+en",
                         0.2 if n >= 100 else None, s_rss))
            # nothing changed, then one byte of one plan changed
            same, same_rss = median(build_cmd(plans, out), 1)
            rows.append((f"{n} plans, nothing changed", same, t, f"full build of {n}", 0.1,
                         same_rss))
            section = sorted((plans / sorted(os.listdir(plans))[n // 2] / "sections").iterdir())[0]
            data = section.read_bytes()
            assert "text: ".encode() in data, section
            # one text of its pages changed, as an officer's edit is (its pages, PDFs, data and
            # check are made again; a YAML comment alone would leave every page as it was)
            validate = [str(BIN / "plansite"), "validate", str(plans)]
            every, every_rss = median(validate, 1, forget_verdicts)
            run(validate)  # every verdict kept
            section.write_bytes(data.replace("text: ".encode(), "text: 수정 ".encode(), 1))
            one_val, one_val_rss = median(validate, 1)
            rows.append((f"validate {n} plans, one changed", one_val, every,
                         f"validate {n} plans, every one checked", None, one_val_rss))
            changed, changed_rss = median(build_cmd(plans, out), 1)
            section.write_bytes(data)
            rows.append((f"{n} plans, one changed", changed, one, "one-plan build (seed)", 1.5,
                         changed_rss))
        if 10 in full and 100 in full:
            rows.append(("time(100) / time(10)", full[100], full[10], "10 plans, full build",
                         11.0, 0))
        if 10 in sites and 100 in sites:
            rows.append(("site time(100) / time(10)", sites[100], sites[10],
                         "10 plans, site only", 11.0, 0))

    cpu = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in
                     Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line)
    except (OSError, StopIteration):
        model = cpu
    print(f"machine: {model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"runs: {runs} (medians)")
    print()
    print("| measure | plansite | reference | what the reference is | ratio | goal | met | "
          "peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for label, a, b, what, goal, rss in rows:
        ratio = a / b
        met = "" if goal is None else ("yes" if ratio <= goal else "no")
        goal_s = "" if goal is None else f"≤ {goal:g}×"
        unit = "" if "time(" in label else "×"
        print(f"| {label} | {a:.2f} s | {b:.2f} s | {what} | {ratio:.2f}{unit} | {goal_s} | "
              f"{met} | {rss / 1024:.0f} |" if rss else
              f"| {label} | {a:.2f} s | {b:.2f} s | {what} | {ratio:.2f} | {goal_s} | {met} | |")
    print()
    print(json.dumps({"rows": [list(r) for r in rows]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
