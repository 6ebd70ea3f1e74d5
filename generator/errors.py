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


class PlansiteError(Exception):
    """A problem that stops a command: what is wrong, where, and what to do about it."""

    hint: str = ""
    """What to do about it; a subclass may give a default."""

    def __init__(self, message: str, hint: str | None = None,
                 where: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where is not None else self.message

    def lines(self) -> list[str]:
        """``plansite: <where>: <message>``, then ``    hint: <hint>`` when there is a hint."""
        out = [f"plansite: {self}"]
        if self.hint:
            out.append(f"    hint: {self.hint}")
        return out

    def format(self) -> str:
        return "\n".join(self.lines())


class PlanError(PlansiteError):
    """The plans named cannot be read (e.g. a plan folder that does not exist)."""

    hint = "name a plan folder, or a folder of plans; `plansite new <id>` makes one"


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
        message += f" (with {os.fsdecode(exc.filename2)})"
    folder = where if where is not None else "the folder"
    if exc.errno in _PERMISSION:
        hint = f"check the permissions of {folder}"
    elif exc.errno in _SPACE:
        hint = "free some disk space"
    elif exc.errno == errno.ENOTDIR:
        hint = "a file stands where a folder is needed: remove it"
    else:
        hint = "check the path and the disk"
    if kind is OutputError:
        hint += ", or choose another --out"
    return kind(message, hint=hint, where=where)
