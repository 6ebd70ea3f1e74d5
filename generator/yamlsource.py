"""Reads one YAML file into plain data with the position of every value.

Safety over convenience: every scalar stays a string (``04524``, ``12:30``, ``no`` are text until
the model types them), a plain ``~``/``null``/empty value becomes ``None``, and aliases, anchors,
explicit tags, duplicate keys, non-text keys, several documents, deep nesting and large files are
refused with a located problem.  So are control characters (other than tab and newline), each
at its line and column, whether written in the file or by an escape in a double-quoted text
(:mod:`generator.textsafety`); every key and value comes out in Unicode normal form C, so that
ids, units and keys compare as they read.  The parser is libyaml's (via PyYAML's C binding) when present;
the tree is built here from its events, so no PyYAML constructor ever sees the document.

Problems are worded in the reader's language (a :class:`~generator.locale.Locale`, Korean by
default) from the ``checks`` catalog; the parser's own words for a syntax error are looked up
there too (:data:`YAML_PROBLEMS`), and kept as they are when the catalog does not know them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import yaml

from . import limits
from .problems import Problem
from .locale.words import N_, Quantity, Words, word
from .locale import resolve as _locale
from .textsafety import RAW_FORBIDDEN, VALUE_FORBIDDEN, char_name, nfc

try:  # the C parser is much faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the PyYAML wheels
    from yaml import SafeLoader as _Loader

MAX_BYTES = limits.MAX_FILE_BYTES
"""Largest YAML file accepted (bytes)."""
MAX_DEPTH = limits.MAX_YAML_DEPTH
"""Deepest nesting of mappings and sequences accepted."""
MAX_CONTROLS_SHOWN = 10
"""Control characters reported one by one in a file; the rest are counted in one more."""
NULLS = {"", "~", "null", "Null", "NULL"}
_Scalar = yaml.ScalarEvent

Path = tuple
"""A path into the data: keys (str) and list indexes (int)."""



YAML_CONTEXTS = frozenset({
    N_("while parsing a flow sequence"), N_("while parsing a flow mapping"),
    N_("while parsing a block mapping"), N_("while parsing a block collection"),
    N_("while parsing a block node"), N_("while parsing a flow node"),
    N_("while parsing a node"), N_("while parsing a quoted scalar"),
    N_("while scanning a quoted scalar"), N_("while scanning a simple key"),
    N_("while scanning a block scalar"), N_("while scanning a plain scalar"),
    N_("while scanning a directive"), N_("while scanning an anchor"),
    N_("while scanning an alias"), N_("while scanning a tag"),
})
"""What the parser was reading when it failed, as PyYAML (libyaml) words it; in the catalog."""
YAML_PROBLEMS = frozenset({
    N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"),
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("did not find expected key"), N_("did not find expected '-' indicator"),
    N_("did not find expected node content"), N_("could not find expected ':'"),
    N_("found unexpected end of stream"), N_("found character that cannot start any token"),
    N_("found unknown escape character"), N_("found unknown directive name"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("block sequence entries are not allowed in this context"),
    N_("found unexpected ':'"), N_("found undefined tag handle"),
    N_("did not find expected <document start>"),
    N_("did not find URI escaped octet"), N_("found unexpected document indicator"),
    N_("found invalid Unicode character escape code"),
})
"""What went wrong, as PyYAML (libyaml) words it; in the catalog."""
QUIET_CONTEXTS = frozenset({"while scanning for the next token"})
"""Contexts that say nothing the problem does not: left out of the message."""
DECODE_REASONS = frozenset({N_("invalid start byte"), N_("invalid continuation byte"),
                            N_("unexpected end of data")})
"""Python's words for why bytes are not UTF-8; in the catalog."""


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



class _TooDeep(Exception):
    """The document nests deeper than :data:`MAX_DEPTH`: its parse is abandoned."""


class _Builder:
    def __init__(self, name: str, loc=None, text: str = ""):
        self.name = name
        self.loc = loc
        self.text = text
        self.positions: dict = {}
        self.problems: list[Problem] = []
        self._line_starts: list[int] | None = None

    def escaped_controls(self, event, path) -> None:
        """Report the controls that the escapes of a double-quoted scalar (``"\\e"``,
        ``"\\x00"``) write, each at its escape (its position in the file)."""
        if self._line_starts is None:
            self._line_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        starts = self._line_starts

        def offset(mark):
            return starts[min(mark.line, len(starts) - 1)] + mark.column
        begin, end = offset(event.start_mark), offset(event.end_mark)
        found = False
        for m in _ESCAPE.finditer(self.text, begin, end):
            ch = _unescape(m.group(1))
            if ch is not None and VALUE_FORBIDDEN.match(ch):
                line, col = _line_col(self.text, m.start())
                self.problems.append(_control_problem(self.name, line, col, path, ch, self.loc,
                                                      escaped=True))
                found = True
        if not found:  # pragma: no cover - every forbidden character comes from an escape
            ch = VALUE_FORBIDDEN.search(event.value).group()
            mark = event.start_mark
            self.problems.append(_control_problem(self.name, mark.line + 1, mark.column + 1,
                                                  path, ch, self.loc, escaped=True))

    def problem(self, mark, path, rule, message, hint=None):
        """A located problem; message and hint are checks-catalog
        :class:`~generator.locale.words.Words`, worded in the builder's language."""
        self.problems.append(located(self.name, mark.line + 1, mark.column + 1, path, rule,
                                     message, hint, self.loc))

    def node(self, events, event, path, depth):
        mark = event.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        cls = event.__class__
        if cls is _Scalar and not event.anchor and (event.tag is None or any(event.implicit)):
            # the common case, kept fast: a plain or quoted scalar without anchor or tag
            if event.implicit[0] and event.value in NULLS:
                return None
            return self.scalar(event, path)
        if cls is yaml.AliasEvent:
            self.problem(mark, path, "yaml-alias",
                         Words("alias *{anchor} is not allowed", anchor=event.anchor),
                         Words("write the value out in full; aliases are refused so that no "
                               "document can expand into a huge tree"))
            return None
        if event.anchor:
            self.problem(mark, path, "yaml-anchor",
                         Words("anchor &{anchor} is not allowed", anchor=event.anchor),
                         Words("remove the anchor; plans write every value out"))
        implicit = event.implicit if cls is not _Scalar else any(event.implicit)
        if event.tag not in (None, "!") and not implicit:
            self.problem(mark, path, "yaml-tag",
                         Words("explicit tag {tag} is not allowed", tag=event.tag),
                         Words("remove the tag; every value is read as text and typed by the "
                               "plan model"))
        if depth > MAX_DEPTH:
            self.problem(mark, path, "yaml-too-deep",
                         Words("nesting deeper than {depth} levels", depth=MAX_DEPTH),
                         Words("flatten the structure"))
            raise _TooDeep  # the parser's work grows with the square of the depth: stop here
        if cls is _Scalar:
            return (None if event.implicit[0] and event.value in NULLS
                    else self.scalar(event, path))
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
                                 Words("a key must be plain text, not a list or mapping"),
                                 Words("write the key as text"))
                    self._skip(events, ev)
                    self._skip(events, next(events))
                    continue
                key = self.scalar(ev, path)
                value_ev = next(events)
                key_path = path + (key,)
                if key in mapping:
                    first = self.positions.get(("<key>",) + key_path, (0, 0))[0]
                    self.problem(ev.start_mark, key_path, "yaml-duplicate-key",
                                 Words("duplicate key {key!r} (first at line {first})", key=key,
                                       first=first),
                                 Words("keep one of the two; YAML would silently keep only the "
                                       "last"))
                    self._skip(events, value_ev)
                    continue
                self.positions[("<key>",) + key_path] = (ev.start_mark.line + 1,
                                                         ev.start_mark.column + 1)
                mapping[key] = self.node(events, value_ev, key_path, depth + 1)
        return None

    def scalar(self, event, path) -> str:
        """A scalar's text in normal form C; controls written by its escapes reported."""
        value = event.value
        if event.style == '"' and VALUE_FORBIDDEN.search(value):
            self.escaped_controls(event, path)
        return value if value.isascii() else nfc(value)

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


def located(name: str, line: int, col: int, path: Path, rule: str, message, hint=None,
            loc=None, severity: str = "error") -> Problem:
    """A problem at a file position, its message and hint (checks-catalog
    :class:`~generator.locale.words.Words`) worded in the locale's language (default Korean)."""
    loc = _locale(loc)
    return Problem(name, line, col, path_to_str(path), rule, severity, word(message, loc),
                   word(hint, loc) if hint is not None else "")


def _known(text, known: frozenset):
    """A parser's words as a catalog message when the catalog holds them, else as they are."""
    if text in known:
        return Words(text)
    return text


def _syntax_detail(exc: yaml.MarkedYAMLError):
    context = (_known(exc.context, YAML_CONTEXTS)
               if exc.context and exc.context not in QUIET_CONTEXTS else None)
    problem = _known(exc.problem, YAML_PROBLEMS) if exc.problem else None
    if context is not None and problem is not None:
        return Words("{context} {problem}", context=context, problem=problem)
    return context if problem is None else problem


def _position(text: str, index: int, character) -> tuple[int, int]:
    """1-based line and column of the character a reader error names: at ``index`` in text, or
    (libyaml counts UTF-8 bytes) at that byte of the text's UTF-8."""
    if not (0 <= index < len(text) and isinstance(character, int)
            and text[index] == chr(character)):
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
                   "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85",
                   "L": "\u2028", "P": "\u2029"}


def _unescape(escape: str) -> str | None:
    """The character a YAML double-quoted escape (after its backslash) writes, or None."""
    if escape[0] in "xuU" and len(escape) > 1:
        code = int(escape[1:], 16)
        return chr(code) if code <= 0x10FFFF else None
    return _SIMPLE_ESCAPES.get(escape)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _control_problem(name, line, col, path, ch, loc, escaped=False) -> Problem:
    return located(name, line, col, path, "yaml-control-character",
                   Words("an escape here writes the control character {char}, which a plan may "
                         "not hold" if escaped else
                         "the control character {char} is not allowed in a plan file",
                         char=char_name(ch)),
                   Words("delete the escape; a plan's text holds no control characters, only "
                         "tabs and line breaks" if escaped else
                         "delete the character (your editor may show it as a box or not at "
                         "all); it often comes along when text is copied from another "
                         "program"), loc)


def raw_controls(text: str, name: str, loc=None) -> list[Problem]:
    """Every control character a file's text may not hold (:data:`RAW_FORBIDDEN`), each at its
    line and column: the first :data:`MAX_CONTROLS_SHOWN`, and how many more there are."""
    problems = []
    found = RAW_FORBIDDEN.finditer(text)
    for m in found:
        line, col = _line_col(text, m.start())
        if len(problems) == MAX_CONTROLS_SHOWN:
            more = 1 + sum(1 for _ in found)
            problems.append(located(name, line, col, (), "yaml-control-character",
                                    Words("{count} more control characters from here on",
                                          count=Quantity(more)),
                                    Words("delete them; they often come along when text is "
                                          "copied from another program"), loc))
            break
        problems.append(_control_problem(name, line, col, (), m.group(), loc))
    return problems


def read_yaml(text: str | bytes, name: str, loc=None) -> SourceFile:
    """Parse YAML text into (data, positions, problems); never raises on bad input.

    Problems are worded in ``loc``'s language (a :class:`~generator.locale.Locale`; default
    Korean)."""
    builder = _Builder(name, loc)
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            return SourceFile(name, None, {}, [located(
                name, 1, 1, (), "yaml-too-large",
                Words("file is {size} bytes, more than the limit of {limit}",
                      size=Quantity(len(text)), limit=Quantity(MAX_BYTES)),
                Words("split the plan into more section files"), loc)])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return SourceFile(name, None, {}, [located(
                name, 1, 1, (), "yaml-encoding",
                Words("not UTF-8 text ({reason} at byte {start})",
                      reason=_known(exc.reason, DECODE_REASONS), start=exc.start),
                Words("save the file as UTF-8"), loc)])
    controls = raw_controls(text, name, loc)
    if controls:  # the parser would stop at the first, at best
        return SourceFile(name, None, {}, controls)
    builder.text = text
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
                                    Words("more than one YAML document in the file"),
                                    Words("remove the `---` line and keep one document per "
                                          "file"))
                    builder._skip(events, first)
                    continue
                data = builder.node(events, first, (), 0)
    except _TooDeep:  # reported; libyaml would take minutes over 100,000 nested brackets
        data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        builder.problems.append(located(
            name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, (), "yaml-syntax",
            Words("YAML syntax: {detail}", detail=_syntax_detail(exc)),
            Words("check the indentation and quote text that holds `: ` or starts with a "
                  "special character"), loc))
        data = None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (control characters)
        line, col = (_position(text, exc.position, exc.character) if isinstance(text, str)
                     else (1, 1))
        builder.problems.append(located(
            name, line, col, (), "yaml-syntax",
            Words("the file holds a control character (U+{code}) that YAML does not allow",
                  code=f"{exc.character:04X}" if isinstance(exc.character, int)
                  else str(exc.character)),
            Words("delete the character; it often comes along when text is copied from "
                  "another program"), loc))
        data = None
    except yaml.YAMLError as exc:  # pragma: no cover - every other error PyYAML raises is marked
        builder.problems.append(located(name, 1, 1, (), "yaml-syntax",
                                        Words("YAML: {detail}", detail=str(exc)), None, loc))
        data = None
    return SourceFile(name, data, builder.positions, builder.problems)
