"""One build, the same bytes on every machine: the PDF's embedded fonts do not depend on whether
the system has HarfBuzz-Subset (Debian's ``libharfbuzz-subset0``), and two whole builds made
on differently configured machines (simulated: the library hidden, another time zone and
locale, the checkout at another path, a cold cache) give byte-identical files."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint.pdf import fonts as weasyprint_fonts

from generator.pdf import FONTS
from generator.pdf import render

from .conftest import ROOT, SEED
from .pdf_support import FONT_CACHE_DIR, font_cache, seed_pdfs
from .whole_build import listing, outputs, run_build, whole_build

HIDE_SUBSET = textwrap.dedent('''\
    # Loaded by Python at start-up (PYTHONPATH): this process cannot load HarfBuzz-Subset, as on a
    # machine without libharfbuzz-subset0.  Each refusal is noted in $HIDDEN_LOG.
    import os
    import cffi
    _dlopen = cffi.FFI.dlopen
    def dlopen(self, name, *args, **kwargs):
        if name and "harfbuzz-subset" in str(name):
            with open(os.environ["HIDDEN_LOG"], "a") as log:
                log.write(f"{name}\\n")
            raise OSError(f"{name}: cannot open shared object file (hidden by the test)")
        return _dlopen(self, name, *args, **kwargs)
    cffi.FFI.dlopen = dlopen
''')

RENDER = textwrap.dedent('''\
    import sys
    from pathlib import Path
    from weasyprint.text import ffi
    from generator.pdf import plan_pdf, warm_fonts
    from generator.pipeline import check_folder
    checked = check_folder(sys.argv[1])
    Path(sys.argv[2]).write_bytes(plan_pdf(checked, warm_fonts(sys.argv[3]), "ko"))
    print("harfbuzz-subset" if ffi.harfbuzz_subset is not None else "none")
''')


def _hidden(tmp: Path) -> dict[str, str]:
    """Environment entries that hide HarfBuzz-Subset from a Python process."""
    folder = tmp / "hide-harfbuzz-subset"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(HIDE_SUBSET, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "HIDDEN_LOG": str(tmp / "hidden.log")}


def _base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH", "PLANSITE_CACHE")}


def _render(out: Path, env: dict[str, str]) -> str:
    font_cache()  # decoded once, in parallel, for both renders
    done = subprocess.run([sys.executable, "-c", RENDER, str(SEED), str(out),
                           str(FONT_CACHE_DIR)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_weasyprint_subsets_every_font_with_fonttools():
    assert weasyprint_fonts.Font.subset is render._subset_with_fonttools


def test_a_weasyprint_whose_subset_changed_stops_the_import(monkeypatch):
    monkeypatch.setattr(weasyprint_fonts.Font, "subset", lambda self, glyphs: None)
    with pytest.raises(RuntimeError, match=r"Font\.subset.*generator/pdf/render\.py"):
        render.pin_font_subsetting()
    monkeypatch.delattr(weasyprint_fonts.Font, "subset")
    with pytest.raises(RuntimeError, match="must be updated"):
        render.pin_font_subsetting()


def _embedded_fonts(pdf: Path) -> list[bytes]:
    reader = PdfReader(pdf)
    found = {}
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                stream = descriptor["/FontFile2"].get_object()
                found[stream.indirect_reference.idnum] = stream.get_data()
    return list(found.values())


def test_embedded_fonts_are_subsets_dated_as_their_source_fonts(tmp_path_factory):
    """fontTools would stamp each subset with the time it was made (``head.modified``): the
    PDF's fonts carry their source font's date instead."""
    cache = font_cache()
    sources = {}
    for woff2 in sorted(FONTS.glob("*.woff2")):
        data = cache.ttf(woff2.read_bytes())
        sources[TTFont(io.BytesIO(data))["name"].getDebugName(4)] = data
    for lang, pdf in seed_pdfs(tmp_path_factory).items():
        embedded = _embedded_fonts(pdf)
        assert len(embedded) >= 3, lang
        for data in embedded:
            font = TTFont(io.BytesIO(data))
            name = font["name"].getDebugName(4)
            source = TTFont(io.BytesIO(sources[name]))
            assert font["head"].modified == source["head"].modified, (lang, name)
            assert len(data) < len(sources[name]) / 2, (lang, name, "a subset")


def test_the_pdf_is_the_same_with_and_without_harfbuzz_subset(tmp_path):
    """The seed's Korean PDF rendered by two processes, one of which cannot load
    HarfBuzz-Subset: the same bytes."""
    shown, hidden = tmp_path / "with.pdf", tmp_path / "without.pdf"
    without = {**_base_env(), **_hidden(tmp_path)}
    with ThreadPoolExecutor(2) as pool:
        seen = pool.submit(_render, shown, _base_env())
        unseen = pool.submit(_render, hidden, without)
        seen, unseen = seen.result(), unseen.result()
    assert seen == "harfbuzz-subset", \
        "this machine has no HarfBuzz-Subset: sudo apt-get install libharfbuzz-subset0"
    assert unseen == "none" and "harfbuzz-subset" in (tmp_path / "hidden.log").read_text()
    assert shown.read_bytes() == hidden.read_bytes()


def _copy_checkout(to: Path) -> Path:
    """What ``plansite build`` reads from the checkout, copied under another path."""
    to.mkdir(parents=True)
    for name in ("plan", "docs"):
        shutil.copytree(ROOT / name, to / name)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy2(ROOT / name, to / name)
    return to


def test_two_machines_configured_differently_build_the_same_bytes(tmp_path, tmp_path_factory):
    """Build A: this machine as it is (HarfBuzz-Subset loaded, this checkout, the shared font
    cache).  Build B: HarfBuzz-Subset hidden, another time zone (UTC+14), the C locale for
    LANG and LC_ALL, the checkout copied four folders deeper and run there with a relative
    ``--out``, an empty cache.  Every output file is byte-identical (a sha256 listing)."""
    first = whole_build(tmp_path_factory)
    checkout = _copy_checkout(tmp_path / "deep" / "er" / "check" / "out")
    env = {**_base_env(), **_hidden(tmp_path), "TZ": "Pacific/Kiritimati", "LANG": "C",
           "LC_ALL": "C", "PLANSITE_CACHE": str(tmp_path / "cold-cache")}
    run_build("out", cwd=checkout, env=env)
    assert "harfbuzz-subset" in (tmp_path / "hidden.log").read_text(), "the library was hidden"
    second = checkout / "out"
    assert len(outputs(first)) > 100
    assert {p.parts[0] for p in outputs(first)} >= {"site", "pdf", "data", "public"}
    a, b = listing(first), listing(second)
    if a != b:
        differ = sorted(set(a.splitlines()) ^ set(b.splitlines()))
        pytest.fail("the builds differ:\n" + "\n".join(differ[:40]))
