"""``plansite validate`` starts quickly: it imports none of the renderers (issue 15).

Validating is run on every save in an editor and in CI; its start-up is bounded by what it
imports.  The renderers (WeasyPrint, mkdocs and its theme, Jinja2 and MarkupSafe, Markdown,
fontTools, Pillow), the site, PDF, chart and search parts of the generator, and the parts needed
only on a schema error are left to the commands and the problems that need them.  The list of
imported modules is read in the validating process itself, at its exit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PLANS, ROOT, SEED

HEAVY = ["weasyprint", "mkdocs", "material", "jinja2", "markupsafe", "markdown", "pymdownx",
         "fontTools", "PIL", "pydyf", "tinycss2", "cssselect2", "generator.site", "generator.pdf",
         "generator.charts", "generator.search", "generator.view", "generator.templating",
         "generator.data", "generator.buildfolder"]
"""What ``validate`` never needs (it keys its verdicts as the check cache keys a result, so
``generator.checkcache`` is imported; see ``test_verdict_cache.py`` for what a reused verdict
imports)."""
ON_SCHEMA_ERROR = ["difflib"]
"""What only a schema error needs (a key's closest spelling)."""

SCRIPT = """
import json, sys
from generator.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


def _validate(cache: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, "validate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PLANSITE_CACHE": str(cache)})


def imported(cache: Path, *args: str) -> tuple[int, list[str]]:
    """The modules a validate that checks its plans imports: the catalogs are parsed already
    (a first run keeps them in ``cache``, as any build does), and the verdicts it kept are
    removed, so that the plans are checked again."""
    _validate(cache, *args)
    shutil.rmtree(cache / "verdicts", ignore_errors=True)
    done = _validate(cache, *args)
    line = done.stdout.rstrip().rsplit("\n", 1)[-1]
    assert line.startswith("MODULES "), done.stdout + done.stderr
    return done.returncode, json.loads(line[len("MODULES "):])


def _under(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(name + ".")]


@pytest.mark.parametrize("args", [[str(SEED)], [str(SEED), "--lang", "en", "--format", "json"]])
def test_validate_imports_no_renderer(args, tmp_path):
    code, modules = imported(tmp_path, *args)
    assert code == 0
    assert "generator.checks.totals" in modules and "pydantic" in modules  # it did validate
    assert [m for name in HEAVY + ON_SCHEMA_ERROR for m in _under(modules, name)] == []


def test_a_schema_error_imports_what_it_words_and_still_no_renderer(tmp_path):
    code, modules = imported(tmp_path, str(PLANS / "invalid" / "schema-unknown-key"))
    assert code == 1
    assert "difflib" in modules  # the misspelt key's closest spelling: imported when needed
    assert [m for name in HEAVY for m in _under(modules, name)] == []
