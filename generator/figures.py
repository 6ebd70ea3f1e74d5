"""The image files a plan's figures show (배치도, photos, maps), read once from its folder.

A ``figure`` block names its file by its path inside the plan folder (``src:
images/layout.png``).  :func:`read_figures` reads every figure's file before the checks run and
keeps, for each ``src``, either the file (:class:`Image`: its bytes, kind and size in pixels)
or why it cannot be used (:class:`Refused`, reported at the ``src`` line by the rules of
:mod:`generator.checks.figures`).  What is refused:

- a path that is absolute, goes up (``..``), uses ``\\``, or leads out of the plan folder
  through a link; a file that is not there (``figure-file``);
- a file whose bytes are not a PNG, a JPEG or an SVG, or are another kind than its name says;
  an SVG that could run a script or fetch anything: a ``<script>``, an ``on…`` handler, a
  ``<foreignObject>``, a link or style that names another file or address (``figure-format``);
- more than :data:`MAX_BYTES`, or a picture of more than :data:`MAX_SIDE` pixels a side
  (``figure-size``: a small file may still unpack into a huge picture).

The bytes kept are what every output shows (the site copies them, the PDF's fetcher serves
them, the input digest hashes them): the file is not read again.
"""

from __future__ import annotations

import re
import struct
from decimal import Decimal
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .locale.words import Quantity, Words

MAX_BYTES = 10 * 1024 * 1024
"""The largest image file a figure may show: 10 MB."""
MAX_SIDE = 10_000
"""The most pixels a PNG or JPEG may have on a side."""
EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
"""The file names a figure may show, by what their bytes must be."""
MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}
KIND_NAMES = {"png": "PNG", "jpeg": "JPEG", "svg": "SVG"}
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Image:
    """A figure's file as read and checked."""

    src: str
    """Its path inside the plan folder, as the plan writes it (``images/layout.png``)."""
    path: Path
    """Where it was read (resolved)."""
    data: bytes
    kind: str
    """``png``, ``jpeg`` or ``svg``."""
    width: int | None = None
    """Its size in pixels (PNG and JPEG; None for an SVG)."""
    height: int | None = None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


@dataclass(frozen=True)
class Refused:
    """Why a figure's file cannot be shown: the rule that reports it, what is wrong, the fix."""

    src: str
    rule: str
    """``figure-file``, ``figure-format`` or ``figure-size``."""
    message: Words
    hint: Words


def _refused_path(folder: Path, src: str) -> Refused | None:
    """Why ``src`` names no file inside the plan folder, if it does not."""
    def no(message, hint):
        return Refused(src, "figure-file", message, hint)
    where = Words("write its path inside the plan folder, e.g. images/layout.png, and put the "
                  "file there")
    if "\\" in src:
        return no(Words("{src!r}: folders are separated by / in a figure's path", src=src),
                  Words("write {fixed}", fixed=src.replace("\\", "/")))
    pure = PurePosixPath(src)
    if pure.is_absolute() or src.startswith("~") or re.match(r"^[A-Za-z]:", src) \
            or "://" in src:
        return no(Words("{src!r} is not a path inside the plan folder", src=src), where)
    if ".." in pure.parts:
        return no(Words("{src!r} leads out of the plan folder (..)", src=src), where)
    root = folder.resolve()
    path = folder / src
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        return no(Words("no file {src} in the plan folder", src=src), _near_miss(folder, src))
    except (OSError, RuntimeError):
        return no(Words("{src!r} cannot be read", src=src), where)
    if not resolved.is_relative_to(root):
        return no(Words("{src!r} is a link to a file outside the plan folder", src=src),
                  Words("copy the image into the plan folder instead of linking to it"))
    if not resolved.is_file():
        return no(Words("{src!r} is not a file", src=src), where)
    return None


def _near_miss(folder: Path, src: str) -> Words:
    """The hint for a missing file: a file of the same name in other letter case, if any."""
    path = folder / src
    parent = path.parent
    if parent.is_dir():
        for other in sorted(parent.iterdir()):
            if other.name.lower() == path.name.lower() and other.name != path.name:
                fixed = (PurePosixPath(src).parent / other.name).as_posix()
                return Words("file names are case-sensitive: write src: {fixed}", fixed=fixed)
    return Words("put the image at {src} inside the plan folder, or correct src",
                 src=PurePosixPath(src).as_posix())


def sniff(data: bytes) -> str | None:
    """What the bytes are: ``png``, ``jpeg``, ``svg``, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return "svg"
    return None


def png_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's width and height from its IHDR chunk, or None when it has none."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """A JPEG's width and height from its frame header (SOF), or None when it has none."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before it
            return None
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in _SOF:
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return (width, height) if width and height else None
        i += 2 + length
    return None


_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)


def svg_refusal(data: bytes) -> Words | None:
    """What in an SVG could run a script or fetch something, or makes it no SVG; None when it
    is a plain drawing."""
    import xml.etree.ElementTree as ET
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Words("the SVG file is not UTF-8 text")
    if "<!ENTITY" in text or re.search(r"<!DOCTYPE[^>]*\[", text):
        return Words("the SVG file declares entities (<!ENTITY>), which may expand without end")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return Words("the SVG file is not well-formed XML ({error})", error=str(exc))
    if root.tag != f"{{{SVG_NS}}}svg":
        return Words("the file's root element is not an SVG <svg> in the SVG namespace "
                     "(xmlns=\"{ns}\")", ns=SVG_NS)
    for el in root.iter():
        name = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if name in ("script", "foreignObject", "iframe", "object", "embed", "handler"):
            return Words("the SVG holds a <{element}> element", element=name)
        for attr, value in el.attrib.items():
            local = attr.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return Words("the SVG holds an event handler ({attribute})", attribute=local)
            if local in ("href", "src") and not value.strip().startswith("#"):
                return Words("the SVG refers to {target!r} (<{element} {attribute}>)",
                             target=value.strip()[:60], element=name, attribute=local)
        styles = [el.attrib.get("style", "")] + ([el.text or ""] if name == "style" else [])
        for style in styles:
            if "@import" in style:
                return Words("the SVG's style imports another file (@import)")
            for m in _URL.finditer(style):
                if not m.group(2).strip().startswith("#"):
                    return Words("the SVG refers to {target!r} (<{element} {attribute}>)",
                                 target=m.group(2).strip()[:60], element=name,
                                 attribute="style")
    for attr in ("fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid",
                 "marker-end"):
        for el in root.iter():
            for m in _URL.finditer(el.attrib.get(attr, "")):
                if not m.group(2).strip().startswith("#"):
                    return Words("the SVG refers to {target!r} (<{element} {attribute}>)",
                                 target=m.group(2).strip()[:60],
                                 element=el.tag.rsplit("}", 1)[-1], attribute=attr)
    return None


def read_image(folder: Path | str, src: str) -> Image | Refused:
    """A figure's file, read and checked; or why it cannot be shown."""
    folder = Path(folder)
    refused = _refused_path(folder, src)
    if refused is not None:
        return refused
    suffix = PurePosixPath(src).suffix.lower()
    expected = EXTENSIONS.get(suffix)
    if expected is None:
        return Refused(src, "figure-format",
                       Words("{src!r} is not a PNG, JPEG or SVG file (its name ends in "
                             "{suffix!r})", src=src, suffix=suffix or ""),
                       Words("save the image as PNG (drawings, plans), JPEG (photos) or SVG, "
                             "with its name ending in .png, .jpg or .svg"))
    path = (folder / src).resolve()
    size = path.stat().st_size
    too_big = Words("make the file smaller: fewer pixels, or JPEG for a photo")
    if size > MAX_BYTES:
        return Refused(src, "figure-size",
                       Words("the image is {size} MB; a figure may be at most {limit} MB",
                             size=Quantity((Decimal(size) / 2**20).quantize(Decimal("0.1"))),
                             limit=Quantity(MAX_BYTES // 2**20)), too_big)
    with path.open("rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # it grew since
        return Refused(src, "figure-size",
                       Words("the image is more than {limit} MB",
                             limit=Quantity(MAX_BYTES // 2**20)), too_big)
    kind = sniff(data)
    fix = Words("save the image again as {kind} (a .{ext} file), or correct src",
                kind=KIND_NAMES[expected], ext=suffix.lstrip("."))
    if kind is None:
        return Refused(src, "figure-format",
                       Words("{src!r} is not a {kind} image: its bytes are no PNG, JPEG or SVG",
                             src=src, kind=KIND_NAMES[expected]), fix)
    if kind != expected:
        return Refused(src, "figure-format",
                       Words("{src!r} is a {found} image, but its name says {kind}", src=src,
                             found=KIND_NAMES[kind], kind=KIND_NAMES[expected]),
                       Words("rename the file to end in .{ext}, or save it as {kind}",
                             ext={"png": "png", "jpeg": "jpg", "svg": "svg"}[kind],
                             kind=KIND_NAMES[expected]))
    if kind == "svg":
        why = svg_refusal(data)
        if why is not None:
            return Refused(src, "figure-format", Words("{src!r}: {why}", src=src, why=why),
                           Words("save the drawing as a plain SVG, without scripts, links to "
                                 "other files or embedded web content (or as PNG)"))
        return Image(src, path, data, kind)
    dims = png_size(data) if kind == "png" else jpeg_size(data)
    if dims is None:
        return Refused(src, "figure-format",
                       Words("{src!r} is a damaged {kind} file: it gives no picture size",
                             src=src, kind=KIND_NAMES[kind]), fix)
    width, height = dims
    if width > MAX_SIDE or height > MAX_SIDE:
        return Refused(src, "figure-size",
                       Words("the image is {width} × {height} pixels; a figure may be at most "
                             "{limit} pixels a side", width=Quantity(width),
                             height=Quantity(height), limit=Quantity(MAX_SIDE)),
                       Words("scale the image down (2,000 pixels a side print sharply on A4)"))
    return Image(src, path, data, kind, width, height)


def site_path(plan_id: str, src: str) -> str:
    """Where a figure's image lies in the site: under its plan's pages, at its path in the plan
    folder (``<plan-id>/images/layout.png``)."""
    return f"{plan_id}/{PurePosixPath(src).as_posix()}"


def read_figures(folder: Path | str, nodes: list) -> dict[str, Image | Refused]:
    """The file of every figure among a plan's nodes (:func:`generator.model.index`), by
    ``src``, each read once, in document order."""
    from .model import FigureBlock
    out: dict[str, Image | Refused] = {}
    for block in nodes:
        if isinstance(block, FigureBlock) and block.src not in out:
            out[block.src] = read_image(folder, block.src)
    return out
