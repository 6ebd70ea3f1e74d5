"""Footnotes: every marker ``[^id]`` in a block's text names a footnote of its section, and
every footnote is referenced (see :mod:`generator.footnotes`)."""

from __future__ import annotations

from .. import model
from ..footnotes import markers
from ..locale.words import Words
from .base import Context, rule


def _texts(ctx: Context, section: model.Section):
    """The section's texts with their paths and whether they are in a block (where a marker
    is a reference) or elsewhere (a title, a heading, a footnote)."""
    for node in ctx.walk(section):
        if isinstance(node, model.Text) and "[^" in node.ko:
            path = ctx.path(node)
            yield node, path, path[2:3] == ("parts",) and "blocks" in path[4:5]


def _sections(ctx: Context):
    return [s for s in ctx.plan.sections if isinstance(s, model.Section)]


@rule("footnote-undefined", "각주 정의 / Every footnote marker names a footnote", scope="section")
def undefined(ctx: Context) -> None:
    """A footnote marker ``[^id]`` in a block's text names one of the section's ``footnotes``
    (by its ``id``); the marker is printed as the footnote's number.  Markers are read in the
    texts of blocks only: one in a section title, a □ heading or a footnote's own text would be
    printed as it is written, and is an error too."""
    for section in _sections(ctx):
        defined = {f.id for f in section.footnotes}
        ids = ", ".join(sorted(defined)) or Words("none")
        for text, path, in_block in _texts(ctx, section):
            for marker in markers(text.ko):
                subject = Words("footnote [^{id}]", id=marker)
                if not in_block:
                    ctx.compare(path, subject, Words("a marker in a block's text"),
                                Words("a marker in a heading or a footnote"), False,
                                Words("the footnote marker [^{id}] is outside the blocks: it "
                                      "would be printed as written", id=marker),
                                Words("move the marker into a line of the block below the "
                                      "heading, or remove it"))
                    continue
                ctx.compare(path, subject, Words("a footnote of the section"), marker,
                            marker in defined,
                            Words("no footnote {id!r} in this section (its footnotes: {ids})",
                                  id=marker, ids=ids),
                            Words("add a footnote with id {id} to the section's footnotes, or "
                                  "correct the marker", id=marker))


@rule("footnote-unused", "각주 참조 / Every footnote is referenced", "warning", scope="section")
def unused(ctx: Context) -> None:
    """Every footnote of a section is referenced by a marker ``[^id]`` in one of its blocks'
    texts; a footnote referenced nowhere is printed nowhere."""
    for section in _sections(ctx):
        used = {m for text, _, in_block in _texts(ctx, section) if in_block
                for m in markers(text.ko)}
        for k, note in enumerate(section.footnotes):
            ctx.compare(ctx.path(section) + ("footnotes", k, "id"),
                        Words("footnote [^{id}]", id=note.id), Words("referenced"),
                        Words("referenced") if note.id in used else Words("not referenced"),
                        note.id in used,
                        Words("footnote {id!r} is referenced by no text, so it is printed "
                              "nowhere", id=note.id),
                        Words("write [^{id}] where the footnote's number belongs, or remove "
                              "the footnote", id=note.id))
