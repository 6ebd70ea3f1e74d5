"""``plansite serve``: mkdocs' live-reload preview that keeps answering while a plan is broken.

Plain ``mkdocs serve`` stops at a failed first build, and after a failed rebuild leaves every
request waiting for a good one.  The preview builds as it does (``mkdocs.yml``, into a temporary
folder, watching ``docs/``, the plans and the other languages' configs; a page waits only while
a build runs), but a failed build is shown: every request is answered at once with a problem page
in Korean, each problem with its ``file:line:col``, message and hint (or the error that stopped
the site), escaped.  The page reloads itself on the next save; the next good build is served
again.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from os.path import isfile, join
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer, _serve_url

from .. import templating
from ..errors import SetupError
from . import load_checked
from ..locale import get as get_locale
from ..locale.words import Words

log = logging.getLogger("mkdocs.plugins.plansite")

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "preview"


def _chain(exc: BaseException):
    """The exception and those it was raised from or while handling, first to last."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def problem_page(exc: BaseException) -> bytes:
    """The page every request gets while the last build failed: the plans' located problems,
    or the message of what stopped the site."""
    from mkdocs.exceptions import Abort
    from ..mkdocs_plugin import PlanErrors
    from ..problems import summary_line
    loc = get_locale("ko")
    found = list(_chain(exc))
    plans = next((e for e in found if isinstance(e, PlanErrors)), None)
    cause = next((e for e in found if not isinstance(e, Abort)), exc)
    problems = plans.problems if plans is not None else []
    html = templating.render(templating.environment(TEMPLATES), "problems.html.j2", loc,
                             problems=problems,
                             summary=summary_line(problems, loc) if problems else "",
                             message="" if plans is not None else
                             (str(cause) or type(cause).__name__))
    return html.encode("utf-8")


class PreviewServer(LiveReloadServer):
    """mkdocs' live-reload server; while :attr:`failure` is set (the last build failed), every
    request but the reload poll gets that page."""

    failure: bytes | None = None

    def serve_request(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith("/livereload/"):
            with self._epoch_cond:  # a build under way: wait for it, as mkdocs does
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch, failure = self._visible_epoch, self.failure
            if failure is not None:
                body = self._inject_js_into_html(failure, epoch)
                start_response("500 Internal Server Error",
                               [("Content-Type", "text/html; charset=utf-8"),
                                ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
                return [body]
        return super().serve_request(environ, start_response)


def _address(dev_addr: str) -> tuple[str, int]:
    """``--dev-addr`` as mkdocs reads it (``host:port``), or a :class:`SetupError`."""
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress
    try:
        host, port = IpAddress().validate(dev_addr)
    except ValidationError as exc:
        raise SetupError(Words("not an address to serve on ({error}), got {value!r}",
                               error=str(exc), value=dev_addr),
                         hint=Words("give an IP address and a port, e.g. --dev-addr "
                                    "127.0.0.1:8000"),
                         where="--dev-addr") from None
    if not 0 < port < 65536:
        raise SetupError(Words("not an address to serve on ({error}), got {value!r}",
                               error=f"port {port}", value=dev_addr),
                         hint=Words("give an IP address and a port, e.g. --dev-addr "
                                    "127.0.0.1:8000"),
                         where="--dev-addr")
    return host, port


def _can_listen(host: str, port: int) -> None:
    """The address can be listened on (as the server will: reusing a port in TIME_WAIT), or a
    :class:`SetupError` before the first build."""
    import socket
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise SetupError(Words("cannot serve on {address}: {error}", address=f"{host}:{port}",
                               error=exc.strerror or str(exc)),
                         hint=Words("choose another address, e.g. --dev-addr 127.0.0.1:{port}, "
                                    "or stop what serves there", port=str(port + 1)),
                         where="--dev-addr") from None


def _stop_on_sigterm() -> None:
    """SIGTERM (``kill``, a test's ``terminate()``) stops the preview as Ctrl-C does, so its
    temporary site folder is removed."""
    import signal
    import threading
    if threading.current_thread() is threading.main_thread():
        def stop(signum, frame):
            raise KeyboardInterrupt
        signal.signal(signal.SIGTERM, stop)


def serve(config_file: str, dev_addr: str) -> int:
    """Preview the site of ``config_file`` on ``dev_addr`` until Ctrl-C."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    site_dir = tempfile.mkdtemp(prefix="plansite-serve-")

    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    try:
        _can_listen(*_address(dev_addr))
        config = load_checked(config_file, site_dir=site_dir, dev_addr=dev_addr)
        host, port = config.dev_addr
        config.plugins.on_startup(command="serve", dirty=False)
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = serve_url = _serve_url(host, port, mount_path)

        def builder(config=None):
            log.info("Building documentation...")
            try:
                if config is None:
                    config = get_config()
                    config.site_url = serve_url
                build(config, serve_url=serve_url)
            except (Exception, SystemExit) as exc:  # mkdocs' Abort is a SystemExit
                try:
                    server.failure = problem_page(exc)
                except Exception as page_error:  # never leave the server without an answer
                    server.failure = html.escape(f"{exc}\n{page_error}").encode("utf-8")
                cause = next((e for e in _chain(exc) if not isinstance(e, SystemExit)), exc)
                if not isinstance(cause, MkDocsException):  # mkdocs logged its own
                    log.error("%s", cause)
                log.error("plansite: %s", get_locale("ko").gettext(
                    "the preview shows the problems until the next good save"))
            else:
                server.failure = None

        server = PreviewServer(builder=builder, host=host, port=port, root=site_dir,
                               mount_path=mount_path)

        def error_handler(code) -> bytes | None:
            page = join(site_dir, f"{code}.html")
            if code in (404, 500) and isfile(page):
                with open(page, "rb") as f:
                    return f.read()
            return None
        server.error_handler = error_handler
        try:
            _stop_on_sigterm()
            builder(config)
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
