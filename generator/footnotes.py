"""Footnote markers in plan texts: ``[^id]`` names a footnote of the section (its ``footnotes``).

A section defines its footnotes (``footnotes: [{id: 1, text: …}]``) and its blocks' texts
reference them where the number is printed: ``참여기업 60개사[^1]``.  The marker is the one
Markdown and Pandoc use; the id is the footnote's id (lowercase letters, digits, hyphens).  The
printed number is generated, not the id: footnotes are numbered through the whole plan in the
order they are first referenced (as sections are numbered), the same in every language.

This module only reads markers; the checks (:mod:`generator.checks.footnotes`) hold references
and definitions together, the view (:mod:`generator.view.notes`) turns a marker into its
reference, and the checks that read figures in printed text read it without its markers
(:func:`plain`), so that ``[^1]`` is never taken for a figure.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[\^([^\]\s]{1,40})\]")
"""A footnote marker: ``[^`` an id ``]`` (no space inside; the id is checked against the
section's footnotes)."""
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""What a footnote's id may be."""


def markers(text: str) -> list[str]:
    """The ids of the markers in a text, in order (repeats kept)."""
    if "[^" not in text:
        return []
    return MARKER.findall(text)


def numbers(plan) -> dict[tuple[int, str], int]:
    """The number of every referenced footnote of a plan, by (section index, footnote id): in
    the order of first reference, through the sections and their blocks' texts (read in
    Korean, so that every language numbers alike)."""
    from .model import Text, walk
    out: dict[tuple[int, str], int] = {}
    for i, section in enumerate(plan.sections):
        defined = {f.id for f in getattr(section, "footnotes", [])}
        if not defined:
            continue
        for part in section.parts:
            for node in walk(getattr(part, "blocks", [])):
                if isinstance(node, Text):
                    for marker in markers(node.ko):
                        if marker in defined and (i, marker) not in out:
                            out[(i, marker)] = len(out) + 1
    return out


def plain(text: str) -> str:
    """The text without its footnote markers (what the checks read figures from)."""
    if "[^" not in text:
        return text
    return MARKER.sub("", text)
