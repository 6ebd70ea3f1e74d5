"""Wording of what the public outputs withhold, and of the intranet's marks on it.

The grounds are the 호 (subparagraphs) of 정보공개법 제9조 제1항 (the Official Information
Disclosure Act, Article 9(1)); each is named by its short subject, so that a notice reads
"정보공개법 제9조 제1항 제5호(의사결정 과정 등)에 따라 비공개".
"""

from __future__ import annotations

GROUND_SUBJECTS = {
    1: "confidential under other laws",
    2: "national security, defence, unification, diplomacy",
    3: "protection of life, body and property",
    4: "trials, crime prevention and investigation",
    5: "audits, contracts, decision-making in progress",
    6: "personal information",
    7: "business secrets of corporations",
    8: "undue gain or loss to particular persons",
}
"""The subject of each ground (호 1–8), as an interface message."""

LABELS = {
    "section": "Withheld project",
    "part": "Withheld",
    "name": "(withheld)",
    "total": "includes withheld items",
}
"""What a withheld text reads as, by what was withheld (the rest read as the notice)."""


class WithheldWords:
    """Mixin of :class:`~generator.locale.Locale`: needs ``self._`` and ``self.text``."""

    def ground(self, number: int) -> str:
        """``제5호(감사·감독·계약·의사결정 과정 등)`` / ``subparagraph 5 (audits, …)``."""
        return self._("subparagraph {number} ({subject})", number=number,
                      subject=self._(GROUND_SUBJECTS[number]))

    def grounds(self, numbers) -> str:
        return self._(", (list separator)").join(self.ground(n) for n in numbers)

    def withheld_notice(self, numbers) -> str:
        """The notice in place of a withheld part: its grounds in words."""
        return self._("Withheld under {grounds} of Article 9(1) of the Official Information "
                      "Disclosure Act", grounds=self.grounds(numbers))

    def withheld_label(self, withheld) -> str:
        """What a withheld text reads as (a section's title, an approver's name, a total)."""
        label = LABELS.get(withheld.what)
        return self._(label) if label else self.withheld_notice(withheld.grounds)

    def internal_mark(self, internal) -> str:
        """The intranet's mark on a part kept out of the public outputs: ``비공개(제5호)``."""
        if internal is None:
            return ""
        mark = self._("not public (ground {numbers})", numbers=", ".join(
            str(n) for n in internal.grounds))
        if internal.note is None:
            return mark
        return self._("{mark}: {note}", mark=mark, note=self.text(internal.note))
