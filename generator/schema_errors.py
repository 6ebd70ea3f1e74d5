"""Turns a pydantic ``ValidationError`` into located problems, each with a rule id and a hint.

Pydantic reports an error at a model location (with union tags and steps the data does not
spell); :func:`schema_problems` finds the file, line and column behind it through the
:class:`~generator.sourcemap.SourceMap` and says what to write instead.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from pydantic import ValidationError

from . import model
from .problems import Problem
from .yamlsource import path_to_str

if TYPE_CHECKING:
    from .sourcemap import SourceMap


_UNION_TAGS = {"overview", "bullets", "note", "table", "targets", "schedule", "organisations",
               "budget", "str", "function-before", "function-after"}


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for cls in model.model_classes():
        names.update(cls.model_fields)
    return names


_RULES = {
    "missing": "schema-missing",
    "extra_forbidden": "schema-unknown-key",
    "literal_error": "schema-choice",
    "union_tag_invalid": "schema-choice",
    "union_tag_not_found": "schema-missing",
    "string_pattern_mismatch": "schema-pattern",
    "too_short": "schema-empty",
    "string_too_short": "schema-empty",
}


def schema_problems(exc: ValidationError, smap: SourceMap) -> list[Problem]:
    """Every error of a validation as a Problem located where the author wrote it."""
    problems = []
    names = None
    for err in exc.errors(include_url=False):
        found, rest = smap.real_path(tuple(err["loc"]))
        typ = err["type"]
        rule = _RULES.get(typ, "schema-type" if typ.endswith("_type") or typ.endswith("_parsing")
                          else "schema-value")
        msg = err["msg"].removeprefix("Value error, ")
        hint = ""
        if typ == "missing":
            key = rest[-1] if rest else (found[-1] if found else "?")
            msg = f"required key {key!r} is missing"
            hint = f"add `{key}:` here"
            path = found
        elif typ == "extra_forbidden":
            names = names or _all_field_names()
            key = found[-1] if found else "?"
            msg = f"unknown key {key!r}"
            close = difflib.get_close_matches(str(key), names, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "remove it, or check the spelling"
            src, inner = smap._split(found)
            if ("<key>",) + inner in src.positions:
                line, col = src.positions[("<key>",) + inner]
                problems.append(Problem(src.name, line, col, path_to_str(inner), rule,
                                        "error", msg, hint))
                continue
            path = found
        elif typ == "union_tag_invalid":
            ctx = err.get("ctx", {})
            msg = f"unknown block type {ctx.get('tag')!r}"
            hint = f"use one of: {ctx.get('expected_tags')}"
            path = found + ("type",) if not rest else found
        elif typ == "union_tag_not_found":
            msg = "block has no `type`"
            hint = "start the block with `type:` (overview, bullets, note, table, targets, " \
                   "schedule, organisations or budget)"
            path = found
        else:
            path = found
            if typ == "literal_error":
                hint = f"expected {err.get('ctx', {}).get('expected', 'one of the listed values')}"
            elif typ in ("date_from_datetime_parsing", "date_parsing"):
                hint = "write dates as YYYY-MM-DD, e.g. 2016-01-19"
            elif typ == "string_pattern_mismatch":
                hint = "use lowercase letters a-z, digits and hyphens, e.g. local-job-target"
            elif typ in ("int_parsing", "decimal_parsing"):
                hint = "write numbers with digits, e.g. 14,000"
        problems.append(smap.problem(path, rule, msg, hint))
    return problems
