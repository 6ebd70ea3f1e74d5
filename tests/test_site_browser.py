"""The built site in headless Chromium: every request a page makes goes to the site's own host."""

from __future__ import annotations

import json

import pytest

from .conftest import PLANS, SEED
from .site_helpers import CHROMIUM, build, chromium, served



@pytest.fixture(autouse=True)
def _needs_chromium():
    """make test names the package before it starts; a test never skips silently."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: sudo apt-get install chromium")

PAGES = ["", "gwangjin-2016-job-operations/",
         "gwangjin-2016-job-operations/sections/social-enterprise-funding/",
         "gwangjin-2016-job-operations/budget/", "gwangjin-2016-job-operations/checks/",
         "downloads/"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    _, seed = build(SEED, tmp_path_factory.mktemp("seed-browser"))
    _, hostile = build(PLANS / "valid" / "hostile", tmp_path_factory.mktemp("hostile-browser"))
    return {"seed": seed, "hostile": hostile}


def page_requests(netlog: dict) -> list[str]:
    """URLs of the requests a page started (not the browser's own background requests)."""
    types = netlog["constants"]["logEventTypes"]
    start = types["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in netlog["events"]
            if e["type"] == start and e.get("params", {}).get("initiator", "not an origin")
            != "not an origin"]


def visit(base: str, path: str, tmp_path) -> tuple[list[str], str]:
    log = tmp_path / f"net-{abs(hash(path))}.json"
    result = chromium(base + path, f"--log-net-log={log}", "--virtual-time-budget=5000",
                      "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    return page_requests(json.loads(log.read_text())), result.stdout


@pytest.mark.parametrize("path", PAGES)
def test_pages_request_nothing_from_another_host(sites, path, tmp_path):
    with served(sites["seed"]) as base:
        requests, dom = visit(base, path, tmp_path)
    assert requests, "the page loaded its own assets"
    assert any(u.endswith("/assets/plansite/plansite.css") for u in requests)
    assert any(u.endswith(".woff2") for u in requests), "the self-hosted fonts are used"
    for url in requests:
        assert url.startswith(base), url
    assert 'lang="ko"' in dom


def test_hostile_text_makes_no_request_and_runs_no_script(sites, tmp_path):
    with served(sites["hostile"]) as base:
        for path in ["hostile/", "hostile/sections/social-enterprise-funding/"]:
            requests, dom = visit(base, path, tmp_path)
            for url in requests:
                assert url.startswith(base), url
                assert not url.rstrip("/").endswith(("/x", "javascript")), url
            assert "&lt;script&gt;alert(" in dom
