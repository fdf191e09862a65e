"""The local web server behind ``strategy-lint serve``.

Why the standard library and no framework: the page needs four routes, and the library
must stay light.  The page's script POSTs each record's bytes as the request body
(``X-Filename`` carries only the name, for its extension), so no multipart parsing is
needed; a plain HTML form (no JavaScript) is also accepted on ``/check``.

Privacy, by construction:
- a record is written only into a private temporary folder (``TemporaryDirectory``, mode
  0700; the file itself 0600, named ``record<.ext>``, never the user's file name) for as
  long as the readers need a path, and the folder is removed before the answer is sent;
- the commented copy is made in memory and returned in the same answer: nothing is kept
  between requests;
- the request log names the method, a known route and the status, never a file name or
  anything from a record;
- every answer carries ``Cache-Control: no-store`` and a strict Content-Security-Policy.

Why checks run on the main thread (``MainThreadRunner``): the engine's per-file and
per-rule time budgets use SIGALRM, which works only there; requests are handled on
threads and hand their record over, one at a time.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import logging
import os
import queue
import re
import socket
import sys
import tempfile
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar
from urllib.parse import unquote, urlsplit

from ..errors import StrategyLintError
from . import DEFAULT_MAX_UPLOAD_MB, DEFAULT_PORT

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import FileResult, Linter

log = logging.getLogger("strategy_lint.web")

MB = 1024 * 1024
STATIC = Path(__file__).with_name("static")
#: route → (file in static/, content type)
STATIC_ROUTES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}
API_ROUTES = ("/api/check", "/check")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: An over-limit body up to this size is read and thrown away so the browser sees the 413
#: answer (closing on an unread body makes browsers report a network error instead).
DRAIN_CAP = 256 * MB
#: The no-JavaScript form may carry several records; its whole body may be this many
#: times the per-record limit.
FORM_FILES = 10
SUFFIX = re.compile(r"\.[a-z0-9]{1,8}$")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
VERDICTS = {  # the HTML report's verdicts → (key for the page's script, label people read)
    "ready to circulate": ("ready", "Ready to circulate"),
    "needs changes": ("changes", "Needs changes"),
    "could not read": ("unread", "Could not read"),
}

T = TypeVar("T")


class ServeError(StrategyLintError):
    """The server cannot start as asked (a non-loopback host, a busy port): one line."""


# -- where it may listen -------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True when ``host`` (an address or a name) only ever means this computer."""
    host = host.strip("[]")
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)


def check_host(host: str, allow_remote: bool) -> None:
    """Refuse a non-loopback address unless ``--allow-remote`` says IT has put sign-on in front."""
    if allow_remote or is_loopback(host):
        return
    raise ServeError(
        f"refusing to listen on {host}: other computers could then send records to this page. "
        "It is meant for this computer only; to serve a team, put it behind your own sign-on "
        "and add --allow-remote (see docs/web.md)"
    )


# -- running checks ------------------------------------------------------------------------


class InlineRunner:
    """Run each check on the calling thread, one at a time (tests; no time budgets off the main thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[], T]) -> T:
        with self._lock:
            return fn()


class MainThreadRunner:
    """Hand checks to the main thread, where the engine's SIGALRM time budgets work."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future]] = queue.Queue()

    def submit(self, fn: Callable[[], T]) -> T:
        future: Future = Future()
        self._jobs.put((fn, future))
        return future.result()

    def run_until(self, stop: threading.Event) -> None:
        """Run submitted checks until ``stop`` is set (Ctrl+C raises KeyboardInterrupt out of here)."""
        while not stop.is_set():
            try:
                fn, future = self._jobs.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                future.set_result(fn())
            except KeyboardInterrupt as exc:
                future.set_exception(exc)
                raise
            except BaseException as exc:  # the handler thread turns it into a 500
                future.set_exception(exc)


# -- checking one record -----------------------------------------------------------------


def safe_suffix(filename: str) -> str:
    """The extension of an uploaded name, lower-cased; '' when absent or odd.  The name itself is dropped."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    match = SUFFIX.search(name)
    return match.group(0) if match else ""


def check_record(linter: "Linter", data: bytes, filename: str) -> tuple["FileResult", bytes | None, str | None]:
    """Lint one uploaded record in a private temporary folder removed before returning.

    Returns the result (without its document), the commented .docx (or None) and a note
    saying why there is no commented copy, when there is none for a reason worth telling.
    """
    from ..annotate import AnnotateError, annotate_docx

    annotated: bytes | None = None
    note: str | None = None
    with tempfile.TemporaryDirectory(prefix="strategy-lint-") as folder:  # mkdtemp: mode 0700
        path = Path(folder) / f"record{safe_suffix(filename)}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        result = linter.lint_file(path)
        doc = result.document
        if result.status == "ok" and result.findings and doc is not None:
            if doc.format == "docx":
                try:
                    annotated = annotate_docx(path, doc, result.findings)
                except AnnotateError:
                    note = "A copy with comments could not be made for this record; use the list below."
            else:
                note = "Only Word (.docx) records can get a copy with comments; use the list below."
    result.document = None  # the model holds record text: do not keep it past this request
    return result, annotated, note


def result_json(result: "FileResult", annotated: bytes | None, note: str | None) -> dict[str, Any]:
    """What the page shows for one record: verdict, findings grouped by severity, the commented copy."""
    from ..formatters.html import GROUPS, _sentence, verdict

    key, label = VERDICTS[verdict(result)[0]]
    out: dict[str, Any] = {
        "verdict": key,
        "label": label,
        "summary": _summary(result),
        "error": None,
        "groups": [],
        "annotated": base64.b64encode(annotated).decode("ascii") if annotated else None,
        "note": note,
    }
    if result.status == "error":
        err = result.error
        message = err.message if err else "the file could not be read"
        out["error"] = {"code": err.code if err else "unreadable", "message": message, "text": _sentence(message)}
        return out
    for severity, heading, css in GROUPS:
        group = [f for f in result.findings if f.severity is severity]
        if not group:
            continue
        out["groups"].append(
            {
                "severity": severity.value,
                "class": css,
                "heading": heading,
                "findings": [
                    {
                        "code": f.code,
                        "name": f.name,
                        "message": f.message,
                        "where": _sentence(f.location.describe(), stop=False),
                        "quote": f.excerpt,
                        "fix": f.fix,
                    }
                    for f in group
                ],
            }
        )
    return out


def _summary(result: "FileResult") -> str:
    from ..formatters.base import counts_phrase

    if result.status == "error":
        return "This record could not be checked."
    if not result.findings:
        return "No problems found."
    return counts_phrase(result.findings) + "."


def too_large_message(size: int, limit: int) -> str:
    return (
        f"This file is {size / MB:.1f} MB, over the {limit / MB:g} MB limit for this page. "
        "Check it is the right record; if it is, ask IT to start the page with a higher --max-upload-mb."
    )


# -- the server ------------------------------------------------------------------------------


class WebServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows the linter, the upload limit and who may talk to it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        linter: "Linter",
        *,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * MB,
        allow_remote: bool = False,
        runner: InlineRunner | MainThreadRunner | None = None,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.linter = linter
        self.max_upload_bytes = max_upload_bytes
        self.allow_remote = allow_remote
        self.runner = runner or InlineRunner()
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(
    linter: "Linter",
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    allow_remote: bool = False,
    runner: InlineRunner | MainThreadRunner | None = None,
) -> WebServer:
    """Bind (refusing a non-loopback host without ``allow_remote``); serve with ``serve_forever``."""
    check_host(host, allow_remote)
    try:
        return WebServer(
            (host, port),
            linter,
            max_upload_bytes=int(max_upload_mb * MB),
            allow_remote=allow_remote,
            runner=runner,
        )
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise ServeError(f"port {port} is already in use: stop the other program or choose another with --port") from None
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or type(exc).__name__})") from None


class Handler(BaseHTTPRequestHandler):
    """Four routes: the page's three files, ``POST /api/check`` (script) and ``POST /check`` (plain form)."""

    server: WebServer
    server_version = "strategy-lint"
    sys_version = ""

    # -- logging: method, known route, status; nothing else ------------------------------

    def _route(self) -> str:
        path = urlsplit(self.path or "").path
        return path if path in STATIC_ROUTES or path in API_ROUTES else "(other)"

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:  # noqa: ARG002
        log.info("%s %s %s", self.command or "-", self._route(), int(code) if str(code).isdigit() else code)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002, ARG002
        # http.server routes errors through here with arguments that can echo the raw request.
        log.info("%s %s request error", self.command or "-", self._route())

    # -- answering -------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data).encode("utf-8"), "application/json; charset=utf-8")

    def _problem(self, status: int, message: str, *, html: bool = False) -> None:
        """A plain-English refusal, as JSON for the script or a small page for the plain form."""
        if not html:
            self._json(status, {"error": message})
            return
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>strategy-lint</title>'
            '<link rel="stylesheet" href="/style.css"></head><body><main class="page">'
            f"<h1>The records were not checked</h1><p>{_escape(message)}</p>"
            '<p><a href="/">Back to the page</a></p></main></body></html>'
        )
        self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")

    def _host_ok(self) -> bool:
        """Only answer to this computer's names unless remote use was allowed (blocks DNS rebinding)."""
        if self.server.allow_remote:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host[1:].split("]", 1)[0]
        if name not in LOOPBACK_NAMES:
            self._problem(HTTPStatus.MISDIRECTED_REQUEST, "This page only answers on this computer (http://127.0.0.1).")
            return False
        origin = self.headers.get("Origin")
        if self.command == "POST" and origin and origin != "null" and urlsplit(origin).netloc.lower() != host:
            self._problem(HTTPStatus.FORBIDDEN, "Records can only be sent from this page itself.")
            return False
        return True

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        path = urlsplit(self.path).path
        if path not in STATIC_ROUTES:
            self._problem(HTTPStatus.NOT_FOUND, "There is nothing here: go to the page's home.", html=True)
            return
        name, content_type = STATIC_ROUTES[path]
        body = (STATIC / name).read_bytes()
        if name == "index.html":
            body = body.replace(b"__MAX_UPLOAD_MB__", f"{self.server.max_upload_bytes / MB:g}".encode())
        self._send(HTTPStatus.OK, body, content_type)

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        path = urlsplit(self.path).path
        if path == "/api/check":
            self._api_check()
        elif path == "/check":
            self._form_check()
        else:
            self._problem(HTTPStatus.NOT_FOUND, "There is nothing here to send records to.")

    def _body(self, limit: int, *, html: bool) -> bytes | None:
        """The request body, or None after answering 411/413 (in plain English)."""
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._problem(HTTPStatus.LENGTH_REQUIRED, "The record did not arrive whole: please try again.", html=html)
            return None
        if length > limit:
            self._drain(length)
            self._problem(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_large_message(length, limit), html=html)
            return None
        return self.rfile.read(length)

    def _drain(self, length: int) -> None:
        """Read and drop an over-limit body (nothing kept) so the browser gets the answer."""
        if length > DRAIN_CAP:
            self.close_connection = True
            return
        left = length
        while left > 0:
            chunk = self.rfile.read(min(left, MB))
            if not chunk:
                break
            left -= len(chunk)

    def _check(self, data: bytes, filename: str) -> tuple["FileResult", bytes | None, str | None]:
        linter = self.server.linter
        return self.server.runner.submit(lambda: check_record(linter, data, filename))

    def _api_check(self) -> None:
        data = self._body(self.server.max_upload_bytes, html=False)
        if data is None:
            return
        filename = unquote(self.headers.get("X-Filename", ""))
        try:
            result, annotated, note = self._check(data, filename)
        except Exception as exc:  # our bug: one line, no traceback, nothing from the record
            from ..engine import _where

            log.warning("internal error while checking a record (%s)", _where(exc))
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "strategy-lint failed on this record: please report it."})
            return
        self._json(HTTPStatus.OK, result_json(result, annotated, note))

    def _form_check(self) -> None:
        """The no-JavaScript path: a multipart form in, the HTML report out (no commented copies)."""
        limit = self.server.max_upload_bytes
        data = self._body(limit * FORM_FILES, html=True)
        if data is None:
            return
        files = _form_files(self.headers.get("Content-Type", ""), data)
        if not files:
            self._problem(HTTPStatus.BAD_REQUEST, "No record was chosen: choose one or more .docx or PDF records.", html=True)
            return
        results = []
        for name, content in files:
            if len(content) > limit:
                from ..engine import FileResult
                from ..errors import ReadError

                results.append(FileResult(name, "error", error=ReadError("too-large", too_large_message(len(content), limit))))
                continue
            result, _annotated, _note = self._check(content, name)
            result.path = name
            results.append(result)
        self._send(HTTPStatus.OK, _report_page(results), "text/html; charset=utf-8", {"Content-Security-Policy": _report_csp()})


def _form_files(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    """(file name, bytes) for each non-empty ``records`` part of a multipart/form-data body."""
    if not content_type.lower().startswith("multipart/form-data"):
        return []
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    out = []
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") != "records":
            continue
        content = part.get_payload(decode=True) or b""
        name = part.get_filename() or "record"
        if content:
            out.append((Path(name.replace("\\", "/")).name, content))
    return out


def _report_page(results: list) -> bytes:
    """The CLI's HTML report for the plain-form path, with a way back to the page."""
    from ..formatters.base import Summary
    from ..formatters.html import HtmlFormatter

    page = HtmlFormatter(excerpts=True).render(results, Summary.of(results, 0))
    back = '<p><a href="/">Check more records</a></p>'
    return page.replace("<main>", "<main>" + back, 1).encode("utf-8")


def _report_csp() -> str:
    """The report page keeps its inline stylesheet: allow exactly that one by hash."""
    from ..formatters.html import CSS

    digest = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
    return CSP + f"; style-src 'self' 'sha256-{digest}'"


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


# -- the command ------------------------------------------------------------------------------


def run(args: Any) -> int:
    """``strategy-lint serve``: bind, open the browser, check records on the main thread until Ctrl+C."""
    import webbrowser

    from ..config import load_config
    from ..engine import Linter

    check_host(args.host, args.allow_remote)
    if args.max_upload_mb <= 0:
        raise ServeError("--max-upload-mb must be more than 0")
    config = load_config(args.config, Path.cwd())
    linter = Linter(config=config, strict_plugins=args.strict_plugins)
    for failure in linter.plugins.failures:
        print(f"strategy-lint: warning: {failure.describe()}", file=sys.stderr)
    runner = MainThreadRunner()
    server = make_server(
        linter, args.host, args.port, max_upload_mb=args.max_upload_mb, allow_remote=args.allow_remote, runner=runner
    )
    where = f" with configuration from {config.path}" if config.path else ""
    print(f"strategy-lint: the page is at {server.url}{where} (press Ctrl+C to stop)", file=sys.stderr)
    if args.allow_remote and not is_loopback(args.host):
        print("strategy-lint: warning: other computers can reach this page: keep it behind your sign-on", file=sys.stderr)
    stop = threading.Event()
    previous = _stop_on_sigterm()
    thread = threading.Thread(target=server.serve_forever, name="strategy-lint-web", daemon=True)
    thread.start()
    if not args.no_browser:
        webbrowser.open(server.url)
    try:
        runner.run_until(stop)
    except KeyboardInterrupt:
        print("strategy-lint: stopped", file=sys.stderr)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)
    return 0


def _stop_on_sigterm() -> Any:
    """A service manager's stop (SIGTERM) ends like Ctrl+C: a check in hand stops and its temporary folder is removed."""
    import signal

    def _interrupt(signum, frame):  # noqa: ARG001 - signal handler signature
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, _interrupt) if hasattr(signal, "SIGTERM") else None
