"""Regenerates tests/plans/invalid/<case>/ from tests/plans/valid/minimal by one edit each.

Run ``python tests/plans/make_cases.py`` after changing the minimal plan, then review each
``expected.txt`` (written by ``UPDATE_GOLDEN=1 pytest tests/test_invalid_plans.py``).
Each case: (name, {file: [(old, new), ...]} or a callable on the case folder).
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
BASE = HERE / "valid" / "minimal"
P, S1, S2 = "plan.yaml", "sections/01-first.yaml", "sections/02-second.yaml"

def _catalog(case: Path, change) -> None:
    """Write the case's translations/en.po: every text translated (an English that writes
    the Korean's figures), then ``change(catalog)`` makes the case's one mistake."""
    import sys
    sys.path.insert(0, str(HERE.parent.parent))
    from generator import translations as tr
    from generator.pipeline import check_folder
    from generator.footnotes import markers, plain
    checked = check_folder(case)
    cat = tr.merged_catalog(checked.plan, checked.source, case, "en")
    for m in cat:
        if m.id:
            m.string = "EN " + " ".join([str(v) for v in sorted(tr.korean_figures(plain(m.id)))]
                                        + [f"[^{k}]" for k in markers(m.id)])
    change(cat)
    tr.catalog_path(case, "en").parent.mkdir(exist_ok=True)
    tr.catalog_path(case, "en").write_bytes(tr.dump(cat))


def _missing(cat):
    cat["둘째 사업"].string = ""


def _stale(cat):
    entry = cat["둘째 사업"]
    entry.flags.add("fuzzy")
    entry.previous_id = ["두 번째 사업"]


def _figures(cat):
    cat["9개(예비1개, 인증8개)"].string = "9 (1 pre-certified, 7 certified)"


def _footnotes(cat):
    cat["실시[^1]"].string = "Held"  # the marker dropped
    cat["기대효과[^2]"].string = "Expected effects[^1]"  # another footnote's marker


def _huge_png() -> bytes:
    """A PNG of a few hundred bytes that declares 20,000 × 20,000 pixels."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


_SVG_SCRIPT = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
               b'<script>alert(1)</script><rect width="10" height="10"/></svg>\n')
_SVG_FETCH = (b'<svg xmlns="http://www.w3.org/2000/svg" '
              b'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
              b'<image xlink:href="http://127.0.0.1:9/x.png" width="10" height="10"/></svg>\n')
_FIGURE = ("      - type: figure\n        src: images/layout.png\n        caption: 교육장 배치도\n")


def _figure(src: str, caption: str) -> str:
    return (f"      - type: figure\n        src: {src}\n        caption: {caption}\n"
            f"        alt: {caption} 그림\n")


DISPATCH = ("dispatch:\n  agency: 서울특별시 광진구\n  recipient: 수신자 참조\n"
            "  sender: 서울특별시 광진구청장\n  address: 서울특별시 광진구 자양로 117\n")


def _bullets(levels: int) -> str:
    """A bullet tree of ``levels`` levels, one line each, as a bullets block's ``items``."""
    out = ""
    for level in range(levels):
        pad = "          " + "    " * level
        out += f"{pad}- text: {level + 1}단계\n" + (f"{pad}  children:\n" if level + 1 < levels
                                                   else "")
    return out


_WIDE = [f"c{i}" for i in range(1, 18)]  # 17 columns, one more than the limit


CASES: dict[str, dict] = {
    # loader hazards
    "yaml-syntax": {S1: [("title: 첫 사업", "title: [첫 사업")]},
    "yaml-duplicate-key": {P: [("year: 2016\n", "year: 2016\nyear: 2017\n")]},
    "yaml-alias": {P: [("vision: 12:30", "vision: &v 12:30"), ("title: 2016년 시험 계획\nvision",
                                                               "title: *v\nvision")]},
    "yaml-tag": {P: [("year: 2016", "year: !!int 2016")]},
    "yaml-key-type": {P: [("year: 2016\n", "year: 2016\n? [a, b]\n: x\n")]},
    "yaml-multiple-documents": {S2: [("id: second\n", "id: second\n---\nid: third\n")]},
    "yaml-too-deep": {S2: [("title: 둘째 사업", "title: " + "[" * 45 + "]" * 45)]},
    "yaml-encoding": {S2: [("title: 둘째 사업", "title: \udcb5\udcd1")]},
    "yaml-1-1-hazards": {P: [("disclosure: 대시민공개", "disclosure: no")]},
    # plan folder
    "plan-missing-sections": {"delete": ["sections"]},
    "plan-sections-key": {P: [("year: 2016\n", "year: 2016\nsections: []\n")]},
    "plan-id-folder": {P: [("id: plan-id-folder", "id: minimal")]},
    "plan-id-reserved": {P: [("id: plan-id-reserved", "id: downloads")]},
    # schema
    "schema-missing": {P: [("title: 2016년 시험 계획\nvision", "vision")]},
    "schema-unknown-key": {S1: [("title: 첫 사업", "titel: 첫 사업")]},
    "schema-values": {P: [("approved_on: 2016-01-19", "approved_on: 2016-13-01"),
                          ("months: 1-12", "months: 0-13")],
                      S1: [("total: 600", "total: 6OO"), ("amount: 13,420천원", "amount: 13,420천불"),
                           ("when: 2016-02}", "when: 2016-13}")]},
    # a date written the way documents often write it: the hint gives it as YYYY-MM-DD
    "schema-date-written": {P: [("approved_on: 2016-01-19", 'approved_on: "2016. 1. 19."')]},
    "schema-block-type": {S2: [("type: note", "type: chart")]},
    # a thousands comma inside braces, unquoted: {amount: 13,420천원} reads as 13 and 420천원
    "schema-flow-comma": {S1: [('budget: {amount: "13.42백만원", funding:',
                                'budget: {amount: 13,420천원, funding:')]},
    "schema-pattern": {S1: [("id: first", "id: First")]},
    # checks
    "table-row-total": {S1: [("{항목: 운영비, 예산: \"420\"", "{항목: 운영비, 예산: \"421\"")]},
    "table-column-total": {S1: [("{구분: 갑, 계: \"12\"", "{구분: 갑, 계: \"13\""),
                                ("계: \"30\"", "계: \"31\"")]},
    "table-cap": {S1: [("{구분: 갑, 계: \"12\", 가: \"4\", 나: \"8\", 지원: \"50,000\"}",
                        "{구분: 갑, 계: \"12\", 가: \"4\", 나: \"8\", 지원: \"90,000\"}"),
                       ("지원: \"100,000\"", "지원: \"140,000\"")]},
    "table-cell-number": {S1: [("나: \"12개\"", "나: \"열둘\"")]},
    "targets-total": {S1: [("total: 600", "total: 601")]},
    "targets-plan-year": {S1: [("value: 300명\n            target: 300명",
                                "value: 301명\n            target: 301명")]},
    "split-ratio-sum": {S1: [("funding: 국:시:구=50:25:25", "funding: 국:시:구=60:25:25"),
                             ("13,420천원(국:시:구=50:25:25)", "13,420천원(국:시:구=60:25:25)"),
                             ("{국비: 50%, 시비: 25%", "{국비: 60%, 시비: 25%"),
                             ("13.42백만원(국:시:구=50:25:25)", "13.42백만원(국:시:구=60:25:25)")]},
    "split-amount-sum": {S1: [("funding: 국:시:구=50:25:25",
                               "funding: {국비: \"6,000천원\", 구비: \"5,000천원\"}"),
                              ("{국비: 50%, 시비: 25%, 구비: 25%}",
                               "{국비: \"6,000천원\", 구비: \"5,000천원\"}")]},
    "split-exact-won": {S2: [("budget: {amount: \"5,000천원\", funding: 구비, note: 교육}",
                              "budget: {amount: \"10원\", funding: {국비: 75, 시비: 25}}")]},
    "count-breakdown": {S1: [("{label: 인증, value: 8}", "{label: 인증, value: 7}")]},
    "cap-split-total": {S1: [("cap_split: {value: 80,", "cap_split: {value: 90,"),
                             ("{label: 1차년, value: 50}", "{label: 1차년, value: 60}")]},
    "budget-table-total": {S1: [("{total: true, cells: {항목: 계, 예산: \"13,420\"}}",
                                 "{total: true, cells: {항목: 계, 예산: \"13,500\"}}"),
                                ("{항목: 운영비, 예산: \"420\"", "{항목: 운영비, 예산: \"500\"")]},
    "budget-restated": {S1: [("value: 13.42백만원(", "value: 13.5백만원("),
                             ("amount: \"13.42백만원\"", "amount: \"13.5백만원\"")]},
    "schedule-within-period": {S1: [("value: 2016. 1. ~ 12.\n            period: 2016-01..2016-12",
                                     "value: 2016. 3. ~ 12.\n            period: 2016-03..2016-12")]},
    "printed-figure": {S1: [("value: 9개(예비1개, 인증8개)", "value: 8개(예비1개, 인증8개)")]},
    # 총사업비 5,000천원 of a project over several years, with 5,000천원 for the plan year, restated
    # as 4,000천원 in a second line; and a by-year table whose 2016 column is not that budget
    "budget-overall": {S2: [("        budget: {amount: \"5,000천원\", funding: 구비, note: 교육}\n",
                             "        budget: {amount: \"5,000천원\", funding: 구비, note: 교육}\n"
                             "      - type: budget\n        label: 총사업비\n"
                             "        budget: {amount: \"4,000천원\", role: overall}\n"
                             "      - type: budget\n        label: 총사업비(재기재)\n"
                             "        budget: {amount: \"4,500천원\", role: overall}\n")]},
    # an agenda whose second item starts before the first ends, and a 소요 that is not its time
    "table-times": {S2: [("      - type: note\n        text: 비예산\n",
                          "      - type: note\n        text: 비예산\n"
                          "      - type: table\n        caption: 진행 순서\n        columns:\n"
                          "          - {key: 시간, label: 시간, type: time}\n"
                          "          - {key: 내용, label: 내용, role: label}\n"
                          "          - {key: 소요, label: 소요(분), type: number, duration_of: 시간}\n"
                          "        rows:\n"
                          "          - {시간: \"14:00~14:30\", 내용: 개회, 소요: \"30\"}\n"
                          "          - {시간: \"14:20~15:00\", 내용: 강연, 소요: \"30\"}\n"
                          "          - {시간: \"14시\", 내용: 폐회}\n")]},
    # printed durations: 14:00~14:30 printed as 20분; a gap of 10 minutes before the next item
    # (a warning); a start with its minutes (15:00(30분)) ends at 15:30
    "table-times-printed": {S2: [("      - type: note\n        text: 비예산\n",
                                  "      - type: note\n        text: 비예산\n"
                                  "      - type: table\n        caption: 진행 순서\n        columns:\n"
                                  "          - {key: 시간, label: 시간, type: time}\n"
                                  "          - {key: 내용, label: 내용, role: label}\n"
                                  "        rows:\n"
                                  "          - {시간: \"14:00~14:30(20분)\", 내용: 개회}\n"
                                  "          - {시간: \"14:40∼15:00('20)\", 내용: 강연}\n"
                                  "          - {시간: \"15:00(30분)\", 내용: 토론}\n"
                                  "          - {시간: \"15:30~16:00 (30')\", 내용: 폐회}\n")]},
    # the agenda's items last 50 minutes, its 계 row says 60; a heading printing 14:00~15:00 as
    # 70분
    "table-duration-total": {S2: [("      - type: note\n        text: 비예산\n",
                                   "      - type: note\n        text: 비예산\n"
                                   "  - title: 진행 순서\n"
                                   "    value: 14:00~15:00(70분)\n"
                                   "    blocks:\n"
                                   "      - type: table\n        caption: 진행 순서\n"
                                   "        columns:\n"
                                   "          - {key: 시간, label: 시간, type: time}\n"
                                   "          - {key: 내용, label: 내용, role: label}\n"
                                   "        rows:\n"
                                   "          - {total: true, cells: {시간: \"(60분)\", 내용: 계}}\n"
                                   "          - {시간: \"14:00~14:30(30분)\", 내용: 개회}\n"
                                   "          - {시간: \"14:30~14:50('20)\", 내용: 강연}\n")]},
    # a chronology (추진경과) with two-digit printed years: ’14. 3월 below ’15. 7.25.; its
    # past dates and its 2016-01 item outside the section's period are not reported
    "chronology-order": {S2: [("      - type: note\n        text: 비예산\n",
                               "      - type: note\n        text: 비예산\n"
                               "  - title: 추진경과\n"
                               "    blocks:\n"
                               "      - type: schedule\n        kind: chronology\n"
                               "        items:\n"
                               "          - {text: 협약 체결, when: 2015-07-25, when_text: ’15. 7.25.}\n"
                               "          - {text: 시범 운영, when: 2014-03, when_text: \"'14. 3월\"}\n"
                               "          - {text: 사전 협의, when: 2016-01-12, when_text: 16. 1.12.}\n")]},
    # counts that are not whole: a range whose ranged parts add up to 40∼55, and percentages
    # adding up to 100.2 (more than rounding explains: at most 0.15)
    "count-breakdown-range": {S1: [("          - key: 연차별 목표\n",
                                    "          - key: 모집인원\n"
                                    "            value: 40∼50명(1기 20∼25명, 2기 20∼30명)\n"
                                    "            count: {value: 40∼50, unit: 명, parts: [{label: 1기, "
                                    "value: 20∼25}, {label: 2기, value: 20~30}]}\n"
                                    "          - key: 만족도\n"
                                    "            value: 100%(만족 55.5%, 보통 30.1%, 불만 14.6%)\n"
                                    "            count: {value: 100, unit: \"%\", parts: [{label: 만족, "
                                    "value: 55.5}, {label: 보통, value: 30.1}, {label: 불만, "
                                    "value: 14.6}]}\n"
                                    "          - key: 연차별 목표\n")]},
    # a target of 310∼320명 where the targets table has 300 for the plan year; a range that
    # does not go from low to high
    "targets-plan-year-range": {S1: [("value: 300명\n            target: 300명",
                                      "value: 310∼320명\n            target: 310∼320명")]},
    "schema-count-range": {S1: [("value: 300명\n            target: 300명",
                                 "value: 300∼300명\n            target: 300∼300명")]},
    # 부분공개 without its grounds or any part marked internal; an internal mark in a public plan
    "disclosure-grounds": {P: [("disclosure: 대시민공개", "disclosure: 부분공개")]},
    "schema-ground": {P: [("disclosure: 대시민공개", "disclosure: 부분공개(5)")],
                      S2: [("      - type: note\n        text: 비예산\n",
                            "      - type: note\n        text: 비예산\n        internal: 9\n")]},
    "disclosure-public-marked": {S2: [("      - type: note\n        text: 비예산\n",
                                       "      - type: note\n        text: 비예산\n"
                                       "        internal: 5\n")]},
    # a 시행문 sent the day before its approval; a 수신 line of 수신자 참조 with no list
    "dispatch-date": {P: [("title: 2016년 시험 계획\n", "title: 2016년 시험 계획\n" + DISPATCH
                           + "  enforced_on: 2016-01-18\n  recipients: [각 동장]\n")]},
    "dispatch-recipients": {P: [("title: 2016년 시험 계획\n",
                                 "title: 2016년 시험 계획\n" + DISPATCH)]},
    # translations: one text not translated; one whose Korean changed; one with other figures
    "translation-missing": {"catalog": _missing},
    "translation-stale": {"catalog": _stale},
    "translation-figures": {"catalog": _figures},
    # a withheld row of a budget table whose budget is published: budget − the other rows
    "disclosure-recoverable": {P: [("disclosure: 대시민공개", "disclosure: 부분공개(7)")],
                               S1: [("          - {항목: 운영비, 예산: \"420\", 내역: {text: 사무용품, "
                                     "items: [{text: 복사용지}, {text: 토너}]}}",
                                     "          - cells: {항목: 운영비, 예산: \"420\", 내역: 사무용품}\n"
                                     "            internal: 7")]},
    "section-id-unique": {S2: [("id: second", "id: first")]},
    "schedule-section-link": {P: [("section: second", "section: secnod")]},
    "schedule-section-listed": {P: [("        - {name: 둘째 사업, section: second, months: \"3, 4\"}\n",
                                     "")]},
    "schedule-row-period": {P: [("months: \"3, 4\"", "months: \"3, 4, 5\"")]},
    "schedule-items-marked": {P: [("months: \"3, 4\"", "months: \"3\"")]},
    "date-in-plan-year": {S1: [("when: 2016-02}", "when: 2015-02, outside_period: true}")]},
    "printed-timing": {S1: [("{text: 공고, when: 2016-02}",
                             "{text: 공고, when: 2016-02, when_text: 2016. 3월}")]},
    # figures: a file in other letter case, a path out of the folder, an absolute path
    "figure-file": {S2: [(_FIGURE, _figure("images/Layout.PNG", "대소문자") + _figure(
        "../figure-format/images/layout.png", "폴더 밖") + _figure("/etc/hostname", "절대 경로")
        + _FIGURE)]},
    # a .png that is text, a .png that is a JPEG, an SVG with a script, one that fetches
    "figure-format": {S2: [(_FIGURE, _figure("images/notes.png", "글 파일") + _figure(
        "images/photo.png", "사진") + _figure("images/script.svg", "스크립트") + _figure(
        "images/fetch.svg", "외부 그림") + _FIGURE)],
        "write": {"images/notes.png": "배치도는 나중에 넣습니다\n".encode(),
                  "images/photo.png": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"
                                      b"\x00\x01\x00\x00\xff\xc0\x00\x0b\x08\x00\x10\x00\x20"
                                      b"\x01\x01\x11\x00\xff\xd9",
                  "images/script.svg": _SVG_SCRIPT, "images/fetch.svg": _SVG_FETCH}},
    # a small PNG that unpacks into 20,000 × 20,000 pixels
    "figure-size": {S2: [(_FIGURE, _figure("images/huge.png", "큰 그림") + _FIGURE)],
                    "write": {"images/huge.png": _huge_png()}},
    # footnotes: a marker naming no footnote, a marker in a □ heading; a footnote not used
    "footnote-undefined": {S2: [("title: 둘째 사업\n", "title: 둘째 사업\nfootnotes:\n"
                                 "  - {id: \"1\", text: 구 예산 기준}\n"),
                                ("{text: 실시, when:", "{text: \"실시[^1]\", when:"),
                                ("text: 기대효과", "text: 기대효과[^2]"),
                                ("  - title: 참여기관", "  - title: 참여기관[^1]")]},
    "footnote-unused": {S2: [("title: 둘째 사업\n", "title: 둘째 사업\nfootnotes:\n"
                              "  - {id: \"1\", text: 구 예산 기준}\n"
                              "  - {id: old, text: 지난해 기준}\n"),
                             ("{text: 실시, when:", "{text: \"실시[^1]\", when:")]},
    # a translation that drops a footnote marker, and one that writes another footnote's
    "translation-footnotes": {S2: [("title: 둘째 사업\n", "title: 둘째 사업\nfootnotes:\n"
                                    "  - {id: \"1\", text: 구 예산 기준}\n"
                                    "  - {id: \"2\", text: 주민 설문 결과}\n"),
                                   ("{text: 실시, when:", "{text: \"실시[^1]\", when:"),
                                   ("text: 기대효과", "text: 기대효과[^2]")],
                              "catalog": _footnotes},
    # a section file's copy saved as .yml and an editor's backup beside it: named, not read
    "plan-file-name": {"copy": [(S2, "sections/03-third.yml")]},
    "plan-file-skipped": {"copy": [(S2, "sections/02-second.yaml~")]},
    # a section file that is a link to a file outside the plan folder
    "plan-file-outside": {"link": [("sections/03-third.yaml",
                                    "../../../valid/minimal/sections/02-second.yaml")]},
    # control characters: an ESC and a CR written by escapes (a fake summary), a raw BEL
    "yaml-control-character": {S1: [("title: 첫 사업", 'title: "첫 사업\\e[2K\\r0 error(s)"')],
                               S2: [("text: 비예산", "text: 비예산\a")]},
    # limits: ids, figures, texts, rows, columns and cells, bullet levels
    "limit-id-length": {S2: [("id: second", "id: " + "s" * 65)]},
    "limit-figure-digits": {S1: [("total: 600", "total: " + "6" * 31)]},
    "limit-text-length": {S2: [("text: 비예산", "text: " + "비예산 " * 2501)]},
    "limit-table-rows": {S2: [("      - type: note\n        text: 비예산\n",
                               "      - type: note\n        text: 비예산\n"
                               "      - type: table\n        caption: 명단\n        columns:\n"
                               "          - {key: 이름, label: 이름}\n        rows:\n"
                               + "".join(f"          - {{이름: 참여자{i}}}\n" for i in range(501)))]},
    "limit-row-cells": {S2: [("      - type: note\n        text: 비예산\n",
                              "      - type: note\n        text: 비예산\n"
                              "      - type: table\n        caption: 넓은 표\n        columns:\n"
                              + "".join(f"          - {{key: {c}, label: {c}}}\n" for c in _WIDE)
                              + "        rows:\n          - {"
                              + ", ".join(f"{c}: 가" for c in _WIDE) + "}\n")]},
    # 401 rows of 10 columns: 4,010 cells, over the limit of 4,000
    "limit-table-cells": {S2: [("      - type: note\n        text: 비예산\n",
                                "      - type: note\n        text: 비예산\n"
                                "      - type: table\n        caption: 큰 표\n        columns:\n"
                                + "".join(f"          - {{key: {c}, label: {c}}}\n"
                                          for c in _WIDE[:10])
                                + "        rows:\n"
                                + ("          - {" + ", ".join(f"{c}: 가" for c in _WIDE[:10])
                                   + "}\n") * 401)]},
    "limit-bullet-depth": {S2: [("      - type: bullets\n        marker: ○\n        items:\n",
                                 "      - type: bullets\n        marker: ○\n        items:\n"
                                 + _bullets(9))]},
    # all problems at once, across files
    "many-problems": {P: [("disclosure: 대시민공개", "disclosure: 공개안함")],
                      S1: [("total: 600", "total: 601"), ("title: 첫 사업", "titel: 첫 사업")],
                      S2: [("type: note", "type: chart")]},
}


def make(name: str, edits: dict) -> None:
    case = HERE / "invalid" / name
    expected = case / "expected.txt"
    kept = expected.read_bytes() if expected.exists() else None
    if case.exists():
        shutil.rmtree(case)
    shutil.copytree(BASE, case, ignore=shutil.ignore_patterns("__pycache__"))
    edits = dict(edits)
    for path in edits.pop("delete", []):
        shutil.rmtree(case / path)
    for old, new in edits.pop("rename", []):
        (case / old).rename(case / new)
    for rel, data in edits.pop("write", {}).items():
        (case / rel).parent.mkdir(parents=True, exist_ok=True)
        (case / rel).write_bytes(data)
    for old, new in edits.pop("copy", []):
        shutil.copyfile(case / old, case / new)
    for link, target in edits.pop("link", []):
        (case / link).symlink_to(target)
    edits.setdefault(P, [])
    edits[P] = [("id: minimal", f"id: {name}")] + edits[P]
    for rel, changes in edits.items():
        if rel == "catalog":
            continue
        f = case / rel
        text = f.read_text(encoding="utf-8")
        for old, new in changes:
            if old not in text:
                raise SystemExit(f"{name}: {old!r} not in {rel}")
            text = text.replace(old, new, 1)
        data = text.encode("euc-kr", "surrogateescape") if "\udcb5" in text else \
            text.encode("utf-8")
        f.write_bytes(data)
    if "catalog" in edits:
        _catalog(case, edits["catalog"])
    if kept is not None:  # the reviewed expectations stay; the test says if they no longer hold
        expected.write_bytes(kept)


if __name__ == "__main__":
    for case_name, case_edits in CASES.items():
        make(case_name, case_edits)
    print(f"{len(CASES)} cases written")
