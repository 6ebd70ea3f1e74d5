"""The files the site offers for download: the PDFs and the open data the other steps wrote.

``plansite build`` writes ``pdf/<plan-id>.ko.pdf`` and ``data/…`` beside the site's staging
folder before the site step runs; the site copies whatever of them exists into
``downloads/`` and lists it.  A plain ``mkdocs build`` has none, and the downloads page says how
to make them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KINDS = {".pdf": "PDF", ".json": "JSON", ".csv": "CSV", ".schema.json": "JSON Schema"}
FOLDERS = ("pdf", "data")


@dataclass(frozen=True)
class Download:
    src: Path
    """The file the build step wrote."""
    dest: str
    """Its path in the site, e.g. ``downloads/pdf/<plan-id>.ko.pdf``."""
    plan_id: str | None
    """The plan it belongs to, when its name starts with the plan id (longest id wins)."""
    size: int

    @property
    def name(self) -> str:
        return self.dest.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        name = self.name.lower()
        for suffix in sorted(KINDS, key=len, reverse=True):
            if name.endswith(suffix):
                return KINDS[suffix]
        return name.rsplit(".", 1)[-1].upper() if "." in name else "파일"


def _owner(rel: Path, plan_ids: list[str]) -> str | None:
    first = rel.parts[0]
    for pid in sorted(plan_ids, key=len, reverse=True):
        if first == pid or first.startswith((pid + ".", pid + "-")):
            return pid
    return None


def find(root: Path | None, plan_ids: list[str]) -> list[Download]:
    """Every file under root/pdf and root/data, in path order; empty when root is None."""
    found: list[Download] = []
    if root is None:
        return found
    for folder in FOLDERS:
        base = Path(root) / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            rel = path.relative_to(base)
            found.append(Download(path, f"downloads/{folder}/{rel.as_posix()}",
                                  _owner(rel, plan_ids), path.stat().st_size))
    return found


def size_text(size: int) -> str:
    """``12 KB``, ``1.4 MB``."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"
