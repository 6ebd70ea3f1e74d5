"""The problems outside a plan that stop a command, each told as one located line and a hint.

A problem *inside* a plan is a :class:`~generator.problems.Problem` (file, line, column, rule).
Everything else a user can cause (a plan folder that is not there, an ``--out`` that is a file or
read-only, a command run outside the repository root) is a :class:`PlansiteError`; ``plansite``
catches it and prints, in the shape of the plan problems::

    plansite: <where>: <message>
        hint: <hint>

and exits 1, with no traceback.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .locale import resolve
from .locale.words import Words, word
from .textsafety import shown, shown_name


class PlansiteError(Exception):
    """A problem that stops a command: what is wrong, where, and what to do about it."""

    hint: object = ""
    """What to do about it; a subclass may give a default."""

    def __init__(self, message, hint=None, where: Path | str | None = None) -> None:
        """``message`` and ``hint``: checks-catalog :class:`~generator.locale.words.Words`
        (worded in the reader's language when printed), or text."""
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        self.where = where

    def __str__(self) -> str:
        return self.text(resolve(None))

    def text(self, loc) -> str:
        """``<where>: <message>`` in the locale's language, escaped for printing (a folder
        name with a newline cannot forge a second line; see :mod:`generator.textsafety`)."""
        message = shown(word(self.message, loc))
        return f"{shown_name(self.where)}: {message}" if self.where is not None else message

    def lines(self, loc=None) -> list[str]:
        """``plansite: <where>: <message>``, then ``    hint: <hint>`` when there is a hint,
        in ``loc``'s language (default Korean)."""
        loc = resolve(loc)
        out = [f"plansite: {self.text(loc)}"]
        if self.hint:
            out.append(f"    {loc.gettext('hint: ')}{shown(word(self.hint, loc))}")
        return out

    def format(self, loc=None) -> str:
        return "\n".join(self.lines(loc))


class PlanError(PlansiteError):
    """The plans named cannot be read (e.g. a plan folder that does not exist)."""

    hint = Words("name a plan folder, or a folder of plans; `plansite new <id>` makes one")


class OutputError(PlansiteError):
    """The outputs cannot be written: ``--out`` is a file, is not writable, the disk is full."""


class SetupError(PlansiteError):
    """The environment is not what plansite needs: run outside the repository root (no
    mkdocs.yml), the carried fonts missing, a malformed ``SOURCE_DATE_EPOCH``."""


_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_SPACE = {errno.ENOSPC, errno.EDQUOT}


def os_error(exc: OSError, kind: type[PlansiteError] = OutputError,
             fallback: Path | str | None = None) -> PlansiteError:
    """An :class:`OSError` as a located error: its path, the system's words for it
    (``Permission denied``), and a hint chosen by its errno."""
    where = exc.filename if exc.filename is not None else fallback
    if isinstance(where, bytes):
        where = os.fsdecode(where)
    message = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename2 is not None:
        message += f" ({os.fsdecode(exc.filename2)})"
    out = kind is OutputError
    if exc.errno in _PERMISSION:
        hint = Words("check the permissions of {folder}, or choose another --out" if out else
                     "check the permissions of {folder}",
                     folder=where if where is not None else ".")
    elif exc.errno in _SPACE:
        hint = Words("free some disk space, or choose another --out" if out else
                     "free some disk space")
    elif exc.errno == errno.ENOTDIR:
        hint = Words("a file stands where a folder is needed: remove it, or choose another "
                     "--out" if out else "a file stands where a folder is needed: remove it")
    else:
        hint = Words("check the path and the disk, or choose another --out" if out else
                     "check the path and the disk")
    return kind(message, hint=hint, where=where)
