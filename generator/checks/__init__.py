"""Named consistency checks run after a plan loads (totals, splits, caps, targets, schedule)."""

from .base import RULES, CheckResult, Context, rule, run_rules  # noqa: F401
from . import totals, splits, schedule, budget, agenda, translation, disclosure, document, figures, footnotes  # noqa: F401,E402  (registers the rules)
