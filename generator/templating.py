"""One way to render a template, for every renderer: the site's Markdown pages and the print HTML.

Autoescape is on and an undefined name is an error.  A template receives its view and the
locale under one calling convention (:func:`render`): ``loc`` (the :class:`~generator.locale.Locale`,
for figures and plan texts) and ``_`` (its interface messages), so one template serves every
language.  An imported macro file that words anything is imported ``with context``.

Every printed value goes through the environment's ``finalize``: :func:`generator.view.markup.html`,
which writes a plan text shown in Korean on a page in another language inside
``<span lang="ko">`` (marked when it is not translated) and escapes everything else as the
renderer asks (``escape``: HTML by default; the site's Markdown escape for the site).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .locale import Locale
from .view import markup


def _fail(message: str):
    raise ValueError(message)


def _shown(escape: Callable | None, guard: bool, loc: Locale | None, value,
           notes: str = "link"):
    return markup.html(value, loc, escape, guard=guard and loc is not None and loc.translates,
                       notes=notes)


@lru_cache(maxsize=None)
def _finalizer(escape: Callable | None, guard: bool, notes: str = "link") -> Callable:
    @pass_context
    def finalize(context, value):
        return _shown(escape, guard, context.get("loc"), value, notes)
    finalize.escape, finalize.guard, finalize.notes = escape, guard, notes
    return finalize


@lru_cache(maxsize=None)
def _environment(folder: Path, finalize: Callable | None, guard: bool,
                 bytecode_cache: BytecodeCache | None, filters: tuple,
                 globals_: tuple, notes: str = "link") -> Environment:
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True,
                      undefined=StrictUndefined, finalize=_finalizer(finalize, guard, notes),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=bytecode_cache)
    env.filters.update(dict(filters))
    env.globals.update(dict(globals_))
    env.globals["fail"] = _fail
    return env


def environment(folder: Path, *, finalize: Callable | None = None, guard: bool = False,
                bytecode_cache: BytecodeCache | None = None, filters: dict | None = None,
                globals_: dict | None = None, notes: str = "link") -> Environment:
    """The (cached) environment of one template folder.  ``finalize`` escapes a plain value
    (default: HTML); plan texts shown in Korean are marked around it (:mod:`.view.markup`).
    ``guard``: on a page in another language than Korean, the Korean words of a plain string
    are marked as Korean too (:func:`generator.view.markup.html`).  ``notes``: how a footnote
    reference is written, ``link`` (the site) or ``print`` (:func:`.view.markup.note_ref`)."""
    return _environment(Path(folder), finalize, guard, bytecode_cache,
                        tuple(sorted((filters or {}).items())),
                        tuple(sorted((globals_ or {}).items())), notes)


def _messages(loc: Locale, env: Environment) -> Callable[..., Markup]:
    """The template's ``_``: the catalog's message (the project's own text, trusted) with each
    ``{name}`` filled in by a value escaped as the template would escape it."""
    escape, guard, notes = env.finalize.escape, env.finalize.guard, env.finalize.notes

    def _(msgid: str, **params) -> Markup:
        text = loc.message(msgid)
        if params:
            text = text.format(**{k: _shown(escape, guard, loc, v, notes)
                                  for k, v in params.items()})
        return Markup(text)
    return _


def render(env: Environment, template: str, loc: Locale, **context) -> str:
    """Render one template with the locale's words (``_``) and formats (``loc``)."""
    return env.get_template(template).render(loc=loc, _=_messages(loc, env), **context)
