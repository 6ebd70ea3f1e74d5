"""The other languages' sites built in a process of their own, beside the root language's.

A site is one mkdocs build per language (the Korean at the root of the site folder, the English
under ``en/``), and each build runs on one core.  With two cores or more, :func:`start` forks a
process that builds the other languages while this one builds the root language; their folders
do not overlap (the root build leaves ``docs/en/`` out), so the files are the same as when the
languages are built one after the other (``tests/test_incremental.py`` compares ``--jobs 1``
and ``--jobs 2`` byte for byte).  The forked process counts its pages on this process's
progress line (through a pipe), and what it raises is raised here.  It dies with this process
and never holds the build's lock (:func:`_bound_to`): a killed build leaves nothing running.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path


class _Relay:
    """A progress line in the forked process: every count is sent to this one's."""

    def __init__(self, conn):
        self.conn = conn

    def add_total(self, n: int) -> None:
        self.conn.send(("total", n))

    def step(self, n: int = 1) -> None:
        self.conn.send(("step", n))

    def close(self) -> None:
        pass


def _bound_to(parent: int) -> None:
    """This forked process ends with its parent: it is killed when the parent dies
    (``PR_SET_PDEATHSIG``, Linux), and it drops the build's lock (:data:`generator.buildfolder.
    HELD`), so that a killed build's folder is free for the next one at once."""
    import ctypes
    import signal
    from ..buildfolder import HELD
    for fd in HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _child(others: list[tuple[str, Path]], out: Path, site, conn, parent: int) -> None:
    from ..mkdocs_plugin import build_language
    _bound_to(parent)
    try:
        site = replace(site, progress=_Relay(conn) if site.progress is not None else None)
        kept = rendered = 0
        for root, config_file in others:
            more = build_language(config_file, out / root, site=site)
            kept, rendered = kept + more[0], rendered + more[1]
        conn.send(("done", (kept, rendered)))
    except BaseException as exc:  # told to the parent, which raises it
        try:
            conn.send(("error", exc))
        except Exception:  # an exception that cannot be pickled: its words
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


class Beside:
    """The other languages' builds, running in a forked process (see the module)."""

    def __init__(self, others: list[tuple[str, Path]], out: Path, site):
        import multiprocessing
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child,
                                        args=(others, out, site, send, os.getpid()), daemon=True)
        self._process.start()  # forked before any thread of ours starts
        send.close()
        self._progress = site.progress
        self._outcome: tuple | None = None
        self._relay = threading.Thread(target=self._listen, args=(receive,), daemon=True)
        self._relay.start()

    def _listen(self, conn) -> None:
        try:
            while True:
                kind, value = conn.recv()
                if kind == "total" and self._progress is not None:
                    self._progress.add_total(value)
                elif kind == "step" and self._progress is not None:
                    self._progress.step(value)
                elif kind in ("done", "error"):
                    self._outcome = (kind, value)
                    return
        except (EOFError, OSError):
            return
        finally:
            conn.close()

    def wait(self) -> tuple[int, int]:
        """The pages the other languages kept and rendered, once they are built; what their
        build raised is raised here."""
        self._relay.join()
        self._process.join()
        if self._outcome is None:
            raise RuntimeError(f"the site's other languages were not built (their process "
                               f"ended with {self._process.exitcode})")
        kind, value = self._outcome
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """End the other languages' build (the root language's failed)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._relay.join(timeout=5)


def start(others: list[tuple[str, Path]], out: Path, site) -> Beside | None:
    """The other languages' builds started beside this process's, or None when they are to be
    built here, after the root language (one job, or no other language)."""
    if site.jobs < 2 or not others:
        return None
    return Beside(others, out, site)
