"""Progress of a long build on a terminal: plans checked, PDFs rendered, pages written.

One line on stderr, rewritten in place (``\\r``), with a count and an estimate of the time left
from the pace so far, in the language of ``--lang``.  Only when stderr is a terminal and the
environment does not say CI (``CI`` set, as every CI service sets it): logs stay clean.  It
touches no output.
"""

from __future__ import annotations

import os
import sys
import time

MESSAGES = {
    "check": "plans checked: {done}/{total}{left}",
    "pdf": "PDFs rendered: {done}/{total}{left}",
    "pages": "pages written: {done}/{total}{left}",
}
"""What each kind of progress says (catalog messages; ``{left}`` the estimate, or nothing)."""


def _messages(loc):  # for generator.locale.extract: the messages, written out
    return (loc.gettext("plans checked: {done}/{total}{left}"),
            loc.gettext("PDFs rendered: {done}/{total}{left}"),
            loc.gettext("pages written: {done}/{total}{left}"),
            loc.gettext(", about {seconds} s left"))


def enabled(stream=None) -> bool:
    """Whether progress is shown: stderr is a terminal and not in CI."""
    stream = stream or sys.stderr
    if os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """One count shown on one line; :meth:`close` ends the line.  Does nothing when not
    :func:`enabled`."""

    def __init__(self, kind: str, total: int, loc=None, stream=None):
        self.kind, self.total, self.done = kind, total, 0
        self.stream = stream or sys.stderr
        self.on = enabled(self.stream) and loc is not None
        self.loc = loc
        self.start = time.monotonic()
        self._shown = 0.0
        if self.on and total:
            self._show()

    def add_total(self, n: int) -> None:
        self.total += n

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.on:
            return
        now = time.monotonic()
        if now - self._shown >= 0.1 or self.done >= self.total:
            self._show()

    def _show(self) -> None:
        self._shown = time.monotonic()
        left = ""
        if 0 < self.done < self.total:
            seconds = (self._shown - self.start) / self.done * (self.total - self.done)
            left = self.loc.gettext(", about {seconds} s left", seconds=max(1, round(seconds)))
        text = self.loc.gettext(MESSAGES[self.kind], done=self.done, total=self.total, left=left)
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()

    def close(self) -> None:
        if self.on and self.total:
            self.stream.write("\n")
            self.stream.flush()
        self.on = False
