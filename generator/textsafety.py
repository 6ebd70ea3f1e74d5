"""Which characters a plan may hold, and how a printed message shows the others.

- **Controls.**  C0 and C1 control characters other than tab and newline (and DEL) have no
  place in a plan: a NUL or a BEL copied from another program would reach the HTML and the CSV,
  an ESC would drive the reader's terminal.  :data:`RAW_FORBIDDEN` finds them in a file's text
  (with a carriage return only before a newline, and the line and paragraph separators YAML
  would read as line breaks); :data:`VALUE_FORBIDDEN` in a value a ``"\\e"``-style escape made
  (also lone surrogates, which no file can be written with).
- **Invisible texts.**  A text of Hangul fillers (U+3164), zero-width spaces or joiners looks
  like text to a program and prints as nothing: :func:`invisible_only`.
- **Normal form.**  :func:`nfc` composes decomposed Hangul (a text copied from a macOS file
  name, U+1100 jamo) into syllables, so that ids, units and keys compare as they read; it
  leaves CJK compatibility ideographs as written (NFC would replace a Korean Hanja's code
  point).
- **Printing.**  :func:`shown` escapes what could forge or hide a line on a terminal (controls,
  newlines, bidi overrides and isolates, line separators, undecodable bytes of a file name);
  :func:`shown_name` also quotes a file name that holds anything odd.
"""

from __future__ import annotations

import re
import unicodedata

RAW_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]"
                           "|\r(?!\n)")
"""What a plan file's text may not hold: C0 controls but tab, newline and a carriage return
before a newline; DEL; C1 controls (NEL among them); U+2028 and U+2029; U+FFFE and U+FFFF."""
VALUE_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What a value may not hold (an escape in a double-quoted YAML text can write any of these):
every control but tab and newline, line separators, surrogates, the noncharacters U+FFFE/F."""

NAME_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                            "\u2066-\u2069]")
"""What a file name of a plan may not hold: every control (newline and tab too), the bidi
marks, embeddings, overrides and isolates, line separators."""

_C0_NAMES = ("NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK "
             "SYN ETB CAN EM SUB ESC FS GS RS US").split()
_C1_NAMES = {0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC"}


def char_name(ch: str) -> str:
    """``U+001B (ESC)``, ``U+2028 (LINE SEPARATOR)``: a character as a message names it."""
    code = ord(ch)
    name = (_C0_NAMES[code] if code < 0x20 else _C1_NAMES.get(code)
            or unicodedata.name(ch, ""))
    return f"U+{code:04X}" + (f" ({name})" if name else "")


_INVISIBLE_EXTRA = frozenset(
    [0x115F, 0x1160, 0x3164, 0xFFA0,  # Hangul fillers (choseong, jungseong, compatibility)
     0x2800,  # braille pattern blank
     0x034F, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F]  # joiners, inherent vowels
    + list(range(0xFE00, 0xFE10)) + list(range(0xE0100, 0xE01F0)))  # variation selectors
"""Characters that print as nothing though their category says they are letters or marks."""
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Cn"})


def invisible(ch: str) -> bool:
    """True for a character that prints as nothing (a space, a format character, a filler)."""
    return ord(ch) in _INVISIBLE_EXTRA or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def invisible_only(text: str) -> bool:
    """True for a text that is not empty but prints as nothing."""
    return bool(text) and all(invisible(ch) for ch in text)


_COMPAT_IDEOGRAPHS = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f]+)")


def nfc(text: str) -> str:
    """The text in Unicode normal form C, CJK compatibility ideographs kept as written."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    parts = _COMPAT_IDEOGRAPHS.split(text)  # odd items: runs of compatibility ideographs
    return "".join(part if i % 2 else unicodedata.normalize("NFC", part)
                   for i, part in enumerate(parts))


_SHOWN_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                            "\u2066-\u2069\ud800-\udfff]")
"""What a printed line escapes: controls (newline and tab too), the bidi marks, embeddings,
overrides and isolates, line separators, surrogates (a file name's undecodable bytes)."""
_SIMPLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in _SIMPLE:
        return _SIMPLE[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_SHOWN_BUT_BREAKS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                               "\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What :func:`shown` escapes but newlines and carriage returns."""


def shown(text: str, breaks: bool = False) -> str:
    """The text with every character that could forge or hide a printed line escaped
    (``\\x1b``, ``\\n``, ``\\u202e``; a file name's undecodable byte as ``\\xff``).
    ``breaks``: leave newlines and carriage returns for the caller, whose format has its own
    escape for them (GitHub's ``%0A``)."""
    text = str(text)
    pattern = _SHOWN_BUT_BREAKS if breaks else _SHOWN_ESCAPED
    return pattern.sub(_escape, text) if pattern.search(text) else text


_NAME_CHAR = (r"[^\s\"'\\:\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
              r"\u2066-\u2069\ud800-\udfff]")
_PLAIN_NAME = re.compile(rf"{_NAME_CHAR}*(?: {_NAME_CHAR}+)*")
"""A file name printed as it is: no control, quote, backslash, colon, odd space or bidi mark
(ordinary spaces between words are fine)."""


def shown_name(name: str) -> str:
    """A file name as a printed line shows it: as it is when plain, else in double quotes with
    every odd character escaped, so that no name can pass for a second problem line."""
    name = str(name)
    if _PLAIN_NAME.fullmatch(name):
        return name
    return '"' + shown(name.replace("\\", "\\\\").replace('"', '\\"')) + '"'


_JSON_ESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                           "\u2066-\u2069\ud800-\udfff]")
"""What :func:`shown` escapes and ``json.dumps`` leaves as it is (it escapes C0 itself)."""


def json_safe(text: str) -> str:
    """A JSON document (``json.dumps(…, ensure_ascii=False)``) with the characters
    :func:`shown` escapes written as ``\\uXXXX``; they can only stand inside its strings, so
    the data is the same, and safe to print."""
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
