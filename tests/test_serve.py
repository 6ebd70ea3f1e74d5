"""``plansite serve`` with a broken plan answers every request at once with a problem page (in
Korean, escaped, each problem located with its message and hint) and serves the site again on
the next good save.  The real command runs in a subprocess on a free port, over a project folder
of its own; pages are fetched with urllib."""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import PLANS, ROOT
from .test_site_plugin import wait_for

BIN = Path(sys.executable).parent
PLAN = PLANS / "valid" / "minimal"
GOOD = "approved_on: 2016-01-19"
BROKEN = 'approved_on: "<script>alert(1)</script>"'
WHERE = "plan/minimal/plan.yaml:6:16"


def project(tmp_path: Path, broken: bool = False) -> Path:
    """A project folder: mkdocs.yml, docs/ and plan/ with the minimal plan (broken if asked)."""
    root = tmp_path / "project"
    shutil.copytree(PLAN, root / "plan" / PLAN.name)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# 안내\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if broken:
        edit(root, GOOD, BROKEN)
    return root


def edit(root: Path, old: str, new: str) -> None:
    path = root / "plan" / PLAN.name / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, str, float] | None:
    """``(status, body, seconds)``, or None while nothing answers."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8"), time.monotonic() - start
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8"), time.monotonic() - start
    except OSError:
        return None


class Preview:
    def __init__(self, root: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ)
        env.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
        self.proc = subprocess.Popen([str(BIN / "plansite"), "serve", "--dev-addr",
                                      f"127.0.0.1:{self.port}"], cwd=root, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def get(self, path: str = ""):
        assert self.proc.poll() is None, self.proc.communicate()[0]
        return fetch(self.base + path)

    def stop(self) -> str:
        self.proc.terminate()
        try:
            out, _ = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return out


def assert_problem_page(answer) -> None:
    status, body, seconds = answer
    assert status == 500 and seconds < 2.0, (status, seconds)
    assert '<html lang="ko">' in body and "미리보기: 사이트를 보여 드릴 수 없습니다" in body
    assert "계획에 오류가 있어 사이트를 만들지 않았습니다" in body and "오류 1건, 경고 0건" in body
    assert f'<code class="ps-where">{WHERE}</code>' in body
    assert '<code class="ps-path">header.approved_on</code>' in body
    assert "올바른 날짜가 아닙니다: ‘&lt;script&gt;alert(1)&lt;/script&gt;’" in body
    assert "<script>alert(1)" not in body, "plan text is escaped"
    assert "도움말: 날짜는 YYYY-MM-DD 형식으로 쓰세요" in body
    assert "livereload" in body, "the page reloads itself on the next good save"


def same_page(body: str) -> str:
    """A served page without what differs between two builds of it: the reload script's
    build stamps."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", body)


def is_problem(answer) -> bool:
    return answer is not None and answer[0] == 500 and WHERE in answer[1]


def is_site(answer) -> bool:
    return answer is not None and answer[0] == 200 and "md-content" in answer[1]


PATHS = ["", "minimal/", "minimal/sections/first/", "no/such/page/", "assets/plansite/plansite.css"]


def test_a_broken_plan_is_shown_on_every_page_and_a_good_save_brings_the_site_back(tmp_path):
    root = project(tmp_path)
    preview = Preview(root)
    try:
        first = wait_for(lambda: (a := preview.get("minimal/")) and is_site(a) and a)
        assert "2016년 시험 계획" in first[1]
        edit(root, GOOD, BROKEN)
        wait_for(lambda: is_problem(preview.get("minimal/")))
        for path in PATHS:  # every request, at once, while the plan stays broken
            assert_problem_page(preview.get(path))
        edit(root, BROKEN, GOOD)
        again = wait_for(lambda: (a := preview.get("minimal/")) and is_site(a) and a)
        assert same_page(again[1]) == same_page(first[1]), "the site as it was before"
        assert preview.get("assets/plansite/plansite.css")[0] == 200
    finally:
        log = preview.stop()
    assert "Traceback" not in log
    assert f"{WHERE}: error: header.approved_on" in log, "the terminal shows the problems too"


def test_a_plan_broken_from_the_start_is_shown_at_once(tmp_path):
    root = project(tmp_path, broken=True)
    preview = Preview(root)
    try:
        wait_for(lambda: preview.get() is not None)
        for path in PATHS:
            assert_problem_page(preview.get(path))
        edit(root, BROKEN, GOOD)
        wait_for(lambda: is_site(preview.get("minimal/")))
    finally:
        log = preview.stop()
    assert "Traceback" not in log


def test_the_problem_page_escapes_what_it_shows():
    """Any text the page shows (a message, a file name, an error that is not a plan's) is
    escaped; the page has no markup from it."""
    from generator.mkdocs_plugin import PlanErrors
    from generator.problems import Problem
    from generator.site.preview import problem_page
    problem = Problem('plan/<b>x</b>.yaml', 3, 4, "a.<i>b</i>", "r&d", "error", "<img src=x>",
                      '"hint" <u>')
    page = problem_page(PlanErrors("x", [problem])).decode("utf-8")
    for raw in ("<b>x</b>", "<i>b</i>", "<img src=x>", "<u>"):
        assert raw not in page and html.escape(raw, quote=False) in page
    assert "plan/&lt;b&gt;x&lt;/b&gt;.yaml:3:4" in page and "(r&amp;d)" in page
    page = problem_page(RuntimeError("mkdocs.yml: <bad> & worse")).decode("utf-8")
    assert "사이트를 만들지 못했습니다" in page
    assert "mkdocs.yml: &lt;bad&gt; &amp; worse" in page and "<bad>" not in page


@pytest.mark.parametrize("address, message", [
    ("nonsense:x", "--dev-addr: 미리보기를 열 주소가 아닙니다("),
    ("127.0.0.1:99999", "--dev-addr: 미리보기를 열 주소가 아닙니다(port 99999): ‘127.0.0.1:99999’"),
    (None, "--dev-addr: 127.0.0.1:{port}에서 미리보기를 열 수 없습니다: Address already in use"),
])
def test_an_address_that_cannot_be_served_is_one_located_line(tmp_path, address, message):
    root = project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(BIN / "plansite"), "serve", "--dev-addr",
                               address or f"127.0.0.1:{port}"], cwd=root, capture_output=True,
                              text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "") and "Traceback" not in done.stderr
    first, hint, *rest = done.stderr.split("\n")
    assert first.startswith("plansite: " + message.format(port=port)), done.stderr
    assert hint.startswith("    도움말: ") and rest == [""]
    assert not (root / "build").exists()
