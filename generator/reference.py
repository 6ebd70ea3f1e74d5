"""Writes the plan-format reference (``docs/reference.md``) from the code, so it cannot drift.

Every model class with its fields and their docstrings, every check rule with its docstring, the
limits of :mod:`generator.limits`, and the ``plansite --help`` text.  A test regenerates it and compares with the committed page:

    .venv/bin/python -m generator.reference > docs/reference.md
    .venv/bin/python -m generator.reference --lang en > docs/en/reference.md
"""

from __future__ import annotations

import html
import inspect
import os
import re
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
        return " | ".join(f"`{a}`" for a in args)
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


_CODE = re.compile(r"``(.+?)``|`(.+?)`")
_LINK = re.compile(r"\[(\w+)\]\(#([a-z0-9-]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _cell(text: str) -> str:
    """The light Markdown of docstrings (code, links, bold) as HTML, everything else escaped."""
    out = html.escape(" ".join(text.split()), quote=False)
    out = _CODE.sub(lambda m: f"<code>{m.group(1) or m.group(2)}</code>", out)
    out = _LINK.sub(r'<a href="#\2">\1</a>', out)
    return _BOLD.sub(r"<strong>\1</strong>", out)


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> list[str]:
    """An HTML table with a caption and header cells (a Markdown table has neither)."""
    out = ['<table class="ps-reference">', f"<caption>{_cell(caption)}</caption>",
           "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in headers)
           + "</tr></thead>", "<tbody>"]
    for row in rows:
        out.append("<tr>" + f'<th scope="row">{_cell(row[0])}</th>'
                   + "".join(f"<td>{_cell(c)}</td>" for c in row[1:]) + "</tr>")
    return out + ["</tbody>", "</table>", ""]


def _doc(text: str, html_paragraphs: bool) -> list[str]:
    """A class docstring as the page's Markdown, or as HTML paragraphs (whose Korean words can
    be marked, which Markdown code spans cannot hold)."""
    text = inspect.cleandoc(text or "")
    if not html_paragraphs:
        return [text]
    return [f"<p>{_cell(par)}</p>" for par in re.split(r"\n\s*\n", text) if par.strip()]


def model_reference(html_paragraphs: bool = False) -> list[str]:
    model.attach_field_docs()
    out = ["## Plan model", "",
           "Every key a plan file may hold, class by class. `plan.yaml` holds a **Plan** "
           "without `sections`; each file under `sections/` holds one **Section**.", ""]
    for cls in reversed(model.model_classes()):  # the plan first, its parts after it
        if cls is model.Node:
            continue
        out += [f"### {cls.__name__}", "", *_doc(cls.__doc__, html_paragraphs), ""]
        fields = cls.__pydantic_fields__
        if fields:
            out += _table(f"Keys of {cls.__name__}", ["key", "type", "default", "what it holds"],
                          [[f"`{name}`", _type_name(info.annotation), _default(info),
                            info.description or ""] for name, info in fields.items()])
    return out


def rules_reference() -> list[str]:
    from .checks import RULES
    out = ["## Checks", "",
           "Run after the plan loads, on every `validate` and `build`. Errors stop a build; "
           "warnings are reported (and stop it with `--strict`).", "",
           ]
    out += _table("Check rules", ["rule", "severity", "checks"],
                  [[f"`{rule_id}`", r.severity, f"**{r.title}**. {r.doc}"]
                   for rule_id, r in RULES.items()])
    return out


def limits_reference() -> list[str]:
    from .limits import LIMITS
    out = ["## Limits", "",
           "Sizes a plan may not exceed, each far above what a real plan reaches, so that no "
           "step can hang or exhaust the machine. A plan over a limit gets a located error "
           "(the rule below) before its model is built; `generator/limits.py` holds them.", ""]
    out += _table("Limits", ["what", "at most", "rule", "why"],
                  [[lim.what, f"{lim.value:,}", f"`{lim.rule}`" if lim.rule else
                    "argparse error (exit 2)", lim.why] for lim in LIMITS])
    return out


def languages_reference() -> list[str]:
    from .locale import LANGUAGES, catalog_path, get
    from .locale import formats
    out = ["## Languages", "",
           "Every word the outputs print around the plan's own texts (labels, captions, units, "
           "funding sources, recurrences) comes from a gettext catalog per language, "
           "`generator/locale/<lang>/LC_MESSAGES/interface.po`; what the checks say is in "
           "`checks.po` beside it. The message ids are English. After changing a message in the "
           "code or a template, run `python -m generator.locale.extract` and translate the new "
           "entries in any PO editor (Poedit, Weblate); a test fails while a catalog is out of "
           "step or an interface message is untranslated.", ""]
    rows = []
    for kind, table in (("funding source", {k: v[0] for k, v in formats.SOURCE_MESSAGES.items()}),
                        ("recurrence", formats.RECURRING_MESSAGES),
                        ("disclosure", formats.DISCLOSURE_MESSAGES),
                        ("money unit", formats.UNIT_NAME_MESSAGES)):
        for key, msgid in table.items():
            rows.append([kind, f"`{key}`"] + [get(lang).gettext(msgid) for lang in LANGUAGES])
    out += _table("The model's fixed values as each language prints them",
                  ["kind", "in the plan"] + list(LANGUAGES), rows)
    out += ["", "Catalogs: " + ", ".join(
        f"`{catalog_path(lang, d).relative_to(catalog_path(lang, d).parents[3])}`"
        for lang in LANGUAGES for d in ("interface", "checks")) + ".", ""]
    return out


def cli_reference(lang: str = "ko") -> list[str]:
    """``plansite --help`` and each command's help, in the page's language."""
    from . import cli
    os.environ["COLUMNS"] = "80"  # argparse wraps help to the terminal: fix it for the page
    before, cli._ARGV_LANG[0] = cli._ARGV_LANG[0], lang
    try:
        ap = cli.parser()
    finally:
        cli._ARGV_LANG[0] = before
    out = ["## Command line", "", "```text", ap.format_help().rstrip(), "```", ""]
    sub = next(a for a in ap._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, p in sub.choices.items():
        out += [f"### plansite {name}", "", "```text", p.format_help().rstrip(), "```", ""]
    return out


def reference(lang: str = "ko") -> str:
    """The page for the Korean site (``docs/reference.md``) or the English one
    (``docs/en/reference.md``): the same reference under a heading in the site's language."""
    if lang == "en":
        head = ["# Reference", "",
                "Every key of the plan files, every check rule and the `plansite` help, "
                "generated from the code by `python -m generator.reference --lang en`; do not "
                "edit by hand. Keys and values that plans write in Korean (funding sources, "
                "recurrences, units) are shown as the plan writes them.", ""]
    else:
        head = ["# 형식 참조 (Reference)", "",
                "계획 파일의 모든 키, 모든 점검 규칙, `plansite` 명령의 도움말입니다. 코드에서 만들어지므로 "
                "코드와 어긋나지 않습니다. Every key of the plan files, every check rule and the "
                "`plansite` help, generated from the code by `python -m generator.reference`; do "
                "not edit by hand.", ""]
    text = "\n".join(head + cli_reference(lang) + rules_reference() + limits_reference()
                     + languages_reference()
                     + model_reference(html_paragraphs=lang == "en"))
    if lang == "en":
        text = _mark_korean(text)
    return text.rstrip() + "\n"


def _mark_korean(text: str) -> str:
    """Korean words in the HTML lines of the page inside ``<span lang="ko">`` (the English site
    shows Korean only so marked); the page's other lines hold none."""
    from .locale.shown import HANGUL_RUN
    return "\n".join(HANGUL_RUN.sub(lambda m: f'<span lang="ko">{m.group()}</span>', line)
                     if line.startswith("<") else line for line in text.split("\n"))


if __name__ == "__main__":
    sys.stdout.write(reference("en" if sys.argv[1:] == ["--lang", "en"] else "ko"))
