"""The plan model: typed classes for everything an annual work plan (연간업무 추진계획) holds.

Every field has a docstring; they become the JSON Schema descriptions editors show and the
reference in ``docs/``.  Values arrive as strings from :mod:`generator.yamlsource` and are typed
here (numbers with thousands commas, money with its unit, months, dates, timings).  Rules that
compare several fields (totals, splits, caps, schedule) are not here: they are the named checks in
:mod:`generator.checks`.

The package is read from the leaves up:

- :mod:`.values`: the value types (texts, money, funding splits, counts, periods, timings,
  budgets) and the ``Node`` base of every class;
- :mod:`.blocks`: the blocks a □ heading holds (overviews, bullets, tables, schedules …);
- :mod:`.document`: the plan around them (header, approval line, cover, summary schedule,
  sections and their □ headings);
- :mod:`.docs`: every model class, and the field docstrings as descriptions (JSON Schema, docs);
- :mod:`.tree`: walking a plan's nodes in document order, with their data paths.

Every public name of these modules is importable from here (``model.TableBlock``, ``model.walk``).
"""

from .values import (text_key, Budget, Count, CountPart, FundingSource, FundingSplit, Int, Marker, Money,
                     Node, Num, Period, Share, Text, Timing)
from .disclosure import PUBLIC_STATUSES, Disclosure, Ground, Internal
from .blocks import (AnyBlock, Block, BudgetBlock, BulletItem, BulletsBlock, Cell, Column,
                     FigureBlock, NoteBlock, Organisation, OrganisationsBlock, OverviewBlock, OverviewItem, Row,
                     ScheduleBlock, ScheduleItem, TableBlock, TargetsBlock)
from .document import (Approver, Cover, Dispatch, Footnote, Header, Office, Part, Plan, ScheduleGroup, ScheduleRow,
                       Section, SummarySchedule, schedule_rows)
from .docs import attach_field_docs, model_classes
from .tree import index, walk

__all__ = [
    "text_key",
    # disclosure
    "PUBLIC_STATUSES", "Disclosure", "Ground", "Internal",
    "schedule_rows",
    # values
    "Int", "Num", "Marker", "Node", "Text", "Money", "FundingSource", "Share", "FundingSplit",
    "CountPart", "Count", "Period", "Timing", "Budget",
    # blocks
    "BulletItem", "OverviewItem", "Block", "OverviewBlock", "BulletsBlock", "NoteBlock", "Cell",
    "Column", "Row", "TableBlock", "TargetsBlock", "ScheduleItem", "ScheduleBlock",
    "Organisation", "OrganisationsBlock", "BudgetBlock", "FigureBlock", "AnyBlock",
    # document
    "Part", "Footnote", "Section", "Approver", "Header", "Office", "ScheduleRow", "ScheduleGroup",
    "SummarySchedule", "Cover", "Dispatch", "Plan",
    # docs and tree
    "model_classes", "attach_field_docs", "walk", "index",
]
