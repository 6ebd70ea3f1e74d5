"""Reads one YAML file into plain data with the position of every value.

Safety over convenience: every scalar stays a string (``04524``, ``12:30``, ``no`` are text until
the model types them), a plain ``~``/``null``/empty value becomes ``None``, and aliases, anchors,
explicit tags, duplicate keys, non-text keys, several documents, deep nesting and large files are
refused with a located problem.  The parser is libyaml's (via PyYAML's C binding) when present;
the tree is built here from its events, so no PyYAML constructor ever sees the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import yaml

from .problems import Problem

try:  # the C parser is much faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the PyYAML wheels
    from yaml import SafeLoader as _Loader

MAX_BYTES = 1_000_000
"""Largest YAML file accepted (bytes)."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and sequences accepted."""
NULLS = {"", "~", "null", "Null", "NULL"}
_Scalar = yaml.ScalarEvent

Path = tuple
"""A path into the data: keys (str) and list indexes (int)."""


class Pos(NamedTuple):
    """Where a value starts in its file (1-based)."""

    line: int
    col: int


@dataclass
class SourceFile:
    """One YAML file read into data, with the position of every path in it."""

    name: str
    data: object
    positions: dict
    """(line, column) of every path, and of every key under ``("<key>",) + path``."""
    problems: list


def path_to_str(path: Path) -> str:
    """``('parts', 1, 'blocks', 0)`` → ``parts[1].blocks[0]``."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += ("." if out else "") + str(key)
    return out


class _Builder:
    def __init__(self, name: str):
        self.name = name
        self.positions: dict = {}
        self.problems: list[Problem] = []

    def problem(self, mark, path, rule, message, hint=""):
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, path_to_str(path),
                                     rule, "error", message, hint))

    def node(self, events, event, path, depth):
        mark = event.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        cls = event.__class__
        if cls is _Scalar and not event.anchor and (event.tag is None or any(event.implicit)):
            # the common case, kept fast: a plain or quoted scalar without anchor or tag
            if event.implicit[0] and event.value in NULLS:
                return None
            return event.value
        if cls is yaml.AliasEvent:
            self.problem(mark, path, "yaml-alias", f"alias *{event.anchor} is not allowed",
                         "write the value out in full; aliases are refused so that no document "
                         "can expand into a huge tree")
            return None
        if event.anchor:
            self.problem(mark, path, "yaml-anchor", f"anchor &{event.anchor} is not allowed",
                         "remove the anchor; plans write every value out")
        implicit = event.implicit if cls is not _Scalar else any(event.implicit)
        if event.tag not in (None, "!") and not implicit:
            self.problem(mark, path, "yaml-tag", f"explicit tag {event.tag} is not allowed",
                         "remove the tag; every value is read as text and typed by the plan model")
        if depth > MAX_DEPTH:
            self.problem(mark, path, "yaml-too-deep",
                         f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
            self._skip(events, event)
            return None
        if cls is _Scalar:
            return None if event.implicit[0] and event.value in NULLS else event.value
        if cls is yaml.SequenceStartEvent:
            items = []
            for ev in events:
                if ev.__class__ is yaml.SequenceEndEvent:
                    return items
                items.append(self.node(events, ev, path + (len(items),), depth + 1))
        if cls is yaml.MappingStartEvent:
            mapping: dict = {}
            for ev in events:
                if ev.__class__ is yaml.MappingEndEvent:
                    return mapping
                if ev.__class__ is not _Scalar:
                    self.problem(ev.start_mark, path, "yaml-key-type",
                                 "a key must be plain text, not a list or mapping",
                                 "write the key as text")
                    self._skip(events, ev)
                    self._skip(events, next(events))
                    continue
                key = ev.value
                value_ev = next(events)
                key_path = path + (key,)
                if key in mapping:
                    first = self.positions.get(("<key>",) + key_path, (0, 0))[0]
                    self.problem(ev.start_mark, key_path, "yaml-duplicate-key",
                                 f"duplicate key {key!r} (first at line {first})",
                                 "keep one of the two; YAML would silently keep only the last")
                    self._skip(events, value_ev)
                    continue
                self.positions[("<key>",) + key_path] = (ev.start_mark.line + 1,
                                                         ev.start_mark.column + 1)
                mapping[key] = self.node(events, value_ev, key_path, depth + 1)
        return None

    @staticmethod
    def _skip(events, event):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth = 1
            for ev in events:
                if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
                    if depth == 0:
                        return


def read_yaml(text: str | bytes, name: str) -> SourceFile:
    """Parse YAML text into (data, positions, problems); never raises on bad input."""
    builder = _Builder(name)
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            return SourceFile(name, None, {}, [Problem(
                name, 1, 1, "", "yaml-too-large", "error",
                f"file is {len(text):,} bytes, more than the limit of {MAX_BYTES:,}",
                "split the plan into more section files")])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return SourceFile(name, None, {}, [Problem(
                name, 1, 1, "", "yaml-encoding", "error", f"not UTF-8 text ({exc.reason} at byte "
                f"{exc.start})", "save the file as UTF-8")])
    data = None
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        documents = 0
        for ev in events:
            if isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                first = next(events)
                if documents > 1:
                    builder.problem(ev.start_mark, (), "yaml-multiple-documents",
                                    "more than one YAML document in the file",
                                    "remove the `---` line and keep one document per file")
                    builder._skip(events, first)
                    continue
                data = builder.node(events, first, (), 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(x for x in (exc.context, exc.problem) if x)
        builder.problems.append(Problem(name, mark.line + 1 if mark else 1,
                                        mark.column + 1 if mark else 1, "", "yaml-syntax", "error",
                                        f"YAML syntax: {msg}",
                                        "check the indentation and quote text that holds `: ` "
                                        "or starts with a special character"))
        data = None
    except yaml.YAMLError as exc:  # reader errors (control characters) have no problem_mark
        builder.problems.append(Problem(name, 1, 1, "", "yaml-syntax", "error", f"YAML: {exc}"))
        data = None
    return SourceFile(name, data, builder.positions, builder.problems)
