"""The output folder (``build/``) on disk: one build writes at a time, and a reader sees whole builds.

**The lock.**  A build holds ``fcntl.flock`` on ``<out>/.lock`` while it writes; a second build
into the same folder is refused at once with one line naming the process that holds it and
since when (:class:`Busy`).  The kernel drops the lock when its process ends, however it ends,
so a killed build never blocks the next one; what the file says about a dead holder is not shown.

**The generations.**  A build writes every output into a fresh folder,
``<out>/.generations/<n>/``, and publishes it by one atomic rename of one symlink,
``<out>/.generations/current`` → ``<n>``.  Each output's usual path is a symlink through it that
never changes: ``build/site`` → ``.generations/current/site``, likewise ``pdf``, ``data``,
``public``, ``checks.json``, ``checks.md``.  So whenever the process is killed, ``build/`` shows
the last published generation whole, or the new one whole: before the rename the old one, after
it the new one.  A name no build has made yet may already be a link that leads nowhere, which
reads as absent, as it was.  The outputs a build does not remake (``--only``) are carried into
the new generation as hard links of the old one's files.  The next build first removes what a
killed one left (unpublished generations, temporary links) under the same lock
(:func:`recover`).

**The upgrade** from a ``build/`` of real folders (an earlier plansite, or ``.old-<name>`` left
by a swap killed there) moves each into the current generation without a moment when it is
missing: the folder is hard-linked into the generation, then swapped with its link in one
``renameat2(RENAME_EXCHANGE)`` (Linux; elsewhere two renames, and a kill between them is
completed by the next build).

:data:`STEP` is a test hook: called with the name of each step as it is reached (the tests kill
the process there).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import OutputError
from .locale.words import Words

LOCK = ".lock"
GENERATIONS = ".generations"
CURRENT = "current"
_NEW, _OLD = ".plansite-new", ".plansite-old"
"""The suffixes of a temporary link (renamed onto its name when complete) and of an earlier
layout's folder on its way out.  Both are kept in ``.generations/``, which no reader looks into,
and the next build removes them."""

STEP: Callable[[str], None] | None = None
"""Test hook: called with each step's name (``locked``, ``copied <name>``, ``half-upgraded
<name>`` (without ``renameat2`` only), ``upgraded <name>``, ``recovered``, ``written``,
``carried``, ``linked <name>``, ``switched``, ``pruned``)."""


def _step(name: str) -> None:
    if STEP is not None:
        STEP(name)


class Busy(OutputError):
    """Another build holds the output folder's lock."""


# --- the lock ---------------------------------------------------------------------------------

def _holder(fd: int) -> dict | None:
    """Who holds the lock, as the holder wrote it, if that process still lives."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8"))
        pid, since = int(info["pid"]), str(info["since"])
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, another user's
        pass
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {"pid": pid, "since": since}


HELD: set[int] = set()
"""The descriptors of the locks this process holds: a process forked to work beside the build
(:mod:`generator.site.beside`) closes them, so that it never keeps a lock once the build ended
or was killed."""


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``<out>/.lock`` (made with ``out`` when missing), or raise :class:`Busy`."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    HELD.add(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            hint = Words("wait until that build ends and run again, or choose another --out")
            if holder is None:
                raise Busy(Words("another build is writing into this folder"), hint=hint,
                           where=out) from None
            raise Busy(Words("another build is writing into this folder (process {pid}, since "
                             "{since})", **holder), hint=hint, where=out) from None
        since = time.strftime("%Y-%m-%d %H:%M:%S")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": since}).encode() + b"\n", 0)
        _step("locked")
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # a finished build leaves no holder to name
    finally:
        HELD.discard(fd)
        os.close(fd)  # releases the lock


# --- files ------------------------------------------------------------------------------------

def _remove(path: Path) -> None:
    """Remove a file, a link or a folder tree (nothing if it is not there); an OSError names
    the whole path of what could not be removed."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        def located(func, name, exc):
            exc = exc if isinstance(exc, BaseException) else exc[1]
            if isinstance(exc, OSError) and exc.errno is not None:
                raise OSError(exc.errno, exc.strerror, name) from exc
            raise exc
        if sys.version_info >= (3, 12):
            shutil.rmtree(path, onexc=located)
        else:
            shutil.rmtree(path, onerror=located)


def _link_copy(src: Path, dst: Path) -> None:
    """``dst`` as a copy of ``src`` (a file or a tree) made of hard links (copies where the file
    system refuses links)."""
    def link(a, b):
        try:
            os.link(a, b, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(a, b, follow_symlinks=False)
    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dst, symlinks=True, copy_function=link)
    else:
        link(src, dst)


def _temp(out: Path, name: str, suffix: str) -> Path:
    folder = out / GENERATIONS
    folder.mkdir(exist_ok=True)
    return folder / f".{name}{suffix}"


def _symlink(out: Path, target: str, path: Path) -> None:
    """``path`` as a symlink to ``target``, replaced in one rename (made beside the
    generations, so a kill leaves nothing where a reader looks)."""
    tmp = _temp(out, path.name, _NEW)
    _remove(tmp)
    os.symlink(target, tmp)
    os.replace(tmp, path)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not possible."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


# --- the generations --------------------------------------------------------------------------

def _link_target(name: str) -> str:
    return f"{GENERATIONS}/{CURRENT}/{name}"


def current(out: Path) -> Path | None:
    """The published generation's folder, if there is one."""
    link = out / GENERATIONS / CURRENT
    if not link.is_symlink():
        return None
    found = link.parent / os.readlink(link)
    return found if found.is_dir() else None


def _new_generation(out: Path) -> Path:
    folder = out / GENERATIONS
    folder.mkdir(exist_ok=True)
    numbers = [int(p.name) for p in folder.iterdir() if p.name.isdigit()]
    path = folder / str(max(numbers, default=0) + 1)
    path.mkdir()
    return path


def _switch(out: Path, generation: Path) -> None:
    _symlink(out, generation.name, out / GENERATIONS / CURRENT)


def _prune(out: Path) -> None:
    """Remove every generation but the published one, and the temporary names beside them."""
    folder = out / GENERATIONS
    keep = current(out)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name != CURRENT and (keep is None or path.name != keep.name):
                _remove(path)


def _upgrade(out: Path, names: Iterable[str]) -> None:
    """Move the outputs that are real files or folders in ``out`` (an earlier layout) into the
    current generation, each replaced by its link without a moment when it is missing."""
    legacy = []
    for name in names:
        path, old = out / name, out / f".old-{name}"
        if path.is_symlink() and os.readlink(path) == _link_target(name):
            _remove(old)
            continue
        if path.exists() or path.is_symlink():
            legacy.append((name, path))
        elif old.exists():  # a swap of an earlier plansite killed between its two renames
            legacy.append((name, old))
    if not legacy:
        return
    base = current(out)
    if base is None:
        base = _new_generation(out)
        _switch(out, base)
    for name, path in legacy:
        inside = base / name
        _remove(inside)  # not shown: out/<name> is not yet its link
        if path.is_symlink():  # a link of someone's own: the same place, from the generation
            os.symlink(os.path.abspath(path.parent / os.readlink(path)), inside)
        else:
            _link_copy(path, inside)
        _step(f"copied {name}")
        link, target = _temp(out, name, _NEW), out / name
        _remove(link)
        os.symlink(_link_target(name), link)
        if target.exists() or target.is_symlink():
            if not _exchange(link, target):  # the link in place; the folder at the link's name
                os.replace(target, _temp(out, name, _OLD))
                _step(f"half-upgraded {name}")
                os.replace(link, target)
        else:
            os.replace(link, target)
        _step(f"upgraded {name}")
    for name, _ in legacy:
        _remove(_temp(out, name, _NEW))
        _remove(_temp(out, name, _OLD))
        _remove(out / f".old-{name}")


def recover(out: Path, names: Iterable[str]) -> None:
    """Finish or clear what a killed build left: its unpublished generation, temporary links,
    the staging folder of an earlier plansite; and make every output a link (:func:`_upgrade`).
    Changes nothing a reader sees."""
    _remove(out / ".staging")
    _prune(out)
    _upgrade(out, names)
    published = current(out)
    if published is not None:  # an upgrade by two renames killed between them
        for path in published.iterdir():
            link = out / path.name
            if not (link.exists() or link.is_symlink()):
                _symlink(out, _link_target(path.name), link)
    _step("recovered")


def publish(out: Path, names: Iterable[str], make: Callable[[Path], None]) -> None:
    """Under the lock: recover, have ``make`` write the outputs into a new generation, carry
    the rest over from the published one, and publish it by one rename.  If ``make`` fails,
    nothing a reader sees has changed and the new generation is removed."""
    out = Path(out)
    names = list(names)
    with locked(out):
        recover(out, names)
        generation = _new_generation(out)
        try:
            make(generation)
            _step("written")
            published = current(out)
            if published is not None:
                for path in sorted(published.iterdir()):
                    if not (generation / path.name).exists():
                        _link_copy(path, generation / path.name)
            _step("carried")
            for path in sorted(generation.iterdir()):
                if path.name not in names:
                    raise ValueError(f"{path.name}: not an output name ({', '.join(names)})")
                link = out / path.name
                if not (link.is_symlink() and os.readlink(link) == _link_target(path.name)):
                    _symlink(out, _link_target(path.name), link)
                    _step(f"linked {path.name}")
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        _switch(out, generation)
        _step("switched")
        _prune(out)
        _step("pruned")

