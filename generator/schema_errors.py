"""Turns a pydantic ``ValidationError`` into located problems, each with a rule id and a hint.

Pydantic reports an error at a model location (with union tags and steps the data does not
spell); :func:`schema_problems` finds the file, line and column behind it through the
:class:`~generator.sourcemap.SourceMap` and says what to write instead, in the reader's language:
every message and hint is a message of the ``checks`` catalog, worded through a
:class:`~generator.locale.Locale` (Korean by default).

- The common pydantic error types (a key missing or unknown, a value not among the choices, an
  empty text or list, a pattern, a number, a date, a yes/no, a text where a list belongs …) have
  messages of their own; any other keeps pydantic's English words as ``{detail}``.
- The model's class at the error's location is found by walking the model along the location
  (:func:`model_at`), so that an unknown key is compared with the keys valid *there*.
- The ``ValueError`` texts of the plan's own parsers and validators (:mod:`generator.parsing`,
  :mod:`generator.model`, :mod:`generator.cells`) are recognised by their English wording
  (:data:`VALUE_ERRORS`) and worded from the catalog; a text not listed there is shown as it is.
"""

from __future__ import annotations

import ast
import functools
import re
import string
import types
import typing
from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import BaseModel, ValidationError

from . import model
from .problems import Problem
from .locale import resolve
from .locale.words import N_, Words, word
from .yamlsource import path_to_str

if TYPE_CHECKING:
    from .sourcemap import SourceMap


_UNION_TAGS = {"overview", "bullets", "note", "table", "targets", "schedule", "organisations",
               "budget", "str", "function-before", "function-after"}



_RULES = {
    "missing": "schema-missing",
    "extra_forbidden": "schema-unknown-key",
    "literal_error": "schema-choice",
    "union_tag_invalid": "schema-choice",
    "union_tag_not_found": "schema-missing",
    "string_pattern_mismatch": "schema-pattern",
    "too_short": "schema-empty",
    "string_too_short": "schema-empty",
    "text_invisible": "schema-empty",
}

_SPLIT_FIGURE = re.compile(r"^\d{3}(?:,\d{3})*(?:\.\d+)?\s*\D{0,4}$")
"""A key that is the rest of a figure a flow mapping's comma cut off (``600만원`` of 3,600만원)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""The pattern of every id of the model (plan, section, block)."""


# -- the model's class at a validation location ------------------------------------------------

def _strip(tp):
    """A field's type without ``Annotated`` and ``None``: the candidate types it allows."""
    while typing.get_origin(tp) is Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            if arg is not type(None):
                out += _strip(arg)
        return out
    return [tp]


def _is_model(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tags(cls) -> tuple:
    """The ``type`` values a block class accepts (its union tag)."""
    field = cls.model_fields.get("type")
    if field is None or typing.get_origin(field.annotation) is not Literal:
        return ()
    return typing.get_args(field.annotation)


def _step(candidates: list, step, node) -> tuple[list, object, bool]:
    """Follow one step of a location: (the types there, the data there, whether the step was a
    step of the data); a step the data does not spell (a union tag) leaves the data as it is."""
    models = [c for c in candidates if _is_model(c)]
    if isinstance(step, str) and not any(step in c.model_fields for c in models):
        tagged = [c for c in models if step in _tags(c)]
        if tagged:  # a tagged union's step: the tag
            return tagged, node, False
    found = []
    for tp in candidates:
        origin = typing.get_origin(tp)
        if _is_model(tp) and isinstance(step, str) and step in tp.model_fields:
            found += _strip(tp.model_fields[step].annotation)
        elif origin is list and isinstance(step, int):
            found += _strip(typing.get_args(tp)[0])
        elif origin is dict and isinstance(step, str):
            found += _strip(typing.get_args(tp)[1])
    if isinstance(node, dict) and step in node:
        return found, node[step], True
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return found, node[step], True
    return found, node, False


def _choose(candidates: list, node) -> list:
    """Of a tagged union's classes, the one the data's ``type`` names (when it names one)."""
    models = [c for c in candidates if _is_model(c)]
    if len(models) > 1 and isinstance(node, dict):
        tagged = [c for c in models if node.get("type") in _tags(c)]
        if tagged:
            return tagged
    return candidates


def types_at(loc: tuple, data=None, root=None) -> list:
    """The types the model allows at a validation location (a model class, a ``Literal`` …),
    found by walking the model from ``root`` (default :class:`~generator.model.Plan`) along the
    location: through fields, lists, dicts, and tagged unions by their tag (the location's, or
    the data's ``type``).  Empty when the location leaves the model."""
    candidates = [root or model.Plan]
    node = data
    for step in loc:
        if isinstance(step, str) and "[" in step:  # a validator's step (function-after[…])
            continue
        candidates, node, _ = _step(_choose(candidates, node), step, node)
        if not candidates:
            return []
    return _choose(candidates, node)


def model_at(loc: tuple, data=None, root=None) -> type[BaseModel] | None:
    """The model class at a validation location (see :func:`types_at`), or None."""
    models = [c for c in types_at(loc, data, root) if _is_model(c)]
    return models[0] if len(models) == 1 else None


def valid_keys(cls: type[BaseModel]) -> list[str]:
    """The keys a plan may write in a mapping read as ``cls``, in the model's order."""
    return list(cls.model_fields)


def suggest_key(key: str, keys: list[str]) -> str | None:
    """The valid key closest to a misspelt one, if one is close."""
    import difflib
    close = difflib.get_close_matches(str(key), keys, n=1)
    return close[0] if close else None


def _choices(loc: tuple, data, err) -> list[str]:
    """The values a ``Literal`` allows at a location: the model's, else pydantic's list."""
    for tp in types_at(loc, data):
        if typing.get_origin(tp) is Literal:
            return [str(v) for v in typing.get_args(tp)]
    return re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))


# -- the ValueErrors of the plan's own parsers and validators ----------------------------------

VALUE_ERRORS = (
    # generator.parsing
    (N_("expected a number such as 14,000 or 7.5, got {text!r}"),
     N_("write the figure in digits, without a unit, e.g. 14,000 or 7.5")),
    (N_("{text!r} has more digits than a plan's figure can have (at most {whole} before the "
        "point and {fraction} after)"),
     N_("check the figure: at most {whole} digits before the point and {fraction} after")),
    (N_("expected a whole number, got {text!r}"),
     N_("write a whole number, without a fraction")),
    (N_("expected an amount with its unit (원, 천원, 만원, 백만원 or 억원), such as 13,420천원, "
        "got {text!r}"),
     N_("write the figure followed by its unit (원, 천원, 만원, 백만원 or 억원), e.g. 13,420천원")),
    (N_("{amount}{unit} is not a whole number of won"),
     N_("money is counted in whole won; check the figure and its unit")),
    (N_("month {month} is not between 01 and 12 in {text!r}"),
     N_("write the month as 01 to 12, e.g. 2016-03")),
    (N_("expected a month YYYY-MM or a date YYYY-MM-DD, got {text!r}"),
     N_("write a month as 2016-03, a date as 2016-03-05, a range as 2016-01..2016-03")),
    (N_("both ends of {text!r} must be months or both dates"),
     N_("write both ends as months (2016-01..2016-03) or both as dates "
        "(2016-01-05..2016-03-31)")),
    (N_("range {text!r} ends before it starts"), N_("write the start first: start..end")),
    (N_("month range {part!r} must go from 1 to 12, low to high"),
     N_("write the earlier month first, within 1 to 12, e.g. 3-6")),
    (N_("expected months such as 1-12 or 2, 4, 6 (1 to 12), got {part!r}"),
     N_("write months as numbers 1 to 12: a range such as 1-12 or a list such as 2, 4, 6")),
    # generator.cells
    (N_("{text!r} is not a figure"), N_("write the figure in digits, e.g. 14,000")),
    (N_("{text!r} is a negative amount of money"), N_("write the amount without a minus sign")),
    # generator.model
    (N_("an amount of money is not negative, got {amount}"),
     N_("write the amount without a minus sign")),
    (N_("a share's ratio is a percentage from 0 to 100, got {ratio}"),
     N_("write the ratio as a percentage from 0 to 100")),
    (N_("give either ratio or amount for a funding share"),
     N_("give the share as a ratio (e.g. 국비: 50) or as an amount (e.g. 국비: 50백만원), not "
        "both")),
    (N_("a split such as 국비:시비:구비 = 50:25:25 names as many sources as ratios, got {text!r}"),
     N_("name one source for each ratio, e.g. 국비:시비:구비 = 50:25:25")),
    (N_("expected a count such as 9개, got {text!r}"),
     N_("write the figure first, then its unit, e.g. 9개")),
    (N_("the range {text!r} does not go from a lower to a higher figure"),
     N_("write the range from the lower figure to the higher, e.g. 40∼50명")),
    (N_("a period is a month, a date or a range, got {text!r}"),
     N_("write a period as 2016-01..2016-12 (months) or 2015-09-01..2016-08-31 (dates)")),
    (N_("row {row} has cells for unknown columns {keys}; columns are {columns}"),
     N_("use the `key` of one of the table's columns, or add the column")),
    (N_("year keys are four digits, got {key!r}"), N_("write each year as four digits, e.g. 2016")),
    (N_("footnote id {id!r} is defined twice"),
     N_("give each footnote of the section its own id, and reference it as [^id]")),
    (N_("emphasis {emphasis!r} is not part of the heading {heading!r}"),
     N_("copy the bold part exactly as it appears in the heading")),
    (N_("a ground is a number 1 to 8 (정보공개법 제9조 제1항 각 호), got {text!r}"),
     N_("write the ground as the number of its 호, e.g. 부분공개(5) or internal: 6")),
    (N_("the English of a text goes in the plan's translations/en.po, not beside the Korean"),
     N_("write the Korean alone; `plansite translate` adds the text to translations/en.po, "
        "where its English is kept and marked stale when the Korean changes")),
)
"""The English ``ValueError`` texts of the plan's parsers and validators as catalog messages,
each with its hint.  A text is recognised by its wording (``{name!r}`` stands for a quoted
value, ``{name}`` for any text), so that it is worded in the reader's language."""


def _template_regex(template: str) -> re.Pattern:
    out, names = "", set()
    for literal, name, _, conv in string.Formatter().parse(template):
        out += re.escape(literal)
        if name is None:
            continue
        group = name if name not in names else None
        names.add(name)
        body = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"" if conv == "r" else r".+?"
        out += f"(?P<{group}>{body})" if group else f"(?:{body})"
    return re.compile(out, re.S)


@functools.lru_cache(maxsize=1)
def _value_error_patterns() -> list:
    """The patterns of :data:`VALUE_ERRORS`, compiled on the first schema error worded (a
    valid plan needs none)."""
    return [(_template_regex(m), m, h) for m, h in VALUE_ERRORS]


def _unquote(text: str, quoted: bool) -> str:
    """A value as the message shows it: a quoted text (``{name!r}``) without its quotes, a
    Python list (``['가', '나']``) as ``가, 나``."""
    if not (quoted or text.startswith("[")):
        return text
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):  # pragma: no cover - the pattern matched a Python repr
        return text
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value if isinstance(value, str) else text


def value_error_words(exc_or_text) -> tuple[object, object]:
    """A ``ValueError`` of the plan's parsers or validators as (message, hint): checks-catalog
    :class:`~generator.locale.words.Words` when its text is one of :data:`VALUE_ERRORS`, else
    (the text as it is, None)."""
    text = str(exc_or_text).removeprefix("Value error, ")
    for pattern, message, hint in _value_error_patterns():
        m = pattern.fullmatch(text)
        if m:
            conv = {name: conv for _, name, _, conv in string.Formatter().parse(message) if name}
            params = {k: _unquote(v, conv.get(k) == "r") for k, v in m.groupdict().items()}
            return Words(message, **params), Words(hint, **params)
    return text, None


# -- the problems ------------------------------------------------------------------------------

_DATE_REASONS = {
    "month value is outside expected range of 1-12": N_("the month must be 01 to 12"),
    "day value is outside expected range": N_("that month has no such day"),
    "input is too short": N_("it is shorter than YYYY-MM-DD"),
    "input is too long": N_("it is longer than YYYY-MM-DD"),
    "invalid character in year": N_("the year holds a character that is not a digit"),
    "invalid character in month": N_("the month holds a character that is not a digit"),
    "invalid character in day": N_("the day holds a character that is not a digit"),
    "invalid date separator, expected `-`": N_("the parts of a date are separated by `-`"),
}
"""Pydantic's reasons why a text is not a date, as catalog messages."""


_WRITTEN_DATE = re.compile(
    r"\s*(\d{4})\s*(?:[./-]|년)\s*(\d{1,2})\s*(?:[./-]|월)\s*(\d{1,2})\s*(?:\.|일)?\s*")


def written_date(value) -> str | None:
    """The date a text means when it writes one the way documents often do, but not as
    YYYY-MM-DD (``2027.1.15``, ``2027. 1. 15.``, ``2027/01/15``, ``2027년 1월 15일``,
    ``2027-1-5``): that date as YYYY-MM-DD, else None (no such form, or no such day)."""
    import datetime
    m = _WRITTEN_DATE.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        return None
    try:
        return datetime.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _kind(value):
    """What a value the plan wrote is, in words: a text (quoted), a list, a mapping."""
    if isinstance(value, list):
        return Words("a list")
    if isinstance(value, dict):
        return Words("`key: value` lines")
    return Words("the text {value!r}", value=str(value))


def _key_of(path: tuple):
    """The last key of a path (for ``key:`` in a hint), or None for a list item."""
    return path[-1] if path and isinstance(path[-1], str) else None


def _problem_words(err: dict, found: tuple, rest: tuple, smap: SourceMap):
    """(message, hint) of one pydantic error as checks-catalog Words."""
    typ = err["type"]
    ctx = err.get("ctx") or {}
    loc = tuple(err["loc"])
    value = err.get("input")
    if typ == "missing":
        key = rest[-1] if rest else (found[-1] if found else "?")
        return (Words("required key {key!r} is missing", key=key),
                Words("add `{key}:` here", key=key))
    if typ == "extra_forbidden":
        key = found[-1] if found else (loc[-1] if loc else "?")
        cls = model_at(loc[:-1], smap.data)
        message = Words("unknown key {key!r}", key=key)
        if _SPLIT_FIGURE.match(str(key)):  # {amount: 3,600만원} reads as amount: 3 and 600만원
            return message, Words("a comma inside braces separates entries, so a figure with "
                                  "a thousands comma was cut in two: put the value in quotes, "
                                  "e.g. amount: \"3,600만원\"")
        if cls is None:
            return message, Words("remove it, or check the spelling")
        keys = valid_keys(cls)
        close = suggest_key(str(key), keys)
        if close:
            return message, Words("did you mean `{key}`?", key=close)
        return message, Words("remove it; the keys valid here are {keys}", keys=", ".join(keys))
    if typ == "text_invisible":  # model.Text: only fillers, zero-width or no-break spaces
        return (Words("the text prints as nothing: it holds only {chars}", chars=ctx["chars"]),
                Words("write the text; characters such as the Hangul filler (U+3164) or a "
                      "zero-width space look like text to a program but print as nothing"))
    if typ == "union_tag_invalid":
        tags = ", ".join(t for c in _strip(model.AnyBlock) for t in _tags(c))
        return (Words("unknown block type {tag!r}", tag=ctx.get("tag")),
                Words("write `type:` as one of: {tags}", tags=tags))
    if typ == "union_tag_not_found":
        tags = ", ".join(t for c in _strip(model.AnyBlock) for t in _tags(c))
        return (Words("block has no `type`"),
                Words("start the block with `type:` ({tags})", tags=tags))
    if typ == "value_error":
        message, hint = value_error_words(ctx.get("error", err["msg"]))
        if isinstance(message, str):
            message = Words("not valid: {detail}", detail=message)
        return message, hint
    hint = None
    if typ == "literal_error":
        hint = Words("use one of: {choices}", choices=", ".join(_choices(loc, smap.data, err)))
    elif typ.startswith("date") or typ.startswith("datetime"):
        hint = Words("write dates as YYYY-MM-DD, e.g. 2016-01-19")
    elif typ.startswith(("int_", "decimal_", "float_")):
        hint = Words("write the figure in digits, e.g. 14,000")
    elif typ.startswith("bool_"):
        hint = Words("write true or false")
    if value is None and typ not in ("too_short", "string_too_short"):
        key = _key_of(found + rest)
        return (Words("the value is empty"),
                hint or (Words("write a value after `{key}:`", key=key) if key is not None
                         else Words("write the item, or remove the empty line")))
    scalar = not isinstance(value, (list, dict))
    if typ in ("model_type", "model_attributes_type", "dict_type"):
        if ctx.get("class_name") == "Text":
            return (Words("expected a text here, got {got}", got=_kind(value)),
                    Words("write the text on the line (in Korean; its English goes in "
                          "translations/en.po)"))
        return (Words("expected `key: value` lines here, got {got}", got=_kind(value)),
                Words("write the keys of this part one per line, indented below it"))
    if typ == "list_type":
        return (Words("expected a list here, got {got}", got=_kind(value)),
                Words("write each item on its own line starting with `- `, or as [a, b]"))
    if typ == "string_type":
        return (Words("expected a text here, got {got}", got=_kind(value)),
                Words("write one value on the line"))
    if typ == "too_short":
        return Words("nothing is written here"), Words("write at least one item")
    if typ == "string_too_short":
        return Words("the text is empty"), Words("write the text")
    if not scalar:
        return Words("expected a single value here, got {got}", got=_kind(value)), hint
    if typ == "literal_error":
        return Words("{value!r} is not one of the values allowed here", value=value), hint
    if typ == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return (Words("{value!r} is not an id", value=value),
                    Words("use lowercase letters a-z, digits and hyphens, starting with a letter "
                          "or a digit, e.g. local-job-target"))
        return Words("{value!r} does not have the form {pattern}", value=value,
                     pattern=ctx.get("pattern")), None
    if typ.startswith("date") or typ.startswith("datetime"):
        meant = written_date(value)
        if meant is not None:  # 2027.1.15, 2027. 1. 15., 2027/1/15, 2027년 1월 15일, 2027-1-5
            return (Words("{value!r} is not written as YYYY-MM-DD (the year, the month and the "
                          "day joined by `-`, the month and the day in two digits)", value=value),
                    Words("write it as {date}", date=meant))
        reason = str(ctx.get("error", ""))
        if reason:
            reason = Words(_DATE_REASONS[reason]) if reason in _DATE_REASONS else reason
            return Words("{value!r} is not a valid date ({reason})", value=value,
                         reason=reason), hint
        return Words("{value!r} is not a valid date", value=value), hint
    if typ in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        limit = next(v for k, v in ctx.items() if k in ("le", "ge", "lt", "gt"))
        above = typ.startswith("less")
        if "grounds" in loc or "internal" in loc:
            hint = Words("a ground is the number of its 호, 1 to 8 (정보공개법 제9조 제1항 각 호)")
        return (Words("{value!r} is more than {limit}, the most allowed here" if above else
                      "{value!r} is less than {limit}, the least allowed here", value=value,
                      limit=limit), hint or Words("write a figure within the allowed range"))
    if typ.startswith(("int_", "decimal_", "float_")):
        return Words("{value!r} is not a number", value=value), hint
    if typ.startswith("bool_"):
        return Words("{value!r} is not true or false", value=value), hint
    return Words("not valid: {detail}", detail=err["msg"]), hint


def schema_problems(exc: ValidationError, smap: SourceMap, loc=None) -> list[Problem]:
    """Every error of a validation as a Problem located where the author wrote it, worded in
    ``loc``'s language (a :class:`~generator.locale.Locale`; default Korean)."""
    loc = resolve(loc)
    problems = []
    for err in exc.errors(include_url=False):
        found, rest = smap.real_path(tuple(err["loc"]))
        typ = err["type"]
        rule = _RULES.get(typ, "schema-type" if typ.endswith("_type") or typ.endswith("_parsing")
                          else "schema-value")
        message, hint = _problem_words(err, found, rest, smap)
        msg, hint = word(message, loc), word(hint, loc) if hint is not None else ""
        path = found
        if typ == "extra_forbidden":
            src, inner = smap._split(found)
            if ("<key>",) + inner in src.positions:
                line, col = src.positions[("<key>",) + inner]
                problems.append(Problem(src.name, line, col, path_to_str(inner), rule,
                                        "error", msg, hint))
                continue
        elif typ == "union_tag_invalid" and not rest:
            path = found + ("type",)
        problems.append(smap.problem(path, rule, msg, hint))
    return problems
