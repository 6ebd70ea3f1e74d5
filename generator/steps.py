"""The steps of ``plansite build``: what ``--only`` names, and the folder each writes under build/.

Apart from :mod:`generator.build` so that the command line knows the names without importing
the build (``plansite validate`` starts with the parser).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One output of the build, as ``plansite build --only`` names it."""

    name: str
    folder: str
    """Its folder under build/ ("" for files at the top of build/)."""
    kind: str
    """``shared``: whole-build files; ``per-plan``: files of each plan (:func:`plan_outputs`),
    and any shared files beside them; ``site``: the assembly of every plan and download."""


STEPS: list[Step] = [
    Step("checks", "", "shared"),      # checks.json, checks.md (generator.report)
    Step("data", "data", "per-plan"),  # <id>.json, <id>-*.csv; the schemas (generator.data)
    Step("pdf", "pdf", "per-plan"),    # <id>.ko.pdf, <id>.en.pdf (generator.pdf)
    Step("site", "site", "site"),      # generator.site
    Step("public", "public", "public"),  # public/{data,pdf,site}: the public projections only
]
"""Every build step, in the order it runs."""

STEP_NAMES = [step.name for step in STEPS]
"""What ``plansite build --only`` accepts."""
PER_PLAN = [step.name for step in STEPS if step.kind == "per-plan"]
"""The steps that make files for each plan, by output folder."""
