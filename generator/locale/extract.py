"""Keep the message catalogs in step with the code: ``python -m generator.locale.extract``.

Finds every interface message the code and the templates use (``_("…")`` in templates,
``loc._("…")``, ``loc.gettext("…")`` and the message tables of :mod:`generator.locale.formats`
and :mod:`generator.locale.withheld`
in Python) and every check message (``Words("…")`` in :mod:`generator.checks`), then updates
``<lang>/LC_MESSAGES/<domain>.po`` with Babel: new messages are added untranslated, messages
no longer used are dropped, translations are kept.  ``--check`` only reports the difference
(the test suite runs it).
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from pathlib import Path

from . import CATALOGS, DOMAINS, LANGUAGES, catalog_path

GENERATOR = CATALOGS.parent
TEMPLATES = GENERATOR / "templates"
INTERFACE_CALLS = {"_", "gettext", "message"}
CHECK_CALLS = {"Words", "N_"}


def _python_messages(path: Path, calls: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    def strings(arg) -> list[str]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return [arg.value]
        if isinstance(arg, ast.IfExp):  # Words("… more …" if more else "… less …", …)
            return strings(arg.body) + strings(arg.orelse)
        return []

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            if name in calls:
                found.update(strings(node.args[0]))
    return found


def _template_messages(path: Path) -> set[str]:
    from jinja2.ext import babel_extract
    found = set()
    with path.open("rb") as f:
        for _, _, msg, _ in babel_extract(f, ("_",), [], {"trim_blocks": "true",
                                                           "lstrip_blocks": "true"}):
            if isinstance(msg, tuple):  # keyword arguments come as further (None) items
                msg = msg[0]
            if isinstance(msg, str) and msg:
                found.add(msg)
    return found


def used_messages() -> dict[str, set[str]]:
    """Every message the code and templates use, by domain."""
    from . import formats, withheld
    interface: set[str] = set()
    for table in (formats.MONEY_UNIT_MESSAGES, formats.RECURRING_MESSAGES,
                  formats.FREQUENCY_MESSAGES, formats.DISCLOSURE_MESSAGES,
                  formats.SIGN_MARK_MESSAGES,
                  formats.UNIT_NAME_MESSAGES, withheld.GROUND_SUBJECTS, withheld.LABELS):
        interface.update(table.values())
    for pair in formats.SOURCE_MESSAGES.values():
        interface.update(pair)
    from ..cli import ARGPARSE_WORDS  # argparse's words, looked up by their English
    interface.update(ARGPARSE_WORDS)
    checks: set[str] = set()
    for path in sorted(GENERATOR.rglob("*.py")):
        interface |= _python_messages(path, INTERFACE_CALLS)
        checks |= _python_messages(path, CHECK_CALLS)
    for path in sorted(TEMPLATES.rglob("*.j2")):
        interface |= _template_messages(path)
    return {"interface": interface, "checks": checks}


def _read(lang: str, domain: str):
    from babel.messages.pofile import read_po
    path = catalog_path(lang, domain)
    if not path.is_file():
        from babel.messages.catalog import Catalog
        return Catalog(locale=lang, domain=domain)
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=domain)


def _write(catalog, lang: str, domain: str) -> bytes:
    from babel.messages.pofile import write_po
    buf = io.BytesIO()
    write_po(buf, catalog, omit_header=False, sort_output=True, width=100,
             include_previous=False, no_location=True)
    return buf.getvalue()


HEADER = """\
# plansite: the {domain} messages in {lang}.
# The message ids are English; each entry's msgstr is what a reader of this language sees.
# `python -m generator.locale.extract` adds new messages (empty) and drops unused ones;
# translate in any PO editor (Poedit, Weblate) and keep every {{placeholder}}.
#"""


def updated(lang: str, domain: str, used: set[str]):
    """The catalog with the used messages: new ones added empty, unused ones dropped."""
    from babel.messages.catalog import Catalog
    old = _read(lang, domain)
    new = Catalog(locale=lang, domain=domain, project="plansite", version="0.1",
                  copyright_holder="the plansite authors", msgid_bugs_address="",
                  last_translator="", language_team="", fuzzy=False,
                  header_comment=HEADER.format(domain=domain, lang=lang))
    new.creation_date = new.revision_date = _FIXED
    for msgid in sorted(used):
        entry = old.get(msgid)
        new.add(msgid, entry.string if entry else "",
                flags=entry.flags if entry else (), auto_comments=entry.auto_comments
                if entry else ())
    return new


from datetime import datetime, timezone  # noqa: E402
_FIXED = datetime(2026, 1, 1, tzinfo=timezone.utc)
"""The catalogs' header dates: fixed, so that a run that changes no message changes no byte."""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.locale.extract")
    ap.add_argument("--check", action="store_true",
                    help="report catalogs that are out of step with the code; write nothing")
    args = ap.parse_args(argv)
    used = used_messages()
    stale = []
    for domain in DOMAINS:
        for lang in LANGUAGES:
            path = catalog_path(lang, domain)
            data = _write(updated(lang, domain, used[domain]), lang, domain)
            if path.is_file() and path.read_bytes() == data:
                continue
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for path in stale:
        print(f"{'out of step' if args.check else 'updated'}: {path}", file=sys.stderr)
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
