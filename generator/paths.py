"""How a path is shown to the user: relative to the working directory when it lies below it."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def command_cache() -> Path | None:
    """The cache folder of a command that has no ``--out`` (``validate``; the catalogs any
    command parses): ``$PLANSITE_CACHE``, else ``build/.cache``, and only when it exists (a
    command run elsewhere writes nothing where it stands)."""
    base = Path(os.environ["PLANSITE_CACHE"]) if os.environ.get("PLANSITE_CACHE") \
        else Path("build") / ".cache"
    return base if base.is_dir() else None
