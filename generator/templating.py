"""One way to render a template, for every renderer: the site's Markdown pages and the print HTML.

Autoescape is on and an undefined name is an error.  A template receives its view and the
locale under one calling convention (:func:`render`): ``loc`` (the :class:`~generator.locale.Locale`,
for figures and plan texts) and ``_`` (its interface messages), so one template serves every
language.  An imported macro file that words anything is imported ``with context``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .locale import Locale


def _fail(message: str):
    raise ValueError(message)


@lru_cache(maxsize=None)
def _environment(folder: Path, finalize: Callable | None, bytecode_cache: BytecodeCache | None,
                 filters: tuple, globals_: tuple) -> Environment:
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True,
                      undefined=StrictUndefined, finalize=finalize, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=bytecode_cache)
    env.filters.update(dict(filters))
    env.globals.update(dict(globals_))
    env.globals["fail"] = _fail
    return env


def environment(folder: Path, *, finalize: Callable | None = None,
                bytecode_cache: BytecodeCache | None = None, filters: dict | None = None,
                globals_: dict | None = None) -> Environment:
    """The (cached) environment of one template folder."""
    return _environment(Path(folder), finalize, bytecode_cache,
                        tuple(sorted((filters or {}).items())),
                        tuple(sorted((globals_ or {}).items())))


def _messages(loc: Locale, finalize: Callable | None) -> Callable[..., Markup]:
    """The template's ``_``: the catalog's message (the project's own text, trusted) with each
    ``{name}`` filled in by a value escaped as the template would escape it."""
    esc = finalize or escape

    def _(msgid: str, **params) -> Markup:
        text = loc.message(msgid)
        if params:
            text = text.format(**{k: esc(v) for k, v in params.items()})
        return Markup(text)
    return _


def render(env: Environment, template: str, loc: Locale, **context) -> str:
    """Render one template with the locale's words (``_``) and formats (``loc``)."""
    return env.get_template(template).render(loc=loc, _=_messages(loc, env.finalize),
                                             **context)
