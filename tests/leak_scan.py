"""A scanner of built outputs for canary strings: every file as the reader gets it.

HTML, Markdown, JSON (search index included), CSV, XML and any other text file are read as
text; a gzipped file (sitemap.xml.gz) is read unpacked; a PDF is read three ways: its text by
pypdf and by poppler's ``pdftotext``, its metadata (info dictionary and XMP), and every file
attached to it (each scanned in turn).  ``scan`` returns, for each canary found, the files it
was found in.
"""

from __future__ import annotations

import gzip
import io
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader


def _pdf_texts(data: bytes, name: str) -> list[tuple[str, str]]:
    reader = PdfReader(io.BytesIO(data))
    out = [(f"{name} (pypdf text)", "\n".join(page.extract_text() or "" for page in reader.pages))]
    meta = reader.metadata or {}
    out.append((f"{name} (metadata)", "\n".join(f"{k}={v}" for k, v in meta.items())))
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:
        out.append((f"{name} (XMP)", xmp.get_object().get_data().decode("utf-8", "replace")))
    for attachment, contents in (reader.attachments or {}).items():
        for i, content in enumerate(contents):
            out += _texts(content, f"{name} → {attachment}#{i}")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode("utf-8", "replace")
    out.append((f"{name} (pdftotext)", text))
    return out


def _texts(data: bytes, name: str) -> list[tuple[str, str]]:
    if name.endswith(".gz"):
        return _texts(gzip.decompress(data), name[:-3])
    if data.startswith(b"%PDF-"):
        return _pdf_texts(data, name)
    if name.endswith((".woff2", ".woff", ".ttf", ".png", ".jpg", ".ico", ".svg")):
        return []  # fonts and pictures hold no plan text
    return [(name, data.decode("utf-8", "replace"))]


def scan(folder: Path, canaries: re.Pattern) -> dict[str, set[str]]:
    """Every canary found under ``folder``, with the files (and PDF parts) holding it."""
    found: dict[str, set[str]] = {}
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        for where, text in _texts(path.read_bytes(), rel):
            for canary in set(canaries.findall(text)):
                found.setdefault(canary, set()).add(where)
    return found
