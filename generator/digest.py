"""Digests: what a plan's outputs were made from, as one hash.

A plan's outputs are a function of its YAML bytes and of the generator that renders them (its own
files: code, templates, catalogs, stylesheets, fonts) and of the libraries that shape the output
(WeasyPrint, mkdocs and its theme, Babel, Jinja2, fontTools).  :func:`input_digest` hashes exactly
that, so two builds with the same digest give the same files for the plan; a cache of per-plan
outputs can be keyed by it.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported: keying a verdict (validate) loads no model
    from .pipeline import CheckedPlan

GENERATOR_DIR = Path(__file__).resolve().parent
"""The generator package: every file under it is part of the generator digest."""
LOCK_FILE = GENERATOR_DIR.parent / "requirements.lock"
"""The pinned versions of every library (in a checkout; an installed package has none)."""
SHAPING = ("weasyprint", "mkdocs", "mkdocs-material", "babel", "jinja2", "fonttools")
"""The libraries whose versions shape the outputs (the PDFs' layout, the site's pages)."""


def _norm(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def generator_files(root: Path = GENERATOR_DIR) -> list[tuple[str, str]]:
    """Every file of the generator package (``__pycache__`` left out) as (its path relative to
    ``root``, with ``/``; its full path), in sorted relative-path order.  Walked with
    :func:`os.walk` on strings: every command keys its caches with it, and ``pathlib`` made this
    walk most of a reused verdict's time."""
    root_s = os.fspath(root)
    found = []
    for folder, dirs, files in os.walk(root_s):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, root_s).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [(prefix + name, os.path.join(folder, name)) for name in files
                  if os.path.isfile(os.path.join(folder, name))]
    return sorted(found)


def pinned_versions(lock: Path = LOCK_FILE) -> list[str]:
    """The lines of the lock file that pin a library of :data:`SHAPING` (``weasyprint==70.0``),
    in the file's order; without a lock file, the installed versions of those libraries."""
    lock = Path(lock)
    if lock.is_file():
        lines = []
        for line in lock.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "==" in line \
                    and _norm(line.split("==", 1)[0]) in SHAPING:
                lines.append(line)
        return lines
    from importlib import metadata
    found = []
    for name in SHAPING:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return found


def framed(h, *parts: bytes) -> None:
    """Add parts to a hash, each framed by its length, so that no two lists of parts hash
    alike: every key of the caches is made with it."""
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)


def _update(h, name: str, data: bytes) -> None:
    """Add one named item to a hash (:func:`framed`: its name, then its bytes)."""
    framed(h, name.encode("utf-8"), data)


def compute_generator_digest(root: Path = GENERATOR_DIR, lock: Path = LOCK_FILE) -> str:
    """sha256 over the generator's files (path and bytes, in path order) and the pinned
    versions of the libraries that shape the outputs."""
    root = Path(root)
    h = hashlib.sha256(b"plansite-generator\0")
    for rel, path in generator_files(root):
        with open(path, "rb") as f:
            _update(h, rel, f.read())
    for line in pinned_versions(lock):
        _update(h, "pin", line.encode("utf-8"))
    return h.hexdigest()


@lru_cache(maxsize=1)
def generator_digest() -> str:
    """The digest of the generator this process runs (computed once per process)."""
    return compute_generator_digest()


def input_digest(checked: CheckedPlan, generator: str | None = None) -> str:
    """sha256 of the generator digest, the plan's source files (names and bytes, in the order
    they were read) and the image files its figures show (by ``src``, in the order read): the
    same digest, the same outputs for the plan."""
    h = hashlib.sha256(b"plansite-input\0")
    h.update((generator or generator_digest()).encode("ascii"))
    for name, data in checked.sources.items():
        _update(h, name, data)
    for src, image in checked.images.items():
        _update(h, "image\0" + src, image.data)
    return h.hexdigest()
