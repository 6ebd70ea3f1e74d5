"""The project's fonts: WOFF2 → TrueType, decompressed once and kept on disk for every renderer.

The project carries its Nanum fonts as WOFF2 (5 MB instead of 17 MB).  WeasyPrint can read WOFF2,
but decodes it in pure Python (fontTools) on every render: 2.4-3.6 s for each of the four full
Korean fonts, about 12 s a render against well under a second for the layout itself.  The fetcher
(:mod:`generator.pdf.fetcher`) therefore hands WeasyPrint the TrueType bytes from this cache,
keyed by a hash of the WOFF2 file, so a font is decoded once per change of the font file; the
site's web-font subsets (:mod:`generator.site.fonts`) start from the same decoded fonts.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

WOFF2_MAGIC = b"wOF2"
FONTS_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
"""The fonts the project carries, with their OFL licence."""


def cache_dir(build_root: Path | str = "build") -> Path:
    """Where decoded fonts are kept for a build into ``build_root`` (``plansite build --out``;
    for plain mkdocs, the folder holding its ``site_dir``): ``$PLANSITE_CACHE/fonts`` when that
    is set, else ``<build_root>/.cache/fonts``.  The caller decides the folder and hands it to
    the steps that use it; no step guesses it from where it writes."""
    if os.environ.get("PLANSITE_CACHE"):
        return Path(os.environ["PLANSITE_CACHE"]) / "fonts"
    return Path(build_root).resolve() / ".cache" / "fonts"


def _key(woff2: bytes) -> str:
    return hashlib.sha256(woff2).hexdigest()[:32]


def decompress(woff2: bytes) -> bytes:
    """The TrueType font inside WOFF2 bytes."""
    from fontTools.ttLib import woff2 as ft_woff2
    out = io.BytesIO()
    ft_woff2.decompress(io.BytesIO(woff2), out)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old bytes or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FontCache:
    """Decompressed fonts under ``folder``, named by the hash of their WOFF2 source."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    def path_for(self, woff2: bytes) -> Path:
        return self.folder / f"{_key(woff2)}.ttf"

    def ttf(self, woff2: bytes) -> bytes:
        """The TrueType bytes of a WOFF2 font, from the cache or decoded (and cached) now."""
        path = self.path_for(woff2)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        data = decompress(woff2)
        write_atomic(path, data)
        return data

    def warm(self, files: list[Path]) -> None:
        """Decode every WOFF2 file not cached yet, in parallel (one process per font)."""
        todo = []
        for f in files:
            data = f.read_bytes()
            if data[:4] == WOFF2_MAGIC and not self.path_for(data).exists():
                todo.append(data)
        if len(todo) <= 1 or (os.cpu_count() or 1) == 1:
            for data in todo:
                self.ttf(data)
            return
        try:
            with ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
                for data, ttf in zip(todo, pool.map(decompress, todo)):
                    write_atomic(self.path_for(data), ttf)
        except (OSError, BrokenProcessPool):  # no processes here: decode one by one
            for data in todo:
                self.ttf(data)
