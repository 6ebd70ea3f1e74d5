"""The check cache: a plan's check result reused while nothing it was made from changed.

``plansite build`` checks every plan (YAML, model, rules, translations, figures) before it
builds; a plan whose inputs are unchanged gets its :class:`~generator.pipeline.CheckedPlan`
back from ``<out>/.cache/checks/`` instead.  An entry is keyed by :func:`key`:

- every entry of the plan folder, walked without following links (:func:`folder_digest`): each
  name (as bytes: a name that is not UTF-8 is hashed as it is), its kind, a file's bytes, a
  link's target text with what it resolves to (its real path, its kind, a file's bytes).  A pipe,
  socket or device is never opened: its kind is hashed.  So a changed section, ``plan.yaml``,
  ``translations/en.po``, figure image, a new or removed file are each another key.  A plan
  folder holding a link to a folder outside it is not cached (what the check would read there
  is not walked): it is checked every time;
- the plan folder's absolute and real paths and the working directory (problems show paths
  relative to it);
- the generator digest (:func:`generator.digest.generator_digest`: every file of the generator,
  its message catalogs included) and the versions of the libraries a check runs on (PyYAML,
  pydantic, Babel);
- ``--strict``, the language of the messages and :data:`VERSION`.

Nothing else is read by a check: the rules read only the plan folder (``planfiles``,
``figures``, ``translations``), the generator's own files and the catalogs parsed from them.
The key is computed again after a check, and a result is stored only if it did not change
meanwhile (a file saved during the check is not stored under the old bytes' key).

An entry is one file, ``<key[:2]>/<key>.pickle``: a header line naming :data:`VERSION`, the
sha256 of the payload, then the payload (the pickled result).  It is written to a temporary file
and renamed into place, when the build succeeded (a build that stops at a plan's errors
leaves ``build/`` as it was); an entry whose payload does not match its sha256 (cut short, edited) or
cannot be read is a miss, and is checked and written again.  Pickle is loaded only after that
check: the cache has the trust of the build folder it lives in (whoever can write there can
replace the outputs too).  The folder is safe to delete at any time between builds, and a cache
that cannot be written is no error: the build goes on without it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

VERSION = "plansite-check-cache-1"
LIBRARIES = ("PyYAML", "pydantic", "pydantic-core", "Babel")
"""The libraries a check runs on (parsing, the model, the catalogs and number formats)."""
_CHUNK = 1 << 20


def cache_root(out: Path | str) -> Path:
    """The check cache of a build into ``out``: ``<out>/.cache/checks``."""
    return Path(out).resolve() / ".cache" / "checks"


def _update(h, *parts: bytes) -> None:
    from .digest import framed  # the one framing of every cache key
    framed(h, *parts)


def _hash_open(h, fd: int) -> None:
    """Hash an opened entry: a regular file's bytes, else only its kind (never read)."""
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        _update(h, b"special", str(stat.S_IFMT(mode)).encode())
        return
    digest = hashlib.sha256()
    while chunk := os.read(fd, _CHUNK):
        digest.update(chunk)
    _update(h, b"bytes", digest.digest())


def _hash_file(h, path: bytes) -> None:
    """A file's bytes, opened without following a link and without blocking (a pipe that took
    its place since it was looked at is not waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        _update(h, b"unreadable", str(exc.errno).encode())
        return
    try:
        _hash_open(h, fd)
    finally:
        os.close(fd)


class _Uncacheable(Exception):
    """The folder links to a folder outside it: what a check reads there is not hashed."""


def _inside(path: bytes, root: bytes) -> bool:
    return path == root or path.startswith(root.rstrip(b"/") + b"/")


def _hash_link(h, path: bytes, root: bytes) -> None:
    _update(h, b"link", os.readlink(path))
    real = os.path.realpath(path)
    _update(h, real)
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:  # dangling or looping: the kind only
        _update(h, b"unresolved", str(exc.errno).encode())
        return
    if stat.S_ISDIR(mode):
        if not _inside(real, root):
            raise _Uncacheable(real)
        _update(h, b"folder")  # inside: its entries are walked where they are
    elif stat.S_ISREG(mode):
        _hash_file(h, real)
    else:
        _update(h, b"special", str(stat.S_IFMT(mode)).encode())


def _walk(h, path: bytes, rel: bytes, root: bytes) -> None:
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        _update(h, b"unlistable", rel, str(exc.errno).encode())
        return
    for name in names:
        full, shown = path + b"/" + name, rel + name
        try:
            mode = os.lstat(full).st_mode
        except OSError as exc:  # removed while listed
            _update(h, b"gone", shown, str(exc.errno).encode())
            continue
        _update(h, b"entry", shown)
        if stat.S_ISLNK(mode):
            _hash_link(h, full, root)
        elif stat.S_ISDIR(mode):
            _update(h, b"folder")
            _walk(h, full, shown + b"/", root)
        elif stat.S_ISREG(mode):
            _hash_file(h, full)
        else:
            _update(h, b"special", str(stat.S_IFMT(mode)).encode())


def folder_digest(folder: Path | str) -> str | None:
    """sha256 of everything in a plan folder (see the module's docstring), or None when it
    cannot be cached (a link to a folder outside it, the folder not readable)."""
    root = os.path.realpath(os.fsencode(folder))
    h = hashlib.sha256(b"plansite-plan-folder\0")
    try:
        if not stat.S_ISDIR(os.stat(root).st_mode):
            return None
        _walk(h, root, b"", root)
    except (_Uncacheable, OSError):
        return None
    return h.hexdigest()


def _normal(name: str) -> str:
    """A distribution's name as packaging compares names (``PyYAML``, ``pyyaml`` alike)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=1)
def _libraries() -> tuple[str, ...]:
    """``name==version`` of each of :data:`LIBRARIES`, as installed: read from the names of the
    ``*.dist-info`` folders on ``sys.path`` (the first found wins, as for an import), which spares
    ``validate`` importing :mod:`importlib.metadata` (~15 ms); a library found no other way is
    looked up there."""
    wanted = {_normal(name) for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[:-len(".dist-info")].partition("-")
                if _normal(dist) in wanted:
                    found.setdefault(_normal(dist), version)
        if wanted <= found.keys():
            break
    out = []
    for name in LIBRARIES:
        version = found.get(_normal(name))
        if version is None:
            from importlib import metadata
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                out.append(f"{name}: none")
                continue
        out.append(f"{name}=={version}")
    return tuple(out)


def key(folder: Path | str, strict: bool, lang: str, generator: str | None = None
        ) -> str | None:
    """The key of one plan folder's check result under these settings, or None when the
    folder cannot be cached (:func:`folder_digest`)."""
    digest = folder_digest(folder)
    if digest is None:
        return None
    if generator is None:
        from .digest import generator_digest
        generator = generator_digest()
    h = hashlib.sha256(VERSION.encode("ascii"))
    parts = [generator, *_libraries(), "strict" if strict else "lenient", lang, digest]
    _update(h, *(p.encode("utf-8") for p in parts))
    _update(h, os.fsencode(os.path.abspath(folder)), os.path.realpath(os.fsencode(folder)),
            os.fsencode(os.getcwd()))
    return h.hexdigest()


def check_cached(folder: Path | str, strict: bool, loc, cache: CheckCache | None):
    """One plan folder checked (:func:`generator.pipeline.check_folder`), or its result from
    ``cache`` when its key is there; a result made is kept in the cache."""
    from .locale import resolve
    from .pipeline import check_folder
    if cache is None:
        return check_folder(folder, strict, loc)
    lang = resolve(loc).lang
    k = key(folder, strict, lang)
    found = cache.get(k)
    if found is None:
        found = check_folder(folder, strict, loc)
        if k is not None and key(folder, strict, lang) == k:  # unchanged while checked
            cache.put(k, found)
    return found


def _loads(payload: bytes):
    """Unpickle with the garbage collector paused: a plan is thousands of new objects that all
    live on, and collecting while they are made (over every plan loaded before) costs more than
    the loading itself."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if paused:
            gc.enable()


def _header(sha: str) -> bytes:
    return f"{VERSION} {sha}\n".encode("ascii")


@dataclass
class PickleStore:
    """Results kept as integrity-checked pickles under a folder, one file per key (see the
    module's docstring): the check cache, and the report's and the site's per-plan shares
    (:mod:`generator.report`, :mod:`generator.site.pages`).  Counts its hits and misses."""

    root: Path
    hits: int = 0
    misses: int = 0
    hit_keys: list = field(default_factory=list)
    pending: dict = field(default_factory=dict)
    """The results checked in this build, pickled, until :meth:`flush` writes them."""

    def _path(self, k: str) -> Path:
        return self.root / k[:2] / f"{k}.pickle"

    def get(self, k: str | None):
        """The stored result of key ``k``, or None (a miss: no entry, or one that does not
        match its sha256 or cannot be loaded)."""
        if k is None:
            self.misses += 1
            return None
        try:
            data = self._path(k).read_bytes()
            head, _, payload = data.partition(b"\n")
            version, _, sha = head.decode("ascii").partition(" ")
            if version != VERSION or hashlib.sha256(payload).hexdigest() != sha:
                raise ValueError("damaged entry")
            checked = _loads(payload)
        except Exception:  # a damaged entry is a miss, whatever it raises
            self.misses += 1
            return None
        self.hits += 1
        self.hit_keys.append(k)
        return checked

    def put(self, k: str | None, checked) -> None:
        """Keep a result for :meth:`flush` (pickled now: what the build does to the plan
        afterwards is not stored)."""
        if k is None:
            return
        try:
            self.pending[k] = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return

    def flush(self) -> None:
        """Write the kept results, each to a temporary file renamed into place; a cache that
        cannot be written is no error."""
        pending, self.pending = self.pending, {}
        for k, payload in pending.items():
            path = self._path(k)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
                try:
                    with os.fdopen(fd, "wb") as f:
                        f.write(_header(hashlib.sha256(payload).hexdigest()) + payload)
                    os.replace(tmp, path)
                except BaseException:
                    try:
                        os.unlink(tmp)
                    except OSError:
                        pass
                    raise
            except OSError:
                continue


class CheckCache(PickleStore):
    """One build's view of the check cache, counting its hits and misses (the build summary)."""
