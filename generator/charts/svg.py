"""The SVG writer of the charts: an XML tree (:mod:`xml.etree.ElementTree`), never a string
put together, so plan text can only ever be text in a chart (``<script>`` written in a YAML
file is drawn as those characters).

Same input, same bytes: attributes are written in the order they are set, every coordinate
is written by :func:`num` (at most one decimal, rounded half up, exactly), ids are the chart's
own (``chart-gantt``, ``chart-gantt-p3``), and nothing reads the clock.  A text that is
:class:`~generator.locale.shown.Shown` keeps its languages: a Korean passage on an English
page is a ``<tspan lang="ko">``, and one shown because its translation is missing is marked
as the site marks it (:mod:`generator.view.markup`), with its badge.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..locale.shown import FALLBACK, Shown, parts_of
from ..view import markup
from . import palette, text

NS = "http://www.w3.org/2000/svg"
FONT = {"site": None, "print": "NanumGothic Plansite"}
"""The font family written on a chart: none on the site (the page's, NanumGothic), the
print's embedded NanumGothic in the PDF."""


def num(value) -> str:
    """A coordinate: at most one decimal, rounded half up, without a trailing ``.0``."""
    if isinstance(value, float):
        value = Fraction(value)
    q = Decimal(Fraction(value).numerator) / Decimal(Fraction(value).denominator)
    q = q.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if q == q.to_integral_value():
        return str(int(q))
    return str(q)


class Drawing:
    """One chart's SVG tree, with the ids, patterns and texts it uses."""

    def __init__(self, chart_id: str, width, height, title: str, description: str,
                 medium: str, css_class: str, loc=None):
        self.id = chart_id
        self.title = title
        self.description = description
        self.caption = title
        """The chart's title as its figure's caption on the page shows it (it may name the
        plan's texts: the caption marks their languages)."""
        self.badge = loc.gettext("KO (badge)") if loc is not None else "KO"
        self.shown: list[Shown] = []
        """The texts drawn that know their plan texts (counted when the chart is shown)."""
        attrs = {"xmlns": NS, "class": f"ps-chart-svg {css_class}",
                 "viewBox": f"0 0 {num(width)} {num(height)}",
                 "width": num(width), "height": num(height), "role": "img",
                 "aria-labelledby": f"{chart_id}-title", "aria-describedby": f"{chart_id}-desc",
                 "font-size": "13"}
        if FONT[medium]:
            attrs["font-family"] = FONT[medium]
        self.root = ET.Element("svg", attrs)
        # the chart's name and description: the page's words and figures, no plan text (a
        # title holds no language marks; the figure's caption on the page names the chart)
        title_el = ET.SubElement(self.root, "title", {"id": f"{chart_id}-title"})
        title_el.text = str(title)
        desc = ET.SubElement(self.root, "desc", {"id": f"{chart_id}-desc"})
        desc.text = str(description)
        self.defs = ET.SubElement(self.root, "defs")
        self._patterns: dict[palette.Series, str] = {}

    def _note(self, value) -> None:
        if isinstance(value, Shown):
            self.shown.append(value)

    # -- elements -------------------------------------------------------------------------
    def el(self, parent, tag: str, **attrs) -> ET.Element:
        """A child element; attribute names are written with ``-`` for ``_``
        (``stroke_width`` → ``stroke-width``), values as given (coordinates through
        :func:`num`), None values left out."""
        return ET.SubElement(parent if parent is not None else self.root, tag,
                             {k.rstrip("_").replace("_", "-"): v if isinstance(v, str) else num(v)
                              for k, v in attrs.items() if v is not None})

    def group(self, parent=None, cls: str | None = None, **attrs) -> ET.Element:
        return self.el(parent, "g", class_=cls, **attrs)

    def rect(self, parent, x, y, w, h, fill, **attrs) -> ET.Element:
        return self.el(parent, "rect", x=x, y=y, width=w, height=h, fill=fill, **attrs)

    def line(self, parent, x1, y1, x2, y2, stroke, width=1, **attrs) -> ET.Element:
        return self.el(parent, "line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke,
                       stroke_width=width, **attrs)

    def path(self, parent, points: list[tuple], fill, **attrs) -> ET.Element:
        """A closed polygon through points."""
        d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in points) + " Z"
        return self.el(parent, "path", d=d, fill=fill, **attrs)

    def text(self, parent, x, y, value, size=13, anchor: str | None = None,
             weight: str | None = None, fill: str = palette.INK, cls: str | None = None,
             lines: list | None = None, line_height=None) -> ET.Element:
        """A text at (x, y) (its baseline); ``lines``: the value cut into lines
        (:func:`generator.charts.text.wrap`), one ``tspan`` each."""
        t = self.el(parent, "text", x=x, y=y, class_=cls, font_size=None if size == 13 else size,
                    text_anchor=anchor, font_weight=weight, fill=fill)
        if lines is None or len(lines) == 1:
            self.runs(t, lines[0] if lines else value)
            self._note(value)
            return t
        step = line_height or size * Fraction(6, 5)
        for i, line in enumerate(lines):
            span = self.el(t, "tspan", x=x, dy=0 if i == 0 else step)
            self.runs(span, line)
        self._note(value)
        return t

    def runs(self, el: ET.Element, value) -> None:
        """The value as the element's text: a Korean passage on an English page in a
        ``tspan lang="ko"``, an untranslated one marked (and its badge after it)."""
        last = None
        for piece, kind in parts_of(value):
            if not kind:
                if last is None:
                    el.text = (el.text or "") + piece
                else:
                    last.tail = (last.tail or "") + piece
                continue
            span = ET.SubElement(el, "tspan", {"lang": "ko"})
            if kind == FALLBACK:
                span.set("class", "ps-chart-untranslated")
            span.text = piece
            last = span
            if kind == FALLBACK:
                mark = ET.SubElement(el, "tspan", {"class": "ps-chart-badge", "font-size": "0.7em",
                                                   "fill": palette.INK_MUTED})
                mark.text = f" {self.badge}"
                last = mark

    def label_width(self, value, size=13) -> float:
        """How wide the value is drawn, its badges included."""
        marks = sum(1 for _, kind in parts_of(value) if kind == FALLBACK)
        return text.width(value, size) + marks * text.width(f" {self.badge}", size * 0.7)

    # -- fills ----------------------------------------------------------------------------
    def fill(self, series: palette.Series) -> dict:
        """The attributes that fill a shape in a series' look: its colour, or its pattern
        (defined once per chart), and an outline for a hollow series."""
        if series.pattern == "solid":
            return {"fill": series.colour}
        pid = self._patterns.get(series)
        if pid is None:
            pid = f"{self.id}-p{len(self._patterns)}"
            self._patterns[series] = pid
            self._pattern(pid, series)
        out = {"fill": f"url(#{pid})"}
        if series.hollow:
            out.update(stroke=series.colour, stroke_width="1.2")
        return out

    def _pattern(self, pid: str, series: palette.Series) -> None:
        size = 8
        p = self.el(self.defs, "pattern", id=pid, patternUnits="userSpaceOnUse", width=size,
                    height=size)
        ground, ink = (palette.PAGE, series.colour) if series.hollow \
            else (series.colour, palette.PAGE)
        self.rect(p, 0, 0, size, size, ground)
        kind = series.pattern
        if kind in ("stripes", "cross", "hatch"):
            for x1, y1, x2, y2 in ((0, 8, 8, 0), (-2, 2, 2, -2), (6, 10, 10, 6)):
                self.line(p, x1, y1, x2, y2, ink, 1.6)
        if kind in ("backstripes", "cross"):
            for x1, y1, x2, y2 in ((0, 0, 8, 8), (-2, 6, 2, 10), (6, -2, 10, 2)):
                self.line(p, x1, y1, x2, y2, ink, 1.6)
        if kind in ("horizontal", "grid"):
            self.line(p, 0, 4, 8, 4, ink, 1.6 if kind == "horizontal" else 1.2)
        if kind in ("vertical", "grid"):
            self.line(p, 4, 0, 4, 8, ink, 1.6 if kind == "vertical" else 1.2)
        if kind == "dots":
            self.el(p, "circle", cx=4, cy=4, r=1.7, fill=ink)
        if kind == "rings":
            self.el(p, "circle", cx=4, cy=4, r=2, fill="none", stroke=ink, stroke_width="1.2")

    # -- out ------------------------------------------------------------------------------
    def svg(self) -> str:
        """The SVG, as its bytes will always be."""
        if not len(self.defs) and self.defs in list(self.root):
            self.root.remove(self.defs)
        return ET.tostring(self.root, encoding="unicode", short_empty_elements=True)

    def count_texts(self) -> None:
        """Count the plan texts the chart draws as shown on the page being rendered (a page
        in English says how many of its texts are translated)."""
        for value in self.shown:
            markup.record(value)
