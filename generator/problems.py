"""One problem type for everything the loader, the model and the checks find, and its formatters.

A problem carries where it is (file, line, column, YAML path inside that file), which rule found
it, how bad it is, what is wrong and, where the fix is known, a hint.  Formatters turn a list of
problems into text (``file:line:col: error: path: message (rule)``), JSON or GitHub annotations.

A problem's message and hint are already worded in the language the plans were checked in (see
:mod:`generator.pipeline`); the formatters word only their own labels (``hint:``, the summary)
through a :class:`~generator.locale.Locale`'s interface catalog, Korean by default.  The
severity stays the token ``error`` or ``warning`` in every language: tools (editors, CI problem
matchers) parse ``file:line:col: error:``.

No plan text or file name can forge or hide a printed line: every formatter escapes control
characters, newlines and bidi overrides in what it prints, and the text format quotes a file
name that holds anything odd (:mod:`generator.textsafety`); JSON writes them as ``\\uXXXX``.
"""

from __future__ import annotations

from .locale import resolve as _locale
from .textsafety import json_safe, shown, shown_name

import json
from dataclasses import asdict, dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding about a plan."""

    file: str
    """Path of the YAML file, relative to the repository root where possible."""
    line: int
    """1-based line of the value the problem is about (0 when unknown)."""
    col: int
    """1-based column."""
    path: str
    """YAML path inside the file, e.g. ``parts[1].blocks[0].rows[2].계``."""
    rule: str
    """Id of the rule that found it, e.g. ``table-row-total``."""
    severity: Severity
    message: str
    hint: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)
    """What was compared (expected, found, items), for reports."""

    def as_error(self) -> "Problem":
        """The same problem with severity error (``--strict``)."""
        return Problem(self.file, self.line, self.col, self.path, self.rule, "error",
                       self.message, self.hint, self.data)

    def to_dict(self) -> dict:
        return asdict(self)



def format_text(problems: Iterable[Problem], loc=None) -> str:
    """``file:line:col: severity: path: message (rule)`` lines, each followed by its hint (the
    ``hint:`` label in ``loc``'s language; the severity is the token ``error`` or ``warning``)."""
    label = _locale(loc).gettext("hint: ")
    out = []
    for p in problems:
        where = f"{shown(p.path)}: " if p.path else ""
        out.append(f"{shown_name(p.file)}:{p.line}:{p.col}: {p.severity}: {where}"
                   f"{shown(p.message)} ({shown(p.rule)})")
        if p.hint:
            out.append(f"    {label}{shown(p.hint)}")
    return "\n".join(out)


def format_json(problems: Iterable[Problem], loc=None) -> str:
    """The problems as JSON (the message and hint as worded; the keys are the fields')."""
    return json_safe(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_escape(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem], loc=None) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,col=…::message``)."""
    label = _locale(loc).gettext("hint: ")
    out = []
    for p in problems:
        where = f"{p.path}: " if p.path else ""
        msg = shown(f"{where}{p.message} ({p.rule})" + (f" {label}{p.hint}" if p.hint else ""),
                    breaks=True)  # %0A: a line break inside the annotation, not a new command
        props = (f"file={_gh_property(shown(p.file, breaks=True))},line={max(p.line, 1)},"
                 f"col={max(p.col, 1)},title={_gh_property(shown(p.rule, breaks=True))}")
        out.append(f"::{p.severity} {props}::{_gh_escape(msg)}")
    return "\n".join(out)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


def summary_line(problems: list[Problem], loc=None) -> str:
    """``0 error(s), 5 warning(s)`` in ``loc``'s language (default Korean: ``오류 0건, 경고 5건``)."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return _locale(loc).gettext("{errors} error(s), {warnings} warning(s)", errors=errors,
                                warnings=warnings)


def translation_line(status: dict, loc=None) -> str:
    """``영문 번역 401개 중 401개(100.0%), 오래됨 0개, 없음 0개`` (or that there is no catalog)."""
    loc = _locale(loc)
    language = loc.gettext("English")
    if not status["catalog"]:
        return loc.gettext("{language} translation: none yet ({texts} texts; `plansite "
                           "translate` starts one)", language=language, texts=status["texts"])
    return loc.gettext("{language} translation: {translated} of {texts} texts ({percent}%), "
                       "{stale} stale, {missing} missing", language=language,
                       translated=status["translated"], texts=status["texts"],
                       percent=loc.number(status["percent"]), stale=status["stale"],
                       missing=status["missing"])
