"""A corpus of hostile and malformed inputs to ``plansite validate``, built on demand.

Each :class:`Case` builds its input under a folder it is given (most are a copy of
``tests/plans/valid/minimal`` with one hostile change: a link, a pipe, an odd file name, a
control character, a size past a limit) and says what ``plansite validate`` must do with it:
its exit code (1 for an error, 0 where the documented behaviour is a warning, 2 for a command
line argparse refuses) and the rules that must be among the problems.  The inputs are built
rather than committed because many cannot live in git (pipes, looping links, file names that
are not UTF-8, megabytes of YAML).

Used by ``tests/test_loader_hardening.py`` (every case: no traceback, every problem located,
the exit code and rules) and ``benchmarks/hostile_counts.py`` (the counts, in fresh processes,
with a timeout for hangs).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
MINIMAL = HERE.parent / "plans" / "valid" / "minimal"
P, S1, S2 = "plan.yaml", "sections/01-first.yaml", "sections/02-second.yaml"
ANCHOR = "      - type: note\n        text: 비예산\n"
"""Where a case adds a block to the second section."""


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]
    """Builds the input under the folder given; returns the arguments after ``validate``."""
    code: int
    """The exit code ``plansite validate`` must return."""
    rules: frozenset = field(default_factory=frozenset)
    """Rules that must be among the problems printed."""


def plan(root: Path, name: str, edits: dict | None = None) -> Path:
    """A copy of the minimal plan as ``root/name`` (its id ``name``), with ``edits``: by file,
    a list of (old, new) replacements, made once each."""
    folder = root / name
    shutil.copytree(MINIMAL, folder)
    edits = {P: [], **(edits or {})}
    edits[P] = [("id: minimal", f"id: {name}")] + edits[P]
    for rel, changes in edits.items():
        path = folder / rel
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, f"{name}: {old!r} not in {rel}"
            text = text.replace(old, new, 1)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return folder


def _edited(name: str, edits: dict) -> Callable[[Path], list[str]]:
    return lambda root: [str(plan(root, name, edits))]


def _with(name: str, change: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    def build(root: Path) -> list[str]:
        folder = plan(root, name)
        change(folder)
        return [str(folder)]
    return build


def _title(value: str) -> dict:
    """The first section's title replaced by ``value`` (as written in the YAML)."""
    return {S1: [("title: 첫 사업", f"title: {value}")]}


def _table(rows: int, columns: int = 2) -> dict:
    keys = [f"c{i}" for i in range(columns)]
    text = ("      - type: table\n        caption: 명단\n        columns:\n"
            + "".join(f"          - {{key: {k}, label: {k}}}\n" for k in keys)
            + "        rows:\n")
    row = "          - {" + ", ".join(f"{k}: 가" for k in keys) + "}\n"
    return {S2: [(ANCHOR, ANCHOR + text + row * rows)]}


def _bullets(levels: int) -> dict:
    out = ""
    for level in range(levels):
        pad = "          " + "    " * level
        out += f"{pad}- text: {level + 1}단계\n"
        if level + 1 < levels:
            out += f"{pad}  children:\n"
    return {S2: [(ANCHOR, ANCHOR + "      - type: bullets\n        items:\n" + out)]}


def _big_section(folder: Path, name: str, size: int) -> None:
    """A section file of about ``size`` bytes: a valid section whose note is long lines."""
    line = "  # " + "가" * 300 + "\n"  # comments: bytes that cost nothing to check
    body = (folder / S2).read_text(encoding="utf-8").replace("id: second", f"id: {name}")
    (folder / "sections" / f"{name}.yaml").write_text(
        body + line * (size // len(line.encode("utf-8")) + 1), encoding="utf-8")


def _many_values(folder: Path) -> None:
    """A bullets block of 10,001 one-word lines (the limit is 10,000 values)."""
    lines = "".join(f"          - 항목{i}\n" for i in range(10_001))
    path = folder / S2
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(ANCHOR, ANCHOR + "      - type: bullets\n        items:\n"
                                 + lines, 1), encoding="utf-8")


def _many_files(folder: Path) -> None:
    for i in range(3, 103):  # 102 section files: the limit is 100
        (folder / "sections" / f"{i:03d}-extra.yaml").write_text(
            f"id: extra-{i}\ntitle: 추가 {i}\nparts:\n  - title: 개요\n", encoding="utf-8")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "sections" / "03-pipe.yaml")


def _non_utf8_name(folder: Path) -> None:
    os.rename(folder / S2, os.fsencode(folder / "sections") + b"/02-\xff\xfe.yaml")


def _forging_name(folder: Path) -> None:
    """A section file whose name holds a newline and a forged problem line and summary."""
    (folder / S2).rename(folder / "sections" / "02-x\nplan.yaml:1:1: error: fake (x)\n"
                                               "계획 1개, 점검 0건: 오류 0건.yaml")


def _duplicate_ids(root: Path) -> list[str]:
    """Two plan folders with the same id under two roots."""
    return [str(plan(root / "a", "dup").parent), str(plan(root / "b", "dup").parent)]


def _outside_target(folder: Path) -> Path:
    target = folder.parent / "elsewhere.yaml"
    shutil.copyfile(folder / S2, target)
    return target


def _long_id(root: Path) -> list[str]:
    name = "a" * 250  # a valid id, and a folder name the file system takes
    return [str(plan(root, name))]


def _escape(text: str) -> str:
    """A YAML double-quoted text."""
    return '"' + text + '"'


CASES: list[Case] = [
    # -- files ---------------------------------------------------------------------------
    Case("section-is-a-folder", _with("section-is-a-folder",
         lambda f: (f / "sections" / "03-x.yaml").mkdir()), 0, frozenset({"plan-file-skipped"})),
    Case("dangling-link", _with("dangling-link",
         lambda f: (f / "sections" / "03-x.yaml").symlink_to("gone.yaml")), 0,
         frozenset({"plan-file-skipped"})),
    Case("looping-link", _with("looping-link",
         lambda f: (f / "sections" / "03-loop.yaml").symlink_to("03-loop.yaml")), 0,
         frozenset({"plan-file-skipped"})),
    Case("editor-lock-link", _with("editor-lock-link",  # emacs: a dangling link .#name
         lambda f: (f / "sections" / ".#01-first.yaml").symlink_to("user@host.12345:1700000000")),
         0, frozenset({"plan-file-skipped"})),
    Case("editor-backup", _with("editor-backup",
         lambda f: shutil.copyfile(f / S2, f / "sections" / "02-second.yaml~")), 0,
         frozenset({"plan-file-skipped"})),
    Case("hidden-file", _with("hidden-file",
         lambda f: shutil.copyfile(f / S2, f / "sections" / ".02-second.yaml")), 0,
         frozenset({"plan-file-skipped"})),
    Case("upper-case-extension", _with("upper-case-extension",
         lambda f: (f / S2).rename(f / "sections" / "02-second.YAML")), 1,
         frozenset({"plan-file-name", "schedule-section-link"})),
    Case("yml-extension", _with("yml-extension",
         lambda f: (f / S2).rename(f / "sections" / "02-second.yml")), 1,
         frozenset({"plan-file-name"})),
    Case("other-extension", _with("other-extension",
         lambda f: (f / "sections" / "notes.txt").write_text("메모", encoding="utf-8")), 0,
         frozenset({"plan-file-name"})),
    Case("pipe-as-section", _with("pipe-as-section", _fifo), 0,
         frozenset({"plan-file-skipped"})),
    Case("section-link-outside", _with("section-link-outside",
         lambda f: (f / "sections" / "03-x.yaml").symlink_to(_outside_target(f))), 1,
         frozenset({"plan-file-outside"})),
    Case("plan-yaml-link-outside", _with("plan-yaml-link-outside",
         lambda f: _relink(f / P)), 1, frozenset({"plan-file-outside"})),
    Case("sections-link-outside", _with("sections-link-outside", lambda f: _relink_dir(f)), 1,
         frozenset({"plan-file-outside"})),
    Case("plan-yaml-is-a-folder", _with("plan-yaml-is-a-folder",
         lambda f: ((f / P).unlink(), (f / P).mkdir())), 1,
         frozenset({"plan-missing-file"})),
    Case("non-utf8-file-name", _with("non-utf8-file-name", _non_utf8_name), 1,
         frozenset({"plan-file-name-characters"})),
    Case("forging-file-name", _with("forging-file-name", _forging_name), 1,
         frozenset({"plan-file-name-characters"})),
    Case("duplicate-plan-ids", _duplicate_ids, 1, frozenset({"plan-id-duplicate"})),
    # -- text hygiene --------------------------------------------------------------------
    Case("raw-nul", _edited("raw-nul", _title("첫\x00 사업")), 1,
         frozenset({"yaml-control-character"})),
    Case("raw-esc", _edited("raw-esc", _title("첫 \x1b[2K\r0 error(s)")), 1,
         frozenset({"yaml-control-character"})),
    Case("escaped-esc-fake-summary", _edited("escaped-esc-fake-summary",
         _title(_escape("\\e[2K\\r0 error(s)"))), 1, frozenset({"yaml-control-character"})),
    Case("escaped-bel-in-key", _edited("escaped-bel-in-key",
         {S1: [("title: 첫 사업", 'title: 첫 사업\n"\\a": x')]}), 1,
         frozenset({"yaml-control-character"})),
    Case("raw-c1-csi", _edited("raw-c1-csi", _title("첫\x9b사업")), 1,
         frozenset({"yaml-control-character"})),
    Case("raw-nel", _edited("raw-nel", _title("첫\x85사업")), 1,
         frozenset({"yaml-control-character"})),
    Case("lone-carriage-return", _edited("lone-carriage-return", _title("첫\r사업")), 1,
         frozenset({"yaml-control-character"})),
    Case("line-separator", _edited("line-separator", _title("첫\u2028사업")), 1,
         frozenset({"yaml-control-character"})),
    Case("escaped-surrogate", _edited("escaped-surrogate", _title(_escape("\\ud800"))), 1,
         frozenset({"yaml-syntax"})),
    # a bidi override is text a plan may hold; a message that quotes it prints it escaped
    Case("bidi-override-in-a-message", _edited("bidi-override-in-a-message",
         {P: [("section: second", "section: \"second\u202e)0 error(s)\"")]}), 1,
         frozenset({"schedule-section-link"})),
    Case("hangul-filler-title", _edited("hangul-filler-title", _title("\u3164\u3164")), 1,
         frozenset({"schema-empty"})),
    Case("choseong-jungseong-filler", _edited("choseong-jungseong-filler",
         _title("\u115f\u1160")), 1, frozenset({"schema-empty"})),
    Case("zero-width-title", _edited("zero-width-title", _title("\u200b\u200d\u2060")), 1,
         frozenset({"schema-empty"})),
    Case("nbsp-title", _edited("nbsp-title", _title(_escape("\\_\\_"))), 1,
         frozenset({"schema-empty"})),
    Case("superscript-year", _edited("superscript-year",
         {P: [("year: 2016", "year: ²⁰¹⁶")]}), 1, frozenset({"schema-value"})),
    Case("fullwidth-year", _edited("fullwidth-year",
         {P: [("year: 2016", "year: ２０１６")]}), 1, frozenset({"schema-value"})),
    Case("superscript-target-year", _edited("superscript-target-year",
         {S1: [('"2016": 300}', '"²⁰¹⁶": 300}')]}), 1, frozenset({"schema-value"})),
    Case("reversed-frequency", _edited("reversed-frequency",
         {S1: [("월 1~2회", "월 5~1회")]}), 1, frozenset({"schema-value"})),
    Case("decomposed-hangul-keys", _edited("decomposed-hangul-keys",  # NFD 구분 and 천원
         {S1: [("{key: 구분, label: 구 분", "{key: \u1100\u116e\u1107\u116e\u11ab, label: 구 분"),
               ("amount: 13,420천원", "amount: 13,420\u110e\u1165\u11ab\u110b\u116f\u11ab")]}),
         0),
    # -- limits --------------------------------------------------------------------------
    Case("number-of-5000-digits", _edited("number-of-5000-digits",
         {S1: [("total: 600", "total: " + "9" * 5000)]}), 1,
         frozenset({"limit-figure-digits"})),
    Case("months-of-5000-digits", _edited("months-of-5000-digits",
         {P: [("months: 1-12", "months: " + "1" * 5000)]}), 1,
         frozenset({"limit-figure-digits"})),
    Case("plan-id-of-250-characters", _long_id, 1, frozenset({"limit-id-length"})),
    Case("table-over-the-row-limit", _edited("table-over-the-row-limit", _table(501)), 1,
         frozenset({"limit-table-rows"})),
    Case("table-of-100000-rows", _edited("table-of-100000-rows", _table(100_000, 1)), 1,
         frozenset({"yaml-too-large"})),
    Case("table-over-the-column-limit", _edited("table-over-the-column-limit",
         _table(2, 17)), 1, frozenset({"limit-row-cells"})),
    Case("table-over-the-cell-limit", _edited("table-over-the-cell-limit", _table(251, 16)), 1,
         frozenset({"limit-table-cells"})),
    Case("bullets-over-the-depth-limit", _edited("bullets-over-the-depth-limit", _bullets(9)),
         1, frozenset({"limit-bullet-depth"})),
    Case("text-over-the-length-limit", _edited("text-over-the-length-limit",
         _title("가" * 10_001)), 1, frozenset({"limit-text-length"})),
    Case("values-over-the-limit", _with("values-over-the-limit", _many_values), 1,
         frozenset({"limit-values"})),
    Case("files-over-the-limit", _with("files-over-the-limit", _many_files), 1,
         frozenset({"limit-file-count"})),
    Case("file-over-the-byte-limit", _with("file-over-the-byte-limit",
         lambda f: _big_section(f, "03-big", 1_100_000)), 1, frozenset({"yaml-too-large"})),
    Case("plan-over-the-total-limit", _with("plan-over-the-total-limit",
         lambda f: [_big_section(f, f"0{i}-big", 900_000) for i in (3, 4, 5)]), 1,
         frozenset({"limit-total-size"})),
    Case("nesting-100000-deep", _edited("nesting-100000-deep",
         _title("[" * 100_000 + "]" * 100_000)), 1, frozenset({"yaml-too-deep"})),
    Case("alias-bomb", _edited("alias-bomb", {P: [("vision: 12:30", "vision: &a [x, x]\n"
                                                   "goals_x: &b [*a, *a, *a]\n"
                                                   "goals_y: [*b, *b, *b]")]}), 1,
         frozenset({"yaml-alias"})),
    Case("binary-section", _with("binary-section",
         lambda f: (f / S2).write_bytes(bytes(range(256)) * 4)), 1,
         frozenset({"yaml-encoding"})),
    # -- the command line ----------------------------------------------------------------
    Case("jobs-minus-one", lambda root: ["--jobs", "-1", str(plan(root, "jobs-minus-one"))], 2),
    Case("jobs-zero", lambda root: ["--jobs", "0", str(plan(root, "jobs-zero"))], 2),
    Case("jobs-absurd", lambda root: ["--jobs=1000000000000", str(plan(root, "jobs-absurd"))],
         2),
]


def _relink(path: Path) -> None:
    """Replace a file of the plan by a link to a copy of it outside the plan folder."""
    target = path.parent.parent / f"outside-{path.name}"
    shutil.copyfile(path, target)
    path.unlink()
    path.symlink_to(target)


def _relink_dir(folder: Path) -> None:
    target = folder.parent / "outside-sections"
    shutil.move(str(folder / "sections"), target)
    (folder / "sections").symlink_to(target, target_is_directory=True)


def build(case: Case, root: Path) -> list[str]:
    """Build a case's input under ``root/<case name>``; the arguments after ``validate``."""
    where = root / case.name
    where.mkdir(parents=True)
    return case.build(where)
