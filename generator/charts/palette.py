"""The colours and patterns of the charts, chosen to be read by everyone.

Every colour a chart draws with has at least 3:1 contrast against the page (WCAG 2.1 1.4.11,
non-text contrast; text at least 4.5:1), and a chart draws nothing on a filled area but white
(the patterns' lines, the gaps between a split bar's parts), so no other pair of colours needs to
be told apart.  Funding sources differ in colour (blue, vermilion, green … after Okabe and Ito's
palette, darkened to pass on white) and in pattern (solid, stripes, dots, cross-hatch …), so a
greyscale print and a reader who does not see the colours tell them apart, and each part is
labelled in the legend and the data table besides.  A source looks the same in every chart,
plan and language: its look follows its place in the model's order of sources
(:data:`generator.budgets.SOURCE_ORDER`), not its place in one plan.

``tests/test_charts.py`` computes each pair's contrast the way ``tests/test_site_a11y.py``
computes the stylesheet's.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE = "#ffffff"
"""The page behind every chart (the site's paper, the PDF's sheet)."""
INK = "#1a1d21"
"""Labels and figures (the site's ``--ps-ink``)."""
INK_MUTED = "#454e59"
"""Axis lines, the months' headings, secondary labels (``--ps-ink-muted``)."""
GUIDE = "#8a8a8a"
"""The dotted guides between months and under columns (thin, but still 3:1)."""
SPAN = "#2b4c7e"
"""A summary-schedule row's months (the site's navy)."""
STEP = "#9a4400"
"""The marks of a section's own 추진일정 items."""
TODAY = "#b3261e"
"""The mark of this month on the intranet site."""
BAR = "#2b4c7e"
"""A budget bar of one project, a target's column."""


@dataclass(frozen=True)
class Series:
    """How one funding source (or one kind of column) is drawn."""

    colour: str
    pattern: str
    """``solid``, ``stripes`` (/), ``backstripes`` (\\), ``dots``, ``cross`` (×), ``grid`` (+),
    ``horizontal``, ``vertical``, ``rings`` (dots on white) or ``hatch`` (lines on white)."""
    hollow: bool = False
    """True: drawn as an outline with lines of its colour on white (the unspecified source)."""


SOURCES = (
    Series("#0072b2", "solid"),        # 국비, national
    Series("#b35900", "stripes"),      # 시비, city
    Series("#0f7b5c", "dots"),         # 도비, province
    Series("#a23b72", "cross"),        # 구비, district
    Series("#7b5800", "horizontal"),   # 군비, county
    Series("#2b4c7e", "vertical"),     # 기금, funds
    Series("#8e3b8e", "backstripes"),  # 민간, private
    Series("#5c6670", "grid"),         # 자부담, own share
    Series("#3b6ea5", "rings"),        # 기타, other
    Series("#5c6670", "hatch", hollow=True),  # 미지정, not given
)
"""One look per funding source, in the order of :data:`generator.budgets.SOURCE_ORDER`."""

PLAN_YEAR = Series(BAR, "stripes")
"""The column of the plan year in a targets chart (the other years are solid)."""
OTHER_YEAR = Series(BAR, "solid")

GRAPHICS = (INK_MUTED, GUIDE, SPAN, STEP, TODAY, BAR, *(s.colour for s in SOURCES))
"""Every colour drawn as a graphic: each needs 3:1 against :data:`PAGE`."""
TEXTS = (INK, INK_MUTED, STEP, TODAY)
"""Every colour text is written in: each needs 4.5:1 against :data:`PAGE`."""


def source_series(order: int) -> Series:
    """The look of the source at ``order`` in the model's order of sources."""
    return SOURCES[order % len(SOURCES)]


def luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour (WCAG 2.1)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours (1 to 21)."""
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)
