"""The Jinja2 environment that writes the site's Markdown pages.

Autoescape is on, undefined names are errors, and every printed value goes through
:func:`generator.mdescape.text` (the environment's ``finalize``): plan text reaches the
Markdown only as text.  Templates live in ``generator/templates/site/``; their compiled form is
cached beside the fonts (``build/.cache/jinja``, or ``$PLANSITE_CACHE/jinja``), which saves most
of the generator's start-up (Jinja2 checks each template's source before using its cache).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import hashlib
import os

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import budgets, derive, formatting, model
from .. import mdescape as escape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"


def _cell_date(value: str) -> str:
    """A date cell written ``2013-11-01`` prints as ``2013. 11. 1.``; other text as written."""
    try:
        return formatting.day(date.fromisoformat(value.strip()))
    except ValueError:
        return value


def _shares(budget: model.Budget) -> list[dict]:
    """A budget's funding split in won: source, percent (when given) and amount, in order."""
    if budget.amount is None or budget.funding is None:
        return []
    by_source, _ = budgets.split_won(budget.amount.won, budget.funding)
    return [{"source": s.source, "ratio": s.ratio, "won": by_source[s.source]}
            for s in budget.funding.shares]


MARKERS = set(model.Marker.__args__)


def _heading_attrs(heading_id: str, marker: str | None = None) -> Markup:
    """The attr_list suffix of a generated heading: ``{#part-1 data-marker="□"}``.

    Only ids of ``[a-z0-9-]`` and the model's markers get here, so nothing needs escaping.
    """
    attrs = "#" + str(escape.attr_id(heading_id))
    if marker is not None:
        if marker not in MARKERS:
            raise ValueError(f"not a marker: {marker!r}")
        attrs += f' data-marker="{marker}"'
    return Markup("{" + attrs + "}")


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


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, finalize=escape.text, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=_bytecode_cache())
    env.globals.update(
        fmt=formatting,
        derive=derive,
        child_marker=formatting.child_marker,
        cell_date=_cell_date,
        shares=_shares,
        overview_value=formatting.overview_value,
        heading=_heading_attrs,
        safe_id=escape.attr_id,
    )
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
