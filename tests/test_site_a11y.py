"""The palette passes WCAG 2.1 AA contrast (KWCAG 2.2), computed from the stylesheet itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parent.parent / "generator" / "assets" / "site" / "plansite.css"


def custom_properties() -> dict[str, str]:
    root = CSS.read_text().split(":root", 1)[1].split("}", 1)[0]
    props = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))
    resolved = {}
    for name, value in props.items():
        seen = 0
        while (m := re.fullmatch(r"var\((--[\w-]+)\)", value.strip())) and seen < 10:
            value, seen = props[m.group(1)], seen + 1
        resolved[name] = value.strip()
    return resolved


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", h), f"solid #rrggbb expected, got {hex_colour}"
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (a + 0.05) / (b + 0.05)


TEXT = 4.5
GRAPHIC = 3.0
PAIRS = [
    # (foreground, background, minimum): every text/background pair the stylesheet uses
    ("--md-default-fg-color", "--md-default-bg-color", TEXT),
    ("--md-default-fg-color--light", "--md-default-bg-color", TEXT),
    ("--md-default-fg-color--lighter", "--md-default-bg-color", TEXT),
    ("--md-typeset-a-color", "--md-default-bg-color", TEXT),
    ("--md-accent-fg-color", "--md-default-bg-color", TEXT),
    ("--md-primary-bg-color", "--md-primary-fg-color", TEXT),
    ("--md-primary-bg-color--light", "--md-primary-fg-color", TEXT),
    ("--md-footer-fg-color", "--md-footer-bg-color", TEXT),
    ("--md-footer-fg-color--light", "--md-footer-bg-color", TEXT),
    ("--md-footer-fg-color--lighter", "--md-footer-bg-color", TEXT),
    ("--md-footer-fg-color--lighter", "--md-footer-bg-color--dark", TEXT),
    ("--ps-ink", "--ps-head-bg", TEXT),
    ("--ps-ink", "--ps-paper-alt", TEXT),
    ("--ps-ink", "--ps-total-bg", TEXT),
    ("--ps-ink-muted", "--ps-paper-alt", TEXT),
    ("--ps-link", "--ps-paper-alt", TEXT),
    ("--ps-link", "--ps-head-bg", TEXT),
    ("--ps-note", "--ps-paper", TEXT),
    ("--ps-mark", "--ps-mark-bg", TEXT),
    ("--ps-mark", "--ps-paper", TEXT),
    ("--ps-ink", "--ps-mark-bg", TEXT),
    ("--ps-ok", "--ps-paper", TEXT),
    ("--ps-fail", "--ps-paper", TEXT),
    ("--ps-on-mark", "--ps-on-bg", TEXT),
    ("--ps-on-bg", "--ps-paper", 1.2),
    ("--ps-navy", "--ps-paper", GRAPHIC),
    ("--ps-link", "--ps-paper", GRAPHIC),
]


@pytest.mark.parametrize("fg,bg,minimum", PAIRS, ids=[f"{f} on {b}" for f, b, _ in PAIRS])
def test_contrast(fg, bg, minimum):
    props = custom_properties()
    ratio = contrast(props[fg], props[bg])
    assert ratio >= minimum, f"{fg} {props[fg]} on {bg} {props[bg]}: {ratio:.2f} < {minimum}"


def test_contrast_formula_matches_known_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_theme_footer_colours_are_overridden():
    """Material's footer uses translucent white (fails axe-core); every footer colour is solid."""
    props = custom_properties()
    for name in ["--md-footer-fg-color", "--md-footer-fg-color--light",
                 "--md-footer-fg-color--lighter", "--md-footer-bg-color",
                 "--md-footer-bg-color--dark", "--md-default-fg-color--light",
                 "--md-default-fg-color--lighter"]:
        assert props[name].startswith("#"), name
