"""The one boundary where plan text enters Markdown (the site's pages, the check report).

Every value a page template prints goes through :func:`text` (it is the Jinja2 environment's
``finalize``), so plan text can never become markup, whether it lands in a Markdown line (a
heading, a list item) or inside an HTML block (a table cell).  Characters that Markdown or HTML
would read as syntax become numeric character references: the browser shows them as the same
characters, but neither Python-Markdown nor the HTML parser sees syntax in them.

Escaped always: ``& < > " '`` (HTML) and ``\\ ` * _ { } [ ] |`` (inline Markdown, tables,
attr_list).  Parentheses stay as they are (Korean plans print them on nearly every line: 국비
(50%), (단위 : 천원)): they are syntax only after ``]`` (a link's address) or after the digits
that start an ordered list, and ``]`` is always escaped and that start is (below).  The site
enables no Markdown extension that gives ``~ ^ = : !`` a meaning (the
plugin refuses others, see :data:`generator.mkdocs_plugin.SAFE_EXTENSIONS`), so those stay.
Escaped at the start of a value, where Markdown reads block syntax: ``#``, ``+``, ``-`` and a
run of digits before ``.`` or ``)`` (ordered lists).  Escaped at its end: ``#``, which ends a
heading line as its closing sequence (``# C#`` is the heading "C").
Line breaks and tabs become spaces, so a value cannot start a new Markdown block.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_ALWAYS = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]|"}
_TABLE = str.maketrans(_ALWAYS)
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029\x85]+")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def text(value) -> Markup:
    """Plan text (or any value) as Markup that shows exactly that text in Markdown and HTML.

    Markup passes through unchanged: it is a fragment the templates already built.
    """
    if isinstance(value, Markup):
        return value
    s = _LINE_BREAKS.sub(" ", str(value)).strip(" ")
    s = s.translate(_TABLE)
    if s[:1] in ("#", "+", "-"):
        s = f"&#{ord(s[0])};" + s[1:]
    else:
        s = _LEADING_NUMBER.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", s, count=1)
    if s.endswith("#"):
        s = s[:-1] + "&#35;"
    return Markup(s)


def attr_id(value: str) -> Markup:
    """An id or URL path segment the model already restricted to ``[a-z0-9-]``; checked again."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError(f"not a safe id: {value!r}")
    return Markup(value)
