"""Figures: every figure's image file is in the plan folder, is the PNG, JPEG or SVG its name
says (by its bytes), cannot run a script or fetch anything, and is not too large (see
:mod:`generator.figures`, which reads the files once before the checks run)."""

from __future__ import annotations

from .. import figures, model
from ..locale.words import Quantity, Words
from .base import Context, rule


def _check(ctx: Context, rule_id: str, expected, found) -> None:
    """One comparison per figure whose file got as far as this rule's question."""
    if ctx.figures is None:
        return  # a plan checked from memory: no folder to read the files from
    for block in ctx.of(model.FigureBlock):
        got = ctx.figures.get(block.src)
        if got is None:
            continue
        path = ctx.path(block) + ("src",)
        subject = Words("the image of the figure {caption}", caption=block.caption)
        if isinstance(got, figures.Refused):
            if got.rule == rule_id:
                ctx.compare(path, subject, expected, block.src, False, got.message, got.hint)
            continue
        ctx.compare(path, subject, expected, found(got), True)


@rule("figure-file", "그림 파일 / A figure's file is in the plan folder", scope="section")
def figure_file(ctx: Context) -> None:
    """A figure's ``src`` is the path of a file inside the plan folder (``images/layout.png``,
    folders separated by ``/``): not an absolute path, no ``..``, no link leading out of the
    folder, and the file is there (names are case-sensitive)."""
    _check(ctx, "figure-file", Words("a file inside the plan folder"), lambda image: image.src)


@rule("figure-format", "그림 형식 / A figure is a plain PNG, JPEG or SVG", scope="section")
def figure_format(ctx: Context) -> None:
    """A figure's file is, by its bytes, the PNG, JPEG or SVG its name says (``.png``,
    ``.jpg``/``.jpeg``, ``.svg``).  An SVG is well-formed XML in the SVG namespace, without
    anything that could run or fetch: no ``<script>``, ``<foreignObject>`` or event handler
    (``onload``), no link or style naming another file or address (only ``#id`` within the
    drawing), no entity declarations."""
    _check(ctx, "figure-format", Words("a PNG, JPEG or SVG image"),
           lambda image: figures.KIND_NAMES[image.kind])


@rule("figure-size", "그림 크기 / A figure's file is not too large", scope="section")
def figure_size(ctx: Context) -> None:
    """A figure's file is at most 10 MB, and a PNG or JPEG at most 10,000 pixels a side (a
    small file can unpack into a picture too large to print)."""
    _check(ctx, "figure-size",
           Words("at most {bytes} MB and {side} pixels a side",
                 bytes=Quantity(figures.MAX_BYTES // 2**20), side=Quantity(figures.MAX_SIDE)),
           lambda image: Words("{size} bytes", size=Quantity(len(image.data))))
