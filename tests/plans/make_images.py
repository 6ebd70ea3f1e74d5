"""Writes the fixtures' images: small PNG drawings made byte for byte the same on every run.

Run ``python tests/plans/make_images.py`` after changing a drawing.  The PNGs are written with
zlib alone (no imaging library): a truecolour image, one filter byte per row, one IDAT chunk.
The scaffold's example image (``generator/templates/scaffold/annual/images/``) is made here too.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

WHITE, INK, NAVY, SKY, SAND, GREEN, RED = ((255, 255, 255), (40, 40, 40), (31, 58, 96),
                                           (190, 214, 238), (240, 226, 196), (186, 222, 190),
                                           (214, 72, 60))


def png(width: int, height: int, rects: list[tuple[int, int, int, int, tuple]]) -> bytes:
    """A PNG of the given size: white, with the rectangles (x, y, w, h, colour) drawn in
    order, each with a dark outline."""
    rows = [bytearray(WHITE * width) for _ in range(height)]

    def fill(x0, y0, w, h, colour):
        for y in range(max(y0, 0), min(y0 + h, height)):
            for x in range(max(x0, 0), min(x0 + w, width)):
                rows[y][3 * x:3 * x + 3] = bytes(colour)
    for x, y, w, h, colour in rects:
        fill(x, y, w, h, INK)
        fill(x + 2, y + 2, w - 4, h - 4, colour)
    raw = b"".join(b"\0" + bytes(r) for r in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def hall_layout() -> bytes:
    """A fair's 배치도: a hall with the stage at the top, two rows of booths, an interview
    corner and the entrance."""
    rects = [(0, 0, 480, 300, SAND), (150, 12, 180, 50, NAVY)]  # the hall, the stage
    for row, y in enumerate((100, 170)):
        for i in range(6):
            rects.append((40 + i * 70, y, 56, 44, SKY if row == 0 else GREEN))
    rects += [(40, 236, 120, 50, SKY), (400, 250, 70, 48, RED)]  # interviews, the entrance
    return png(480, 300, rects)


def escape_route() -> bytes:
    """An internal drawing: the routes kept clear for safety (a few red lanes)."""
    return png(240, 150, [(0, 0, 240, 150, SAND), (10, 60, 220, 20, RED),
                          (110, 10, 20, 130, RED), (180, 100, 50, 40, NAVY)])


def tiny() -> bytes:
    """The minimal plan's figure: a small plan of two rooms."""
    return png(64, 40, [(0, 0, 64, 40, SAND), (4, 4, 26, 32, SKY), (34, 4, 26, 32, GREEN)])


def example_layout() -> bytes:
    """The scaffold's example: a room with tables, to be replaced by the plan's own image."""
    rects = [(0, 0, 320, 200, SAND), (110, 10, 100, 36, NAVY)]
    rects += [(30 + i * 70, 80, 50, 36, SKY) for i in range(4)]
    rects += [(30 + i * 70, 140, 50, 36, GREEN) for i in range(4)]
    return png(320, 200, rects)


def campus_map() -> bytes:
    """An SVG map of the district: the river, its roads and the four session venues."""
    venues = [(90, 70), (170, 120), (260, 80), (320, 170)]
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="9" fill="#d6483c" stroke="#282828" '
                   f'stroke-width="2"/>' for x, y in venues)
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" '
            'viewBox="0 0 400 240">'
            '<rect width="400" height="240" fill="#f0e2c4" stroke="#282828" stroke-width="2"/>'
            '<path d="M0 200 C 120 170 260 230 400 190 L 400 240 L 0 240 Z" fill="#bed6ee"/>'
            '<path d="M20 40 L 380 40 M 60 10 L 60 190 M 200 10 L 200 200 M 20 140 L 380 140" '
            'stroke="#1f3a60" stroke-width="6" fill="none"/>' + dots + "</svg>\n").encode()


IMAGES = {
    HERE / "valid" / "minimal" / "images" / "layout.png": tiny,
    HERE / "valid" / "fair" / "images" / "hall-layout.png": hall_layout,
    HERE / "valid" / "fair" / "images" / "safety-routes.png": escape_route,
    HERE / "valid" / "fair" / "images" / "campus-map.svg": campus_map,
    HERE / "valid" / "partial" / "images" / "route.png": escape_route,
    ROOT / "generator" / "templates" / "scaffold" / "annual" / "images" / "example-layout.png":
        example_layout,
}


if __name__ == "__main__":
    for path, make in IMAGES.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        print(f"wrote {path.relative_to(ROOT)}")
