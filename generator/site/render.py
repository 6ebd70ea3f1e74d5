"""The Jinja2 environment that writes the site's Markdown pages.

Autoescape is on, undefined names are errors, and every printed value goes through
:func:`generator.mdescape.text` (the environment's ``finalize``): plan text reaches the
Markdown only as text (on an English page a text shown in Korean inside its marked
``lang="ko"`` span, :mod:`generator.view.markup`).  Templates live in
``generator/templates/site/`` and are rendered the way every renderer renders
(:func:`generator.templating.render`: a view, ``loc`` and ``_``).  Their compiled form is cached
beside the fonts (``build/.cache/jinja``, or ``$PLANSITE_CACHE/jinja``), which saves most of the
generator's start-up (Jinja2 checks each template's source before using its cache).
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup

from .. import mdescape as escape
from .. import model, templating
from ..locale import Locale
from ..figures import site_path as image_dest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
MARKERS = set(model.Marker.__args__)
NUMBER_MARK = re.compile(r"^[0-9A-Za-z\uac00-\ud7a3\u2160-\u216f\u2460-\u2473\u2776-\u2793"
                         r"\u24eb-\u24f4\u326e-\u327b().)]{1,8}$")
"""A generated heading number (``가.``, ``1)``, ``(가)``, ``❶``, ``Ⅱ``, ``㉮``): letters, digits and
brackets only, so it needs no escaping in an attribute."""


def _heading_attrs(heading_id: str, marker: str | None = None) -> Markup:
    """The attr_list suffix of a generated heading: ``{#part-1 data-marker="□"}``.

    Only ids of ``[a-z0-9-]``, the model's markers and generated heading numbers get here, so
    nothing needs escaping.
    """
    attrs = "#" + str(escape.attr_id(heading_id))
    if marker is not None:
        if marker not in MARKERS and not NUMBER_MARK.match(marker):
            raise ValueError(f"not a marker: {marker!r}")
        attrs += f' data-marker="{marker}"'
    return Markup("{" + attrs + "}")


def _plain(value) -> Markup:
    """A value as plain text, for an attribute: a shown text without its Korean passages
    marked (an attribute holds no markup, so no ``lang="ko"`` span either), escaped as every
    value is (:func:`generator.mdescape.text`)."""
    return escape.text(str(value))


def _url(path: str) -> Markup:
    """A relative link to a file of the site, its path's characters percent-encoded (a figure's
    file may be named in Korean: ``images/배치도.png``)."""
    return Markup(quote(str(path), safe="/"))


@lru_cache(maxsize=1)
def _bytecode_cache() -> FileSystemBytecodeCache | None:
    base = Path(os.environ["PLANSITE_CACHE"]) if os.environ.get("PLANSITE_CACHE") \
        else Path("build") / ".cache"
    # compiled templates depend on the environment's options too: a change to this module
    # starts a new cache folder
    folder = base / "jinja" / hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder.resolve()))


def environment() -> Environment:
    return templating.environment(TEMPLATES, finalize=escape.text, guard=True,
                                  bytecode_cache=_bytecode_cache(),
                                  filters={"plain": _plain},
                                  globals_={"heading": _heading_attrs,
                                            "safe_id": escape.attr_id, "url": _url,
                                            "image_dest": image_dest})


def render(template: str, loc: Locale, **context) -> str:
    return templating.render(environment(), template, loc, **context)
