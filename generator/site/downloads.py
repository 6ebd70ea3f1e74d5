"""The files the site offers for download: the PDFs and the open data of ``plansite build``.

The build hands the site step the list of them (:class:`Download`: where each goes in the site,
which plan owns it, its size, and its bytes or the file the build staged), made from each plan's
outputs and the shared data files; the site adds them under ``downloads/`` and lists them.  The
site never looks for them on disk.  A plain ``mkdocs build`` has none, and the downloads page says
how to make them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KINDS = {".pdf": "PDF", ".json": "JSON", ".csv": "CSV", ".schema.json": "JSON Schema"}
FOLDERS = ("pdf", "data")


@dataclass(frozen=True)
class Download:
    dest: str
    """Its path in the site, e.g. ``downloads/pdf/<plan-id>.ko.pdf``."""
    plan_id: str | None
    """The plan whose outputs it is; None for a file shared by every plan (the schemas)."""
    size: int
    content: bytes | None = None
    """Its bytes; or None, and the file is :attr:`src`."""
    src: Path | None = None
    """The file the build staged, when :attr:`content` is not given."""

    def __post_init__(self):
        if (self.content is None) == (self.src is None):
            raise ValueError(f"{self.dest}: a download has its bytes or a file, one of the two")

    @classmethod
    def of(cls, folder: str, name: str, plan_id: str | None, data: bytes,
           staged: Path | None = None) -> "Download":
        """The download of an output file ``name`` of the build folder ``folder`` (``pdf``,
        ``data``): served from ``staged`` when given (where the build wrote ``data``), else
        from the bytes themselves."""
        if staged is None:
            return cls(f"downloads/{folder}/{name}", plan_id, len(data), content=data)
        return cls(f"downloads/{folder}/{name}", plan_id, len(data), src=Path(staged))

    @property
    def name(self) -> str:
        return self.dest.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        name = self.name.lower()
        for suffix in sorted(KINDS, key=len, reverse=True):
            if name.endswith(suffix):
                return KINDS[suffix]
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""


def ordered(downloads: list[Download]) -> list[Download]:
    """Downloads in the order the site lists them: the PDFs, then the data, each in path
    order."""
    def key(d: Download):
        folder, _, rest = d.dest.removeprefix("downloads/").partition("/")
        rank = FOLDERS.index(folder) if folder in FOLDERS else len(FOLDERS)
        return rank, folder, tuple(rest.split("/"))
    return sorted(downloads, key=key)


def size_text(size: int) -> str:
    """``12 KB``, ``1.4 MB``."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"
