"""Drive headless Chromium through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
JSON messages, each ended by a NUL byte, on the browser's file descriptors 3 and 4), with the
standard library only: one browser for many pages, scripts evaluated in them, their results read
back.  For tests that need more than ``--dump-dom`` (tests/site_helpers.py launches Chromium the
same way, with the same flags)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import tempfile
import time

from .site_helpers import CHROMIUM, CHROMIUM_FLAGS, browser_env


class BrowserError(RuntimeError):
    """The browser answered a command with an error, closed, or did not answer in time."""


class Browser:
    """One headless Chromium; :meth:`open` gives a tab to navigate and evaluate in."""

    def __init__(self, timeout: float = 60):
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory()
        self._log = tempfile.TemporaryFile()  # the browser's stderr, read when it fails
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The browser reads commands on its fd 3 and writes answers on its fd 4: bash maps the
        # pipe ends there (sh may be dash, which cannot name a descriptor above 9; no
        # preexec_fn, which is unsafe beside the tests' server thread).
        command = [CHROMIUM, *CHROMIUM_FLAGS, "--remote-debugging-pipe",
                   f"--user-data-dir={self._profile.name}", "about:blank"]
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w}', "bash", *command],
            pass_fds=(to_browser_r, from_browser_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._log, env=browser_env())
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        """Send a command and wait for its answer (events on the way are kept in ``events``)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        answer = self._wait(lambda m: m.get("id") == self._next_id, timeout)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_event(self, method: str, session: str | None = None,
                   timeout: float | None = None) -> dict:
        """The first event ``method`` (of ``session``) received since the last call."""
        def match(m):
            return m.get("method") == method and m.get("sessionId") == session
        for n, event in enumerate(self.events):
            if match(event):
                del self.events[:n + 1]
                return event
        return self._wait(match, timeout, keep=False)

    def _wait(self, match, timeout: float | None, keep: bool = True) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if match(message):
                    return message
                if "method" in message:
                    self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError("no answer from the browser in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser closed: {self.log()[-2000:]}")
            self._buffer += chunk

    def log(self) -> str:
        """What the browser wrote on its stderr so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def open(self) -> "Tab":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        tab = Tab(self, session)
        tab.send("Page.enable")
        tab.send("Runtime.enable")
        return tab

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._log.close()
        self._profile.cleanup()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Tab:
    """A page of the browser, attached in its own session."""

    def __init__(self, browser: Browser, session: str):
        self.browser, self.session = browser, session

    def send(self, method: str, params: dict | None = None, timeout: float | None = None):
        return self.browser.send(method, params, self.session, timeout)

    def goto(self, url: str) -> None:
        """Navigate and wait for the page's load event."""
        self.browser.events.clear()
        answer = self.send("Page.navigate", {"url": url})
        if answer.get("errorText"):
            raise BrowserError(f"{url}: {answer['errorText']}")
        self.browser.wait_event("Page.loadEventFired", self.session)

    def evaluate(self, expression: str, timeout: float | None = None):
        """The value of a JavaScript expression in the page (a promise is awaited); a thrown
        exception becomes a BrowserError."""
        answer = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, timeout)
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description")
                               or details.get("text"))
        return answer["result"].get("value")
