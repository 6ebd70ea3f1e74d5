"""Every word a reader sees goes through the locale seam: renderers and templates never read a
plan text's Korean directly, carry no Korean of their own, and every interface message they use
is in the catalog of every language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.locale import LANGUAGES, catalog_path, extract, messages

from .conftest import ROOT

GENERATOR = ROOT / "generator"
RENDERERS = sorted([*GENERATOR.glob("site/*.py"), *GENERATOR.glob("pdf/*.py"),
                    *GENERATOR.glob("view/*.py"), *GENERATOR.glob("charts/*.py"),
                    GENERATOR / "data.py", GENERATOR / "report.py",
                    GENERATOR / "mkdocs_plugin.py", GENERATOR / "templating.py"])
"""The modules that turn checked plans into what a reader sees."""
TEMPLATES = sorted(p for p in (GENERATOR / "templates").rglob("*")
                   if p.suffix in (".j2", ".css") and "scaffold" not in p.parts)
"""The site's and the print's templates (the scaffold is a Korean YAML file a plan officer
edits, not an output)."""
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
READS_KOREAN = re.compile(r"\.ko\b")


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text))


def _allowed(msgid: str) -> set[str]:
    """The placeholders a translation may use: its message's, and the number that comes with
    each month's name (``{month}`` beside ``{month_name}``), for languages that print months
    as numbers."""
    names = _placeholders(msgid)
    return names | {n.replace("_name", "") for n in names}


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                    ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr)
                  and isinstance(n.body[0].value, ast.Constant)}
    after_assign = set()  # attribute docstrings: a string statement after an assignment
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for a, b in zip(body, body[1:]):
                if isinstance(a, (ast.Assign, ast.AnnAssign)) and isinstance(b, ast.Expr) \
                        and isinstance(b.value, ast.Constant):
                    after_assign.add(id(b.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings and id(n) not in after_assign]


@pytest.mark.parametrize("path", RENDERERS + TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_renderer_reads_korean_directly(path):
    """A plan text reaches a reader through ``loc.text`` (the view layer), never as ``.ko``."""
    if path.suffix == ".py":
        tree = ast.parse(path.read_text(encoding="utf-8"))
        reads = [n.lineno for n in ast.walk(tree)
                 if isinstance(n, ast.Attribute) and n.attr in ("ko", "en")]
    else:
        reads = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if READS_KOREAN.search(line)]
    assert not reads, f"{path.name} reads a text's language directly at lines {reads}"


@pytest.mark.parametrize("path", RENDERERS + TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_renderer_carries_korean_of_its_own(path):
    """Interface words come from the catalog: no Korean literal in a template or in the code
    of a renderer (docstrings and comments may explain in Korean)."""
    if path.suffix == ".py":
        found = [(line, s) for line, s in _code_strings(path) if HANGUL.search(s)]
    else:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        found = [(i, line) for i, line in enumerate(text.splitlines(), 1) if HANGUL.search(line)]
    assert not found, f"{path.name} has Korean literals: {found[:5]}"


def test_catalogs_hold_exactly_the_messages_the_code_uses():
    """``python -m generator.locale.extract --check`` finds nothing to add or drop."""
    assert extract.main(["--check"]) == 0, \
        "run: .venv/bin/python -m generator.locale.extract, then translate the new entries"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_message_is_translated(lang):
    """The interface catalog is complete in every language: no empty or fuzzy entry, and each
    translation keeps the placeholders of its message."""
    used = extract.used_messages()["interface"]
    table = messages(lang, "interface")
    missing = sorted(used - set(table))
    assert not missing, f"untranslated in {catalog_path(lang, 'interface')}: {missing[:10]}"
    for msgid in used:
        assert _placeholders(table[msgid]) <= _allowed(msgid), msgid


def test_check_messages_are_worded_in_english_at_least():
    """Check messages have their English wording (the id); the Korean catalog holds the
    subjects a report has always shown in Korean, and the rest until they are translated."""
    used = extract.used_messages()["checks"]
    assert used, "no check messages found"
    ko = messages("ko", "checks")
    assert ko["{caption} · {column} total"] == "{caption} · {column} 계"
    for msgid in used:
        for lang in LANGUAGES:
            text = messages(lang, "checks").get(msgid, msgid)
            assert _placeholders(text) <= _allowed(msgid), msgid


def test_an_unknown_message_is_an_error_not_a_silent_fallback():
    from generator.locale import UnknownMessage, get
    with pytest.raises(UnknownMessage):
        get("ko").gettext("a message nobody wrote")


def test_parsed_catalogs_are_cached_by_their_bytes(tmp_path, monkeypatch):
    """Babel parses a catalog once; the table is kept under the cache folder, named by the
    catalog's bytes, so an edited catalog is parsed anew."""
    import shutil

    from generator import locale
    po = tmp_path / "ko" / "LC_MESSAGES" / "interface.po"
    po.parent.mkdir(parents=True)
    shutil.copy(catalog_path("ko", "interface"), po)
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(locale, "catalog_path", lambda lang, domain: po)
    monkeypatch.setattr(locale, "_PARSED", {})
    locale.messages.cache_clear()
    try:
        assert locale.messages("ko", "interface")["Home"] == "홈"
        cached = list((tmp_path / "cache" / "locale").glob("*.json"))
        assert len(cached) == 1
        po.write_text(po.read_text(encoding="utf-8").replace('msgstr "홈"', 'msgstr "처음"'),
                      encoding="utf-8")
        locale.messages.cache_clear()
        assert locale.messages("ko", "interface")["Home"] == "처음"
        assert len(list((tmp_path / "cache" / "locale").glob("*.json"))) == 2
    finally:
        locale.messages.cache_clear()


def test_a_process_parses_the_same_catalog_bytes_once(tmp_path, monkeypatch):
    """``plansite serve`` re-checks the plans after every save: a plan's unchanged catalog is
    not parsed again (no cache folder needed), a changed one is, and a caller that changes the
    table it got does not change what the next caller gets."""
    from generator import locale
    monkeypatch.chdir(tmp_path)  # no build/.cache here
    monkeypatch.delenv("PLANSITE_CACHE", raising=False)
    monkeypatch.setattr(locale, "_PARSED", {})
    calls = []

    def parse(data: bytes) -> dict:
        calls.append(data)
        return {"text": data.decode()}
    first = locale.parsed(b"a", "test", parse)
    first["text"] = "changed by a caller"
    assert locale.parsed(b"a", "test", parse) == {"text": "a"}
    assert calls == [b"a"]
    assert locale.parsed(b"b", "test", parse) == {"text": "b"}
    assert locale.parsed(b"a", "other kind", parse) == {"text": "a"}
    assert calls == [b"a", b"b", b"a"]
