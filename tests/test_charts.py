"""The charts (generator/charts) read back as SVG: well-formed, one bar or mark per item, each
label and figure the model's in both languages, the Gantt's spans the grid's months, colours
that pass 3:1 against the page, the same bytes for the same input; and in the built site, the
public site and the PDF."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import model
from generator.budgets import SOURCE_ORDER, budget_overview
from generator.charts import plan_charts, palette, text
from generator.charts.svg import num
from generator.locale import LANGUAGES
from generator.locale import get as get_locale
from generator.locale.shown import Shown
from generator.pipeline import check_folder
from generator.projection import project
from generator.view.budget import budget_view
from generator.view.plan import plan_view

from .conftest import PLANS, ROOT, SEED
from .pdf_support import pdf_text, seed_pdfs, squeeze
from .site_helpers import CHROMIUM, build, chromium, served
from .test_site_a11y import contrast as css_contrast
from .test_site_a11y import custom_properties

NS = "{http://www.w3.org/2000/svg}"
FONT = ROOT / "generator" / "assets" / "fonts" / "NanumGothic.woff2"
KINDS = ["seed", "minimal", "partial", "hostile", "annual", "grant"]
FOLDERS = {"seed": SEED, "minimal": PLANS / "valid" / "minimal",
           "partial": PLANS / "valid" / "partial", "hostile": PLANS / "valid" / "hostile",
           "annual": PLANS / "kinds" / "annual-2027", "grant": PLANS / "kinds" / "grant-2027"}


# -- helpers -----------------------------------------------------------------------------------

def tag(el) -> str:
    return el.tag.removeprefix(NS)


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def find(root, cls: str, where=None) -> list:
    return [el for el in (where if where is not None else root).iter() if cls in classes(el)]


def words(el) -> str:
    """A text element's words as shown: its lines (tspans with an x) joined by a space, the
    badges of untranslated passages left out."""
    lines = [c for c in el if tag(c) == "tspan" and c.get("x") is not None]
    parts = lines if lines else [el]

    def plain(node) -> str:
        out = node.text or ""
        for child in node:
            if "ps-chart-badge" not in classes(child):
                out += plain(child)
            out += child.tail or ""
        return out
    return " ".join(plain(p) for p in parts)


def svg(chart) -> ET.Element:
    root = ET.fromstring(str(chart.svg()))
    assert tag(root) == "svg"
    return root


def label_of(group, cls="ps-label") -> str:
    return words(find(None, cls, group)[0])


def rect_of(group) -> ET.Element:
    return next(el for el in group.iter() if tag(el) == "rect")


def f(value: str) -> Fraction:
    return Fraction(value)


@pytest.fixture(scope="module")
def checked():
    out = {}
    for name, folder in FOLDERS.items():
        cp = check_folder(folder)
        assert cp.ok, [p for p in cp.problems]
        out[name] = cp
    return out


def charts_of(cp, lang: str, medium: str = "site", audience: str = "intranet"):
    projection = project(cp, audience)
    loc = get_locale(lang)
    view = plan_view(projection.plan, loc)
    budget = budget_view(projection.plan, projection.checked.results, loc)
    return projection, view, budget, plan_charts(view, budget, loc, medium,
                                                 today=audience == "intranet"
                                                 and medium == "site")


def every_chart(charts) -> list:
    """Every chart, the phone's layout of each after it (on the site)."""
    out = []
    for chart in [*charts.gantt, *charts.budget_charts, *[c for _, _, c in charts.targets]]:
        out += [chart] + ([chart.narrow] if chart.narrow else [])
    return out


# -- the SVG itself ------------------------------------------------------------------------------

@pytest.mark.parametrize("medium", ["site", "print"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", KINDS)
def test_every_chart_is_well_formed_with_a_title_and_a_description(checked, name, lang, medium):
    _, _, _, charts = charts_of(checked[name], lang, medium)
    ids: set[str] = set()
    for chart in every_chart(charts):
        root = svg(chart)
        assert root.get("role") == "img"
        title = root.find(f"{NS}title")
        desc = root.find(f"{NS}desc")
        assert root.get("aria-labelledby") == title.get("id") == f"{chart.id}-title"
        assert root.get("aria-describedby") == desc.get("id") == f"{chart.id}-desc"
        assert title.text == str(chart.title) and len(title.text) > 3
        assert desc.text == str(chart.description) and len(desc.text) > 30
        assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", root.get("viewBox"))
        for el in root.iter():
            if el.get("id"):  # every id is the chart's own, none twice in a page
                assert el.get("id").startswith(chart.id), el.get("id")
                assert el.get("id") not in ids
                ids.add(el.get("id"))
            for attr in ("x", "y", "width", "height", "x1", "x2", "y1", "y2", "r", "cx", "cy"):
                if el.get(attr) is not None:  # coordinates at most to a tenth
                    assert re.fullmatch(r"-?\d+(\.\d)?", el.get(attr)), (attr, el.get(attr))
            if tag(el) == "text":
                assert words(el).strip(), "no empty label"


def test_the_seed_has_every_kind_of_chart(checked):
    _, view, _, charts = charts_of(checked["seed"], "ko")
    assert len(charts.gantt) == 1 and charts.budget_projects and charts.budget_sources \
        and charts.budget_split
    assert [c.id for _, _, c in charts.targets] == ["chart-targets-local-job-target-1"]


@pytest.mark.parametrize("layout", ["wide", "narrow"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_gantt_rows_are_the_summary_schedule_and_their_spans_the_grid_months(checked, lang,
                                                                            layout):
    cp = checked["seed"]
    loc = get_locale(lang)
    _, view, _, charts = charts_of(cp, lang)
    root = svg(charts.gantt[0] if layout == "wide" else charts.gantt[0].narrow)
    months = sorted((f(t.get("x")), words(t)) for t in find(root, "ps-month"))
    assert [w for _, w in months] == loc.gettext(
        "1 2 3 4 5 6 7 8 9 10 11 12 (month columns)").split()
    centres = [x for x, _ in months]
    half = (centres[1] - centres[0]) / 2
    expected = [r for g in cp.plan.summary_schedule.groups for r in g.rows]
    drawn = find(root, "ps-row")
    assert len(drawn) == len(expected) == 13
    for g, r in zip(drawn, expected):
        assert g.get("data-section") == r.section
        assert label_of(g) == str(loc.text(r.name))
        span = find(root, "ps-span", g)[0]
        assert span.get("data-months") == " ".join(str(m) for m in r.months)
        covered = set()
        for rect in [el for el in span.iter() if tag(el) == "rect"]:
            x, w = f(rect.get("x")), f(rect.get("width"))
            covered |= {m for m, c in enumerate(centres, 1) if x < c < x + w}
            assert x >= centres[0] - half and x + w <= centres[-1] + half
            assert rect.get("fill") == palette.SPAN
        assert covered == set(r.months), r.name.ko
    units = [words(t) for t in find(root, "ps-unit")]
    assert units == [str(loc.text(g.unit)) for g in cp.plan.summary_schedule.groups]


def _model_steps(section: model.Section) -> list[model.ScheduleItem]:
    def flat(items):
        for item in items:
            yield item
            yield from flat(item.children)
    return [item for part in section.parts for block in part.blocks
            if isinstance(block, model.ScheduleBlock) and block.kind == "schedule"
            for item in flat(block.items) if item.when]


@pytest.mark.parametrize("layout", ["wide", "narrow", "print"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_gantt_marks_each_step_of_each_section_once_where_its_timing_lies(checked, lang,
                                                                         layout):
    cp = checked["seed"]
    loc = get_locale(lang)
    plan = cp.plan
    _, _, _, charts = charts_of(cp, lang, "print" if layout == "print" else "site")
    root = svg(charts.gantt[0].narrow if layout == "narrow" else charts.gantt[0])
    centres = sorted(f(t.get("x")) for t in find(root, "ps-month"))
    half = (centres[1] - centres[0]) / 2
    first_rows = {}
    for g in find(root, "ps-row"):
        first_rows.setdefault(g.get("data-section"), g)
    total = 0
    for section in plan.sections:
        steps = _model_steps(section)
        row = first_rows.get(section.id)
        if row is None:
            assert not steps
            continue
        drawn = find(root, "ps-step", row)
        assert [g.get("data-step") for g in drawn] == [str(i + 1) for i in range(len(steps))]
        key = next(r for r in charts.gantt_rows if r.row.section == section.id)
        assert [(s.number, str(s.text), str(s.when)) for s in key.steps] == [
            (i + 1, str(loc.text(item.text)), str(loc.schedule_when(item) or loc.timing(item.when)))
            for i, item in enumerate(steps)]  # the table beside the chart: the same numbers
        for g, item in zip(drawn, steps):
            total += 1
            dated = [t for t in item.when if t.start is not None]
            undated = [t for t in item.when if t.start is None]
            marks = find(root, "ps-mark", g)
            assert len(marks) == len(dated) + (1 if undated else 0), item.text.ko
            repeat = find(root, "ps-mark-repeat", g)
            if undated:  # its number and its words, as the locale writes them
                shown = words(find(root, "ps-step-words", repeat[0])[0])
                assert shown == " ".join([loc.number(int(g.get("data-step"))),
                                          ", ".join(str(loc.timing([t])) for t in undated)])
            else:
                assert not repeat
            dated_marks = [m for m in marks if "ps-mark-repeat" not in classes(m)]
            for mark, t in zip(dated_marks, dated):
                kind = next(c for c in classes(mark) if c.startswith("ps-mark-"))
                if t.end.year < plan.year:
                    assert kind == "ps-mark-before"
                    continue
                if t.kind == "month":
                    assert kind == "ps-mark-month"
                    d = next(el for el in mark.iter() if tag(el) == "path").get("d")
                    cx = f(re.match(r"M(-?[\d.]+) ", d).group(1))
                    assert abs(cx - centres[t.start.month - 1]) <= Fraction(1, 10)
                elif t.kind == "range":
                    assert kind == "ps-mark-range"
                    rect = rect_of(mark)
                    x, w = f(rect.get("x")), f(rect.get("width"))
                    assert abs(x - (centres[t.start.month - 1] - half)) <= 1
                    assert abs(x + w - (centres[t.end.month - 1] + half)) <= 1
                else:
                    assert kind == "ps-mark-date"
            if dated:
                assert words(find(root, "ps-step-number", g)[0]) == loc.number(
                    int(g.get("data-step")))
    assert total == sum(len(_model_steps(s)) for s in plan.sections) > 40
    # the key table beside it numbers the same steps
    assert sum(len(r.steps) for r in charts.gantt_rows) == total


@pytest.mark.parametrize("layout", ["wide", "narrow"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["seed", "minimal", "partial", "annual", "grant"])
def test_budget_bars_are_the_models_budgets_in_one_unit(checked, name, lang, layout):
    cp = checked[name]
    loc = get_locale(lang)
    _, _, budget, charts = charts_of(cp, lang)
    if layout == "narrow":  # the phone's layout of each chart
        for attr in ("budget_projects", "budget_sources", "budget_split"):
            chart = getattr(charts, attr)
            setattr(charts, attr, chart.narrow if chart is not None else None)
    overview = budget_overview(cp.plan)
    divisor = 1000 if budget.unit == loc.unit_name("천원") else 1
    if charts.budget_projects is not None:
        root = svg(charts.budget_projects)
        bars = find(root, "ps-bar")
        assert len(bars) == len(overview.rows) == len(budget.rows) >= 2
        widths = []
        for g, row, view in zip(bars, overview.rows, budget.rows):
            assert label_of(g) == str(view.section_label)
            assert label_of(g, "ps-value") == loc.number(row.won // divisor) == view.amount
            widths.append((f(rect_of(g).get("width")), row.won // divisor))
        largest = max(widths, key=lambda p: p[1])
        for w, value in widths:  # each bar as long as its figure on one scale
            assert abs(w - largest[0] * value / largest[1]) <= Fraction(1, 10)
        total = words(find(root, "ps-total")[0])
        assert loc.number(overview.total // divisor) in total
    else:
        assert len(budget.rows) < 2
    if charts.budget_sources is not None:
        root = svg(charts.budget_sources)
        bars = find(root, "ps-bar")
        by_source = overview.by_source()
        assert len(bars) == len(by_source) >= 2
        widths = []
        for g, (source, won) in zip(bars, by_source.items()):
            assert label_of(g) == loc.source(source)
            assert label_of(g, "ps-value").startswith(loc.number(won // divisor))
            assert g.get("data-source") == str(SOURCE_ORDER.index(source))
            widths.append((f(rect_of(g).get("width")), won // divisor))
        largest = max(widths, key=lambda p: p[1])
        for w, value in widths:
            assert abs(w - largest[0] * value / largest[1]) <= Fraction(1, 10)
    if charts.budget_split is not None:
        root = svg(charts.budget_split)
        bars = find(root, "ps-split")
        assert len(bars) == len([r for r in overview.rows if r.won])
        sources = list(overview.by_source())
        for g, row in zip(bars, [r for r in overview.rows if r.won]):
            parts = find(root, "ps-part", g)
            paying = [s for s in sources if row.by_source.get(s)]
            assert [p.get("data-source") for p in parts] == [str(SOURCE_ORDER.index(s))
                                                             for s in paying]
            assert [p.get("data-value") for p in parts] == [
                str(row.by_source[s] // divisor) for s in paying]
            widths = [f(rect_of(p).get("width")) for p in parts]
            whole = sum(widths) + Fraction(3, 2) * (len(parts) - 1)
            for w, s, n in zip(widths, paying, range(len(parts))):
                gap = Fraction(3, 2) if n < len(parts) - 1 else 0
                expected = whole * Fraction(row.by_source[s], row.won) - gap
                assert abs(w - max(expected, Fraction(1, 2))) <= Fraction(2, 10)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_targets_columns_are_the_blocks_years(checked, lang):
    cp = checked["seed"]
    loc = get_locale(lang)
    _, _, _, charts = charts_of(cp, lang)
    block = next(b for s in cp.plan.sections for p in s.parts for b in p.blocks
                 if isinstance(b, model.TargetsBlock))
    root = svg(charts.targets[0][2])
    columns = find(root, "ps-column")
    assert [c.get("data-year") for c in columns] == list(block.years)
    heights = []
    for c, (year, value) in zip(columns, block.years.items()):
        assert label_of(c) == year
        assert label_of(c, "ps-value") == loc.number(value)
        assert ("ps-plan-year" in classes(c)) == (year == str(cp.plan.year))
        heights.append((f(rect_of(c).get("height")), value))
    top = max(heights, key=lambda p: p[1])
    for h, value in heights:
        assert abs(h - top[0] * value / top[1]) <= Fraction(1, 10)
    assert loc.number(block.total) in words(find(root, "ps-total")[0])


def test_a_single_year_target_or_a_single_project_draws_no_chart(checked):
    _, _, budget, charts = charts_of(checked["grant"], "ko")
    assert len(budget.rows) == 1 and charts.budget_projects is None
    assert charts.budget_sources is not None  # three sources pay for it
    for cp in checked.values():
        for _, block, _ in charts_of(cp, "ko")[3].targets:
            assert len(block.years) >= 2


# -- colours ---------------------------------------------------------------------------------

def _colours(root):
    patterns = {el.get("id"): el for el in root.iter() if tag(el) == "pattern"}
    for el in root.iter():
        for attr in ("fill", "stroke"):
            value = el.get(attr)
            if value is None or value == "none":
                continue
            if value.startswith("url("):
                assert value[5:-1] in patterns, value
                continue
            yield el, attr, value


@pytest.mark.parametrize("name", KINDS)
def test_no_colour_pair_below_3_to_1_and_text_at_4_5_to_1(checked, name):
    for lang in LANGUAGES:
        for medium in ("site", "print"):
            for chart in every_chart(charts_of(checked[name], lang, medium)[3]):
                root = svg(chart)
                for el, attr, colour in _colours(root):
                    assert re.fullmatch(r"#[0-9a-f]{6}", colour), colour
                    if colour == palette.PAGE:
                        continue  # the page itself: a pattern's ground, a gap
                    minimum = 4.5 if tag(el) in ("text", "tspan") else 3.0
                    assert palette.contrast(colour, palette.PAGE) >= minimum, (chart.id, colour)
                for p in (el for el in root.iter() if tag(el) == "pattern"):
                    inside = {el.get(a) for el in p.iter() for a in ("fill", "stroke")} - \
                        {None, "none"}
                    assert palette.PAGE in inside and len(inside) == 2, inside


def test_the_palette_is_the_pages_and_every_source_looks_different():
    props = custom_properties()
    assert props["--ps-paper"] == palette.PAGE == "#ffffff"
    assert props["--ps-ink"] == palette.INK
    for colour in palette.GRAPHICS:
        assert css_contrast(colour, palette.PAGE) >= 3.0, colour
        assert round(palette.contrast(colour, palette.PAGE), 6) == \
            round(css_contrast(colour, palette.PAGE), 6)
    for colour in palette.TEXTS:
        assert palette.contrast(colour, palette.PAGE) >= 4.5, colour
    # in greyscale or for a reader who does not see the colours: no two sources share a
    # pattern (and each is named in the legend and the table)
    assert len(SOURCE_ORDER) <= len(palette.SOURCES)
    assert len({s.pattern for s in palette.SOURCES}) == len(palette.SOURCES)
    assert palette.PLAN_YEAR.pattern != palette.OTHER_YEAR.pattern


# -- words, escaping, languages --------------------------------------------------------------

def test_the_widths_are_the_fonts_own():
    from fontTools.ttLib import TTFont
    font = TTFont(str(FONT))
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    em = font["head"].unitsPerEm
    for ch in [chr(c) for c in range(0x20, 0x7f)] + list(text.OTHER) + ["가", "힣", "①", "■"]:
        assert text.advance(ch) * em == metrics[cmap[ord(ch)]][0] * text.EM, ch


def test_wrap_keeps_words_whole_and_a_korean_passage_marked():
    assert text.wrap("사회적경제 생태계 조성사업", 12.5, 80) == ["사회적경제", "생태계", "조성사업"]
    assert text.wrap("가나다", 12.5, 1000) == ["가나다"]
    lines = text.wrap("one two three four five six seven eight", 12, 40, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("\u2026")
    value = Shown([("Support for ", ""), ("사회적 기업", "fallback")], [("사회적 기업", False)])
    lines = text.wrap(value, 12, 80)
    assert "".join(lines).replace(" ", "") == str(value).replace(" ", "")
    assert all(isinstance(line, Shown) for line in lines)
    assert lines == ["Support for", "사회적 기업"]
    assert lines[-1].parts == (("사회적 기업", "fallback"),) and lines[0].parts[0][1] == ""
    narrow = text.wrap(value, 12, 50, max_lines=5)  # a passage cut in two stays marked
    assert narrow[-2:] == ["사회적", "기업"] and narrow[-1].parts == (("기업", "fallback"),)
    assert lines[0].texts == value.texts and not lines[-1].texts  # counted once


def test_coordinates_are_written_one_way():
    assert [num(10), num(Fraction(1, 3)), num(2.25), num(Fraction(-1, 4)), num(0.1 + 0.2)] == \
        ["10", "0.3", "2.3", "-0.3", "0.3"]


def test_hostile_texts_are_text_in_every_chart(checked):
    allowed = {"svg", "title", "desc", "defs", "pattern", "g", "rect", "line", "path",
               "circle", "text", "tspan"}
    for lang in LANGUAGES:
        for medium in ("site", "print"):
            charts = charts_of(checked["hostile"], lang, medium)[3]
            drawn = every_chart(charts)
            assert drawn
            shown = ""
            for chart in drawn:
                root = svg(chart)
                assert {tag(el) for el in root.iter()} <= allowed
                for el in root.iter():
                    assert not any(a.startswith("on") or "href" in a for a in el.attrib)
                shown += " ".join(t for t in root.itertext())
            assert "[재정지원](javascript:alert('row'))" in shown
            assert "<i onclick=alert('unit')>" in shown


def test_an_untranslated_text_is_drawn_in_korean_marked():
    from generator.charts.svg import Drawing
    from generator.view import markup
    loc = get_locale("en")
    d = Drawing("chart-x", 100, 20, "Title", "A description of it", "site", "ps-x", loc)
    value = Shown([("Support for ", ""), ("사회적기업", "fallback")], [("사회적기업", False)])
    d.text(None, 0, 10, value)
    root = ET.fromstring(d.svg())
    span = next(el for el in root.iter() if el.get("lang") == "ko")
    assert span.text == "사회적기업" and "ps-chart-untranslated" in classes(span)
    badge = next(el for el in root.iter() if "ps-chart-badge" in classes(el))
    assert badge.text.strip() == loc.gettext("KO (badge)")
    with markup.counting() as found:
        d.count_texts()
    assert found == {"사회적기업": False}


def test_english_charts_are_worded_in_english(checked):
    _, view, budget, charts = charts_of(checked["seed"], "en")
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for chart in every_chart(charts):
        root = svg(chart)
        for el in root.iter():
            if tag(el) in ("text", "tspan") and el.text and hangul.search(el.text):
                assert el.get("lang") == "ko", (chart.id, el.text)  # never unmarked
    gantt = svg(charts.gantt[0])
    assert [words(t) for t in find(gantt, "ps-month")][:3] == ["Jan", "Feb", "Mar"]
    assert "monthly" in " ".join(gantt.itertext())
    assert "national" in " ".join(svg(charts.budget_sources).itertext())


# -- the same bytes --------------------------------------------------------------------------

SCRIPT = """
import hashlib, sys
from pathlib import Path
from generator.pipeline import check_folder
from generator.view.plan import plan_view
from generator.view.budget import budget_view
from generator.locale import get
from generator.charts import plan_charts
cp = check_folder(Path(sys.argv[1]))
h = hashlib.sha256()
for lang in ("ko", "en"):
    for medium in ("site", "print"):
        loc = get(lang)
        c = plan_charts(plan_view(cp.plan, loc), budget_view(cp.plan, cp.results, loc), loc,
                        medium, today=medium == "site")
        for chart in [*c.gantt, *c.budget_charts, *[x for _, _, x in c.targets]]:
            h.update(str(chart.svg()).encode())
print(h.hexdigest())
"""


def test_same_input_same_bytes_whatever_the_hash_seed_or_the_clock(tmp_path):
    import os
    digests = set()
    for seed, epoch in (("1", "1453161600"), ("2", "1900000000")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": epoch,
               "TZ": "Asia/Seoul" if seed == "1" else "UTC"}
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(SEED)], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_this_months_frame_is_drawn_hidden_on_the_intranet_site_only(checked):
    cp = checked["seed"]
    site = svg(charts_of(cp, "ko", "site")[3].gantt[0])
    assert site.get("data-year") == "2016"
    frame = find(site, "ps-today")[0]
    assert frame.get("visibility") == "hidden" and frame.get("transform") is None
    assert find(site, "ps-today-key")[0].get("visibility") == "hidden"
    for medium, audience in (("print", "intranet"), ("site", "public")):
        root = svg(charts_of(cp, "ko", medium, audience)[3].gantt[0])
        assert root.get("data-year") is None and not find(root, "ps-today")
        assert not find(root, "ps-today-key")


# -- the public charts -----------------------------------------------------------------------

def test_public_charts_are_drawn_from_the_public_figures_only(checked):
    cp = checked["partial"]
    _, _, inside, intranet = charts_of(cp, "ko")
    projection, _, public_budget, public = charts_of(cp, "ko", audience="public")
    secret = next(r for r in inside.rows if "CANARY" in r.section_label)
    assert any("CANARY" in " ".join(svg(c).itertext()) for c in every_chart(intranet))
    for chart in every_chart(public):
        drawn = ET.tostring(svg(chart), encoding="unicode")
        assert "CANARY" not in drawn
        assert f'data-value="{secret.value}"' not in drawn
        assert secret.amount not in " ".join(svg(chart).itertext())
    # the scale is the public figures': the longest bar is the largest public budget
    root = svg(public.budget_projects)
    bars = [(f(rect_of(g).get("width")), int(rect_of(g).get("data-value")))
            for g in find(root, "ps-bar")]
    assert [v for _, v in bars] == [r.value for r in public_budget.rows]
    assert secret.value not in [v for _, v in bars]
    assert max(bars)[1] == max(r.value for r in public_budget.rows)
    total = words(find(root, "ps-total")[0])
    assert public_budget.total in total and inside.total not in total
    # the intranet's bars are longer-scaled by the withheld budget; the public's are not
    inner = svg(intranet.budget_projects)
    assert len(find(inner, "ps-bar")) == len(bars) + 1


# -- on the site and in the PDF --------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    return build(SEED, tmp_path_factory.mktemp("charts-site"))[1]


PLAN = "gwangjin-2016-job-operations"


@pytest.mark.parametrize("root", ["", "en/"])
def test_the_site_shows_each_chart_beside_its_table(seed_site, root):
    def page(path):
        return BeautifulSoup((seed_site / root / path / "index.html").read_text(),
                             "html.parser")
    expected = {PLAN: ["chart-gantt"],
                f"{PLAN}/budget": ["chart-budget-projects", "chart-budget-split",
                                   "chart-budget-sources"],
                f"{PLAN}/sections/local-job-target": ["chart-targets-local-job-target-1"]}
    for path, ids in expected.items():
        doc = page(path)
        article = doc.find("article")
        figures = article.find_all("figure", class_="ps-chart")
        assert [fig["id"].removesuffix("-figure") for fig in figures] == ids
        for fig in figures:
            drawing = fig.find("svg", class_="ps-chart-svg")
            assert drawing["role"] == "img"
            assert drawing.find("title", id=drawing["aria-labelledby"]).get_text()
            assert drawing.find("desc", id=drawing["aria-describedby"]).get_text()
            assert fig.find("figcaption").get_text().strip()
            scroll = fig.find("div", class_="ps-chart-scroll")
            assert scroll["tabindex"] == "0"
            assert scroll["aria-label"] == drawing.find("title").get_text()
            table = fig.find("a")["href"]
            assert table.startswith("#") and article.find(id=table[1:]).name == "table"
        assert doc.find("script", src=re.compile(r"assets/plansite/charts\.js$"))
    key = page(PLAN).find("table", id="chart-gantt-table")
    numbers = [td.get_text() for td in key.select("tbody td.ps-num")]
    plan = check_folder(SEED).plan
    assert numbers.count("1") == sum(1 for s in plan.sections if _model_steps(s))
    assert len([n for n in numbers if n.isdigit()]) == sum(len(_model_steps(s))
                                                           for s in plan.sections)


def test_this_month_is_marked_by_the_script_in_the_plan_year(seed_site, tmp_path):
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: sudo apt-get install chromium")
    today = date.today()  # the reader's clock, as the script reads it
    source = (seed_site / PLAN / "index.html").read_text()
    assert 'data-year="2016"' in source
    for name, year in (("now", today.year), ("other", today.year - 1)):
        folder = seed_site / PLAN / f"year-{name}"
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(
            source.replace('data-year="2016"', f'data-year="{year}"').replace('"../', '"../../'))
    with served(seed_site) as base:
        shown = chromium(f"{base}{PLAN}/year-now/", "--virtual-time-budget=5000", "--dump-dom")
        hidden = chromium(f"{base}{PLAN}/year-other/", "--virtual-time-budget=5000",
                          "--dump-dom")
    assert shown.returncode == hidden.returncode == 0, shown.stderr[-2000:]
    frame = BeautifulSoup(shown.stdout, "html.parser").find("g", class_="ps-today")
    step = float(frame["data-step"])
    assert frame.get("visibility") is None
    assert frame["transform"] == f"translate({(today.month - 1) * step:.1f} 0)"
    other = BeautifulSoup(hidden.stdout, "html.parser").find("g", class_="ps-today")
    assert other.get("visibility") == "hidden" and other.get("transform") is None


def test_the_public_site_has_charts_without_the_script_or_the_withheld(tmp_path):
    from generator.site.pages import site_pages
    cp = check_folder(PLANS / "valid" / "partial")
    pages = site_pages([cp], audience="public")
    budget = next(p for p in pages.pages if p.src.endswith("budget.md")).markdown
    plan = next(p for p in pages.pages if p.src == "partial/index.md").markdown
    assert "ps-budget-projects" in budget and "ps-gantt" in plan
    assert "CANARY" not in budget + plan and "ps-today" not in plan
    assert "data-year" not in plan


def test_the_pdf_has_the_charts_as_tagged_figures_after_the_document(tmp_path_factory):
    pdfs = seed_pdfs(tmp_path_factory)
    cp = check_folder(SEED)
    for lang, pdf in pdfs.items():
        loc = get_locale(lang)
        _, _, _, charts = charts_of(cp, lang, "print")
        printed = [*charts.gantt, charts.budget_projects, charts.budget_split,
                   charts.budget_sources, *[c for _, _, c in charts.targets]]
        titles = [str(c.title) for c in printed]  # in the order the reference part prints
        reader = PdfReader(pdf)
        figures = []

        def walk(node):
            node = node.get_object()
            if isinstance(node, dict):
                if node.get("/S") == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                for kid in kids if isinstance(kids, list) else [kids] if kids is not None \
                        else []:
                    walk(kid)
        walk(reader.trailer["/Root"]["/StructTreeRoot"])
        assert figures == titles, lang  # each chart a figure, its title the alternative text
        outline = [o.title for o in reader.outline if not isinstance(o, list)]
        assert outline[-1] == " ".join([loc.gettext("Reference (the charts' part)"),
                                        loc.gettext("The plan in charts")])
        start = reader.get_destination_page_number(reader.outline[-1]) + 1
        appendix = squeeze(pdf_text(pdf, start))
        captions = [str(c.caption) for c in printed]  # the figures' captions, shown
        for word in [*captions, loc.number(319420), loc.number(56000), loc.source("국비")]:
            assert squeeze(word) in appendix, word
        assert start > len(reader.pages) - 6
