"""Disclosure: a plan's 공개여부 and the marks that keep a part of it internal.

Korean offices disclose an approved document as 대시민공개 (published to citizens), 공개,
부분공개 (partly: some parts withheld) or 비공개 (withheld whole).  부분공개 and 비공개 cite
the ground in 정보공개법 제9조 제1항 (호 1–8), printed e.g. ``부분공개(5)``.  Any section, □
heading, block, table row, overview line, organisation or approver's name may be marked
``internal`` with its ground; the public outputs are built without it (see
:mod:`generator.projection`).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import Field, field_validator, model_validator

from .values import Node, Text

Ground = Annotated[int, Field(ge=1, le=8)]
"""A ground for withholding: a 호 (subparagraph, 1–8) of 정보공개법 제9조 제1항."""

PUBLIC_STATUSES = ("대시민공개", "공개")
"""The statuses under which the whole plan is public."""

WRITTEN = r"^\s*(대시민공개|공개|부분공개|비공개)\s*(\([1-8](\s*,\s*[1-8])*\))?\s*$"
"""The disclosure as a plan writes it, for editors (the JSON Schema's pattern)."""

_STATUS = re.compile(r"^\s*(대시민공개|공개|부분공개|비공개)\s*(?:\(\s*([^)]*)\)\s*)?$")


def _grounds(value) -> list:
    """Grounds written ``5``, ``"5, 6"``, ``제5호`` or ``[5, 6]``."""
    if value is None:
        return []
    if isinstance(value, (int, str)):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, str):
            parts = [p for p in re.split(r"[,\s·]+", item.strip()) if p]
            for p in parts:
                m = re.fullmatch(r"(?:제)?(\d+)(?:호)?", p)
                if not m:
                    raise ValueError("a ground is a number 1 to 8 (정보공개법 제9조 제1항 각 호), "
                                     f"got {p!r}")
                out.append(int(m.group(1)))
        else:
            out.append(item)
    return out


class Disclosure(Node):
    """공개여부: ``대시민공개``, ``공개``, ``부분공개(5)`` or ``비공개(1, 5)``."""

    status: Literal["대시민공개", "공개", "부분공개", "비공개"]
    """The status."""
    grounds: list[Ground] = []
    """The grounds of 부분공개 and 비공개: 호 1–8 of 정보공개법 제9조 제1항."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            m = _STATUS.match(value)
            if not m:
                return {"status": value}  # refused by the status's choices, with its hint
            return {"status": m.group(1), "grounds": _grounds(m.group(2))}
        return value

    @field_validator("grounds", mode="before")
    @classmethod
    def _parse_grounds(cls, value):
        return _grounds(value)

    @property
    def public(self) -> bool:
        """True when the plan may appear in the public outputs (all but 비공개)."""
        return self.status != "비공개"

    def __str__(self) -> str:
        if not self.grounds:
            return self.status
        return f"{self.status}({', '.join(str(g) for g in self.grounds)})"


class Internal(Node):
    """A mark that keeps a part of the plan out of the public outputs, with its ground:
    ``internal: 5`` or ``internal: {grounds: [5, 6], note: 협상 중}``."""

    grounds: list[Ground] = Field(min_length=1)
    """Why: 호 1–8 of 정보공개법 제9조 제1항 (one of the grounds the header cites)."""
    note: Optional[Text] = None
    """A note for the staff who read the intranet (never published)."""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value):
        if isinstance(value, (int, str, list)):
            return {"grounds": _grounds(value)}
        return value

    @field_validator("grounds", mode="before")
    @classmethod
    def _parse_grounds(cls, value):
        return _grounds(value)

