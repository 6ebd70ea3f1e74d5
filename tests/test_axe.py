"""axe-core (vendored, tests/vendor/axe-core) in Debian's headless Chromium over every page of
every built site: the intranet and the public site, Korean and English, as a whole
``plansite build`` wrote them, served over HTTP.  No page may have a serious or critical
violation; every violation found is listed by page, with its rule, impact and elements."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from .cdp import Browser
from .site_helpers import CHROMIUM, served
from .whole_build import SITES, site_pages, whole_build

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
FORBIDDEN = {"serious", "critical"}
SCREENS = {"desktop": (1280, 1024, False), "phone": (390, 844, True)}
"""The screens the pages are laid out on (width, height in CSS px, mobile): a desktop, with the
navigation beside the text, and a phone, where wide tables scroll."""

RUN = """axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" "))})))"""
"""axe's default rule set (WCAG 2.0-2.2 A and AA and its best practices), violations only."""


@pytest.fixture(autouse=True)
def _needs_chromium():
    """make test names the package before it starts; a test never skips silently."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: sudo apt-get install chromium")


def _axe_source() -> str:
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, \
        f"{AXE} is not axe-core {AXE_VERSION} as vendored (see tests/vendor/README.md)"
    source = data.decode("utf-8")
    assert source.startswith(f"/*! axe v{AXE_VERSION}") and "Mozilla Public" in source[:600]
    return source


def audit(folder: Path, pages: list[str], screen: str = "desktop") -> dict[str, list[dict]]:
    """axe's violations on each page (a path relative to ``folder``, served at its root), laid
    out on one of :data:`SCREENS`."""
    source = _axe_source()
    found = {}
    with served(folder) as base, Browser() as browser:
        tab = browser.open()
        width, height, mobile = SCREENS[screen]
        tab.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        for page in pages:
            tab.goto(base + page)
            tab.evaluate(source + ";0")
            found[page] = tab.evaluate(RUN, timeout=120)
    return found


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for page, violations in found.items():
        for v in violations:
            lines.append(f"{page}: {v['impact']}: {v['id']} ({v['help']}): "
                         + ", ".join(v["nodes"][:5]) + (" …" if len(v["nodes"]) > 5 else ""))
    return "\n".join(lines)


def by_impact(found: dict[str, list[dict]]) -> Counter:
    """How many elements violate a rule, by the rule's impact."""
    return Counter({impact: n for impact, n in Counter(
        v["impact"] for vs in found.values() for v in vs for _ in v["nodes"]).items()})


def test_axe_runs_and_finds_what_it_should(tmp_path):
    """The harness itself: a page with an image without alt text, an unlabelled input, text
    too faint to read and a wide table scrolling in a wrapper that takes no focus gives those
    violations, with their elements."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title>'
        '<meta name="viewport" content="width=device-width,initial-scale=1"></head><body><main>'
        '<h1>t</h1><img src="x.png" id="pic"><input type="text" id="field">'
        '<p style="color:#ccc;background:#fff">faint</p>'
        '<div id="wrap" style="overflow-x:auto"><table><tr><td style="white-space:nowrap">'
        + "wide " * 100 + '</td></tr></table></div>'
        '</main></body></html>', encoding="utf-8")
    found = audit(tmp_path, ["bad.html"], "phone")
    ids = {v["id"]: v for v in found["bad.html"]}
    assert {"image-alt", "label", "color-contrast", "scrollable-region-focusable"} <= set(ids), \
        report(found)
    assert ids["scrollable-region-focusable"]["nodes"] == ["#wrap"]
    assert ids["image-alt"]["nodes"] == ["#pic"] and ids["image-alt"]["impact"] == "critical"
    assert by_impact(found)["critical"] >= 2


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("site", SITES)
def test_no_serious_or_critical_violation_on_any_page(site, screen, tmp_path_factory):
    out = whole_build(tmp_path_factory)
    audience = site.removesuffix("/en")
    prefix = site[len(audience):].lstrip("/")
    pages = [f"{prefix}/{p}" if prefix else p for p in site_pages(out, site)]
    assert len(pages) >= 15
    found = audit(out.resolve() / audience, pages, screen)
    assert len(found) == len(pages)
    counts = by_impact(found)
    print(f"{site} ({screen}): {len(pages)} pages, violations by impact: "
          f"{json.dumps(dict(counts))}")
    bad = {page: [v for v in vs if v["impact"] in FORBIDDEN] for page, vs in found.items()}
    bad = {page: vs for page, vs in bad.items() if vs}
    assert not bad, f"serious or critical axe violations in {site} ({screen}):\n{report(bad)}"
