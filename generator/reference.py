"""Writes the plan-format reference (``docs/reference.md``) from the code, so it cannot drift.

Every model class with its fields and their docstrings, every check rule with its docstring, and
the ``plansite --help`` text.  A test regenerates it and compares with the committed page:

    .venv/bin/python -m generator.reference > docs/reference.md
"""

from __future__ import annotations

import inspect
import os
import sys
import typing
from datetime import date
from decimal import Decimal

from pydantic_core import PydanticUndefined

from . import model


_NAMES = {str: "text", int: "whole number", Decimal: "number", date: "date (YYYY-MM-DD)",
          bool: "true/false"}


def _type_name(t) -> str:
    """A reader's name for a field's type, with links to model classes."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is typing.Union:
        kinds = [a for a in args if a is not type(None)]
        text = " or ".join(_type_name(a) for a in kinds)
        return text + (", optional" if len(kinds) < len(args) else "")
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} → {_type_name(args[1])}"
    if isinstance(t, type) and issubclass(t, model.Node):
        return f"[{t.__name__}](#{t.__name__.lower()})"
    if isinstance(t, (str, typing.ForwardRef)):
        name = t if isinstance(t, str) else t.__forward_arg__
        return f"[{name}](#{name.lower()})"
    return _NAMES.get(t, getattr(t, "__name__", str(t)))


def _default(info) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.default_factory()
        return f"`{value.ko}`" if isinstance(value, model.Text) else "empty"
    if info.default is None or info.default is PydanticUndefined:
        return "—"
    if info.default in ([], {}):
        return "empty"
    return f"`{info.default}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def model_reference() -> list[str]:
    model.attach_field_docs()
    out = ["## Plan model", "",
           "Every key a plan file may hold, class by class. `plan.yaml` holds a **Plan** "
           "without `sections`; each file under `sections/` holds one **Section**.", ""]
    for cls in model.model_classes():
        if cls is model.Node:
            continue
        out += [f"### {cls.__name__}", "", inspect.cleandoc(cls.__doc__ or ""), ""]
        fields = cls.__pydantic_fields__
        if fields:
            out += ["| key | type | default | what it holds |", "|---|---|---|---|"]
            for name, info in fields.items():
                out.append(f"| `{name}` | {_type_name(info.annotation)} | "
                           f"{_default(info)} | {_cell(info.description or '')} |")
            out.append("")
    return out


def rules_reference() -> list[str]:
    from .checks import RULES
    out = ["## Checks", "",
           "Run after the plan loads, on every `validate` and `build`. Errors stop a build; "
           "warnings are reported (and stop it with `--strict`).", "",
           "| rule | severity | checks |", "|---|---|---|"]
    for rule_id, r in RULES.items():
        out.append(f"| `{rule_id}` | {r.severity} | **{_cell(r.title)}**. {_cell(r.doc)} |")
    out.append("")
    return out


def cli_reference() -> list[str]:
    from .cli import parser
    os.environ["COLUMNS"] = "100"  # argparse wraps help to the terminal: fix it for the page
    ap = parser()
    out = ["## Command line", "", "```text", ap.format_help().rstrip(), "```", ""]
    sub = next(a for a in ap._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, p in sub.choices.items():
        out += [f"### plansite {name}", "", "```text", p.format_help().rstrip(), "```", ""]
    return out


def reference() -> str:
    head = ["# Reference", "",
            "Generated from the code by `python -m generator.reference`; do not edit by hand.", ""]
    text = "\n".join(head + cli_reference() + rules_reference() + model_reference())
    return text.rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(reference())
