"""The local web server behind ``strategy-lint serve``.

Why the standard library and no framework: the page needs four routes, and the library
must stay light.  The page's script POSTs each record's bytes as the request body
(``X-Filename`` carries only the name, for its extension); a plain HTML form (no
JavaScript) is also accepted on ``/check``, read by a small streaming multipart reader.

Privacy, by construction:
- a record is written only into this run's private temporary folder (``mkdtemp``, mode
  0700; each request gets its own sub-folder, the file itself 0600, named ``record<.ext>``
  or ``record-N<.ext>``, never the user's file name) for as long as the readers need a
  path, and the request's folder is removed before the answer is sent; the run's folder is
  removed at stop, and a crashed run's folder at the next start (:class:`ScratchFolder`);
- bodies are streamed to that folder in :data:`CHUNK`-sized pieces: a record is never held
  whole in memory on its way in, and the no-JavaScript form has caps on its parts;
- the commented copy is made in memory and returned in the same answer: nothing is kept
  between requests; the words of a record do not stay in spaCy's string store
  (:func:`lint_upload`);
- the request log names the method, a known route and the status, never a file name,
  anything from a record or the page's secret token;
- every answer carries ``Cache-Control: no-store`` and a strict Content-Security-Policy.

Who may talk to it: requests must name this computer as their ``Host`` (DNS rebinding),
come from the page itself (``Sec-Fetch-Site``, ``Origin``: cross-site forms and sandboxed
frames are refused) and, with ``--token``, carry the run's secret in their path.
Connections are bounded in number and time (:class:`WebServer`).

Why checks run on the main thread (``MainThreadRunner``): the engine's per-file and
per-rule time budgets use SIGALRM, which works only there; requests are handled on
threads and hand their record over, one at a time.  How a record is checked is one
callable, ``WebServer.check`` (a path in; the result, the commented copy and a note out):
a supervised worker process can take the place of the default (:func:`check_record` with
:func:`lint_upload`) there without touching the rest.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import queue
import re
import secrets
import shutil
import socket
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar
from urllib.parse import unquote, urlsplit

from ..errors import ReadError, StrategyLintError
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
#: Bodies are read, written and parsed in pieces of this size: the most of a record in memory at once.
CHUNK = 64 * 1024
#: An over-limit body up to this size is read and thrown away so the browser sees the 413
#: answer (closing on an unread body makes browsers report a network error instead).
DRAIN_CAP = 256 * MB
#: The no-JavaScript form: records it may carry at once, parts of any kind, bytes of one part's headers.
FORM_RECORDS = 20
FORM_PARTS = FORM_RECORDS + 10
FORM_HEADER_BYTES = 16 * 1024
#: Seconds a connection may sit without sending or taking a byte before it is closed.
CONNECTION_TIMEOUT = 30.0
#: Connections served at once (each has a thread); more are answered 503 at once.  A browser
#: opens about six to one site.
MAX_CONNECTIONS = 32
#: Connections the operating system holds for us while we are busy accepting.
LISTEN_BACKLOG = 64
#: This run's scratch folder: ``<tmp>/strategy-lint-serve-XXXXXXXX/`` holding :data:`LOCK_NAME`.
SCRATCH_PREFIX = "strategy-lint-serve-"
LOCK_NAME = ".in-use"
#: A scratch folder without its lock file is left alone this long (it may be starting).
SCRATCH_GRACE = 60.0
#: Earlier versions used ``tempfile.TemporaryDirectory(prefix="strategy-lint-")`` per record.
LEGACY_FOLDER = re.compile(r"strategy-lint-[a-z0-9_]{8}")
LEGACY_RECORD = re.compile(r"record(\.[a-z0-9]{1,8})?")
LEGACY_AGE = 3600.0
SUFFIX = re.compile(r"\.[a-z0-9]{1,8}$")
DIGITS = re.compile(r"[0-9]{1,15}")
CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer the page's own form posts "Origin: null",
    # which cannot be told from a sandboxed frame on another site.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
#: ``Sec-Fetch-Site`` values of requests made by the page itself or typed by the person.
OWN_SITES = frozenset({"same-origin", "none"})

NOT_CHECKED = "The records were not checked"
ARRIVED_BROKEN = "The record did not arrive whole: please try again."
FROM_ELSEWHERE = (
    "This came from another website or program, not from the page itself, so it was refused. "
    "Open the page that strategy-lint opened in your browser and choose the records there."
)
STOPPING = "strategy-lint is stopping, so this was not checked. Start it again, then check the records again."
NO_ROOM = (
    "strategy-lint could not write the record into its temporary folder (the disk may be full), "
    "so it was not checked. Ask IT to make room, then check it again."
)

T = TypeVar("T")
#: One record checked: (its result without its document, the commented .docx or None, a note or None).
Checker = Callable[[Path], "tuple[FileResult, bytes | None, str | None]"]


class ServeError(StrategyLintError):
    """The server cannot start as asked (a non-loopback host, a busy port): one line."""


class ServerStopping(Exception):
    """strategy-lint is stopping: a check that was waiting or running will not be answered."""


class Refused(Exception):
    """Answer the request with a plain-English refusal: status, page heading, message."""

    def __init__(self, status: int, message: str, heading: str = NOT_CHECKED) -> None:
        super().__init__(message)
        self.status, self.message, self.heading = status, message, heading


class ClientGone(Exception):
    """The browser stopped sending before the body was complete (tab closed, network gone)."""


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
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def check_host(host: str, allow_remote: bool) -> None:
    """Refuse a non-loopback address unless ``--allow-remote`` says IT has put sign-on in front."""
    if allow_remote or is_loopback(host):
        return
    raise ServeError(
        f"refusing to listen on {host}: other computers could then send records to this page. "
        "It is meant for this computer only; to serve a team, put it behind your own sign-on "
        "and add --allow-remote (see docs/web.md)"
    )


def new_token() -> str:
    """A secret for the page's address (``--token``): 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


# -- running checks ------------------------------------------------------------------------


class InlineRunner:
    """Run each check on the calling thread, one at a time (tests; no time budgets off the main thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[], T]) -> T:
        with self._lock:
            return fn()


class MainThreadRunner:
    """Hand checks to the main thread, where the engine's SIGALRM time budgets work.

    When the main thread stops (Ctrl+C, SIGTERM), the check it was running and every check
    still waiting end with :class:`ServerStopping` in their request's thread: never a
    ``KeyboardInterrupt`` (and its traceback) on a thread that cannot handle it.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future]] = queue.Queue()
        self._stopped = False
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[], T]) -> T:
        future: Future = Future()
        with self._lock:
            if self._stopped:
                raise ServerStopping
            self._jobs.put((fn, future))
        return future.result()

    def run_until(self, stop: threading.Event) -> None:
        """Run submitted checks until ``stop`` is set (Ctrl+C raises KeyboardInterrupt out of here)."""
        try:
            while not stop.is_set():
                try:
                    fn, future = self._jobs.get(timeout=0.2)
                except queue.Empty:
                    continue
                try:
                    future.set_result(fn())
                except KeyboardInterrupt:
                    future.set_exception(ServerStopping())
                    raise
                except BaseException as exc:  # the handler thread turns it into a 500
                    future.set_exception(exc)
        finally:
            with self._lock:
                self._stopped = True
                while True:
                    try:
                        _fn, future = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    future.set_exception(ServerStopping())


# -- the run's private scratch folder --------------------------------------------------------


class ScratchFolder:
    """This run's private folder for records in transit; a crashed run's is removed at the next start.

    ``<tmp>/strategy-lint-serve-XXXXXXXX/`` (``mkdtemp``: mode 0700) holds a lock file that the
    run keeps locked (``flock``) while it lives.  At start, every such folder of this user whose
    lock nobody holds belongs to a run that crashed (killed, out of memory, power cut), and is
    removed with whatever record it still holds.  Earlier versions' per-record folders
    (``strategy-lint-XXXXXXXX`` holding only ``record.*``, over an hour old) are removed too.
    """

    def __init__(self, parent: str | Path | None = None) -> None:
        parent = Path(parent or tempfile.gettempdir())
        self.removed = sweep_abandoned(parent)
        if self.removed:
            log.info("removed %d temporary folder(s) left by a run that stopped unexpectedly", self.removed)
        self.path = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
        self._lock_fd: int | None = _hold_lock(self.path / LOCK_NAME)

    def request_folder(self) -> tempfile.TemporaryDirectory:
        """A folder (mode 0700) for one request's records, removed when the ``with`` block ends."""
        return tempfile.TemporaryDirectory(prefix="check-", dir=self.path)

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        shutil.rmtree(self.path, ignore_errors=True)


def _hold_lock(path: Path) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: an open file cannot be removed, which the sweep relies on
        return fd
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _mine(info: os.stat_result) -> bool:
    return stat.S_ISDIR(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


def _abandoned(folder: Path, info: os.stat_result, now: float) -> bool:
    lock = folder / LOCK_NAME
    if not lock.exists():
        return now - info.st_mtime > SCRATCH_GRACE
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: a live run holds its lock file open
        try:
            lock.unlink()
        except OSError:
            return False
        return True
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live run holds it
    finally:
        os.close(fd)
    return True


def _legacy_leftover(folder: Path, info: os.stat_result, now: float) -> bool:
    if not LEGACY_FOLDER.fullmatch(folder.name) or now - info.st_mtime < LEGACY_AGE:
        return False
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return False
    return bool(names) and all(LEGACY_RECORD.fullmatch(n) for n in names)


def sweep_abandoned(parent: Path) -> int:
    """Remove this user's scratch folders left by runs that crashed; returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = list(parent.iterdir())
    except OSError:
        return 0
    for folder in entries:
        if not folder.name.startswith("strategy-lint-"):
            continue
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not _mine(info):
            continue
        if folder.name.startswith(SCRATCH_PREFIX):
            gone = _abandoned(folder, info, now)
        else:
            gone = _legacy_leftover(folder, info, now)
        if gone:
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    return removed


# -- checking one record -----------------------------------------------------------------


def safe_suffix(filename: str) -> str:
    """The extension of an uploaded name, lower-cased; '' when absent or odd.  The name itself is dropped."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    match = SUFFIX.search(name)
    return match.group(0) if match else ""


def no_extension_error() -> ReadError:
    """The page's own answer for a file whose name has no extension (the readers go by extension)."""
    return ReadError(
        "unsupported-type",
        "this file's name has no extension (such as .docx or .pdf), so strategy-lint cannot tell what kind of "
        "file it is: save the record as .docx or PDF, then check that file",
    )


def lint_upload(linter: Linter, path: Path) -> FileResult:
    """``linter.lint_file(path)``, leaving spaCy's string store as it was before.

    spaCy keeps every string it has seen for the life of its pipeline, so a long-running page
    would keep every word of every record checked.  The check runs inside the pipelines'
    memory zone (spaCy 3.8+), which forgets the strings added during it; with an older spaCy
    the pipelines are dropped after the check, so the next check builds fresh ones.
    """
    from .. import nlp as nlp_module

    plan = linter._plan_for(linter.default_config)
    models = [None] + ([plan.config.nlp_model] if plan.config.nlp_model else [])
    pipelines = [nlp_module.get_pipeline(plan.lexicon, model) for model in models]  # built outside the zone
    zoned = all(hasattr(p, "memory_zone") for p in pipelines)
    try:
        with contextlib.ExitStack() as zones:
            if zoned:
                for pipeline in pipelines:
                    zones.enter_context(pipeline.memory_zone())
            return linter.lint_file(path)
    finally:
        if not zoned:  # pragma: no cover - spaCy < 3.8
            nlp_module.clear_cache()


def check_record(lint: Callable[[Path], FileResult], path: Path) -> tuple[FileResult, bytes | None, str | None]:
    """Check one record already written to a private folder; make its commented copy in memory.

    Returns the result (without its document), the commented .docx (or None) and a note
    saying why there is no commented copy, when there is none for a reason worth telling.
    """
    from ..annotate import AnnotateError, annotate_docx

    annotated: bytes | None = None
    note: str | None = None
    result = lint(path)
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


def result_json(result: FileResult, annotated: bytes | None, note: str | None) -> dict[str, Any]:
    """What the page shows for one record: verdict, findings grouped by severity, the commented copy."""
    from ..formatters.base import UNSURE_HEADING, grouped
    from ..formatters.html import _sentence
    from ..verdict import verdict

    shared = verdict(result)  # the same verdict as every report (strategy_lint.verdict)
    out: dict[str, Any] = {
        "verdict": shared.value,
        "label": shared.badge,
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
    for heading, css, group in grouped(result):
        out["groups"].append(
            {
                "severity": group[0].severity.value if css != "note" or heading != UNSURE_HEADING else "uncertain",
                "class": css,
                "heading": heading,
                "findings": [
                    {
                        "code": f.code,
                        "name": f.name,
                        "message": f.message,
                        "confidence": f.confidence.value,
                        "where": _sentence(f.location.describe(), stop=False),
                        "quote": f.excerpt,
                        "fix": f.fix,
                    }
                    for f in group
                ],
            }
        )
    return out


def _summary(result: FileResult) -> str:
    from ..formatters.base import counts_phrase

    if result.status == "error":
        return "This record could not be checked."
    if not result.findings:
        return "No problems found."
    sure = result.counted() if hasattr(result, "counted") else result.findings
    return counts_phrase(sure, len(result.findings) - len(sure)) + "."


def _mb(n: float) -> str:
    return f"{n / MB:.1f}" if n < 100 * MB else f"{n / MB:.0f}"


def too_large_message(size: int, limit: int) -> str:
    return (
        f"This file is {_mb(size)} MB, over the {limit / MB:g} MB limit for this page. "
        "Check it is the right record; if it is, ask IT to start the page with a higher --max-upload-mb."
    )


def form_too_large_message(size: int, limit: int) -> str:
    return (
        f"The chosen files come to {_mb(size)} MB. This page takes records of up to {limit / MB:g} MB each, "
        f"up to {FORM_RECORDS} at a time: check these are the right files, or choose fewer at once."
    )


def too_many_records_message() -> str:
    return (
        f"More than {FORM_RECORDS} records were chosen. Without JavaScript this page checks up to "
        f"{FORM_RECORDS} records at a time: choose {FORM_RECORDS} or fewer, then check the rest."
    )


# -- the no-JavaScript form: a streaming multipart/form-data reader --------------------------------


@dataclass
class Upload:
    """One record from the form: its name (for the report only), where it was written, its size."""

    name: str
    path: Path | None  # None when over the size limit: nothing of it was kept
    size: int


class FormReader:
    """Read a multipart/form-data body piece by piece into a private folder.

    At most :data:`CHUNK` bytes of body and :data:`FORM_HEADER_BYTES` of one part's headers
    are held at once; each ``records`` part is written to ``record-N<.ext>`` (0600) as it
    arrives, and stops being written (and is removed) once it is over ``limit``.
    Parts are capped (:data:`FORM_PARTS`, :data:`FORM_RECORDS`).
    """

    def __init__(self, boundary: bytes, folder: Path, limit: int) -> None:
        self.delimiter = b"\r\n--" + boundary
        self.folder, self.limit = folder, limit
        self.uploads: list[Upload] = []
        self.done = False
        self._buf = bytearray(b"\r\n")  # so that the first delimiter looks like every other
        self._state = "preamble"
        self._parts = 0
        self._sink: BinaryIO | None = None
        self._current: Upload | None = None

    def feed(self, data: bytes) -> None:
        self._buf += data
        keep = len(self.delimiter) - 1
        while not self.done:
            buf = self._buf
            if self._state in ("preamble", "body"):
                at = buf.find(self.delimiter)
                if at < 0:
                    if self._state == "body" and len(buf) > keep:
                        self._write(bytes(buf[: len(buf) - keep]))
                        del buf[: len(buf) - keep]
                    elif self._state == "preamble" and len(buf) > keep:
                        del buf[: len(buf) - keep]
                    return
                if self._state == "body":
                    self._write(bytes(buf[:at]))
                    self._end_part()
                del buf[: at + len(self.delimiter)]
                self._state = "after-delimiter"
            elif self._state == "after-delimiter":
                if len(buf) < 2:
                    return
                if buf[:2] == b"--":
                    self.done = True
                    return
                end = buf.find(b"\r\n")
                if end < 0 or buf[:end].strip(b" \t"):
                    if end >= 0 or len(buf) > 256:
                        raise Refused(HTTPStatus.BAD_REQUEST, ARRIVED_BROKEN)
                    return
                del buf[: end + 2]
                self._state = "headers"
            else:  # headers
                end = 0 if buf[:2] == b"\r\n" else buf.find(b"\r\n\r\n")
                if end < 0:
                    if len(buf) > FORM_HEADER_BYTES:
                        raise Refused(HTTPStatus.BAD_REQUEST, ARRIVED_BROKEN)
                    return
                headers = bytes(buf[:end])
                del buf[: end + (2 if end == 0 else 4)]
                self._start_part(headers)
                self._state = "body"

    def _start_part(self, raw_headers: bytes) -> None:
        from email.parser import Parser
        from email.policy import HTTP

        self._parts += 1
        if self._parts > FORM_PARTS:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_many_records_message())
        headers = Parser(policy=HTTP).parsestr(raw_headers.decode("utf-8", "replace") + "\r\n\r\n", headersonly=True)
        filename = headers.get_filename()
        if headers.get_param("name", header="content-disposition") != "records" or not filename:
            return  # another field, or the chooser left empty: read past it, keep nothing
        count = len(self.uploads) + 1
        if count > FORM_RECORDS:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_many_records_message())
        name = filename.replace("\\", "/").rsplit("/", 1)[-1] or "record"
        path = self.folder / f"record-{count}{safe_suffix(name)}"
        self._sink = _private_file(path)
        self._current = Upload(name, path, 0)
        self.uploads.append(self._current)

    def _write(self, data: bytes) -> None:
        upload = self._current
        if upload is None or not data:
            return
        upload.size += len(data)
        if self._sink is not None and upload.size > self.limit:
            self._sink.close()
            self._sink = None
            if upload.path is not None:
                upload.path.unlink()
            upload.path = None
        if self._sink is not None:
            _write(self._sink, data)

    def _end_part(self) -> None:
        if self._sink is not None:
            self._sink.close()
        self._sink, self._current = None, None

    def close(self) -> None:
        self._end_part()


def _private_file(path: Path) -> BinaryIO:
    """A new file only this user can read (0600); a full or broken disk is a plain refusal."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        raise Refused(HTTPStatus.INSUFFICIENT_STORAGE, NO_ROOM) from None
    return os.fdopen(fd, "wb")


def _write(fh: BinaryIO, data: bytes) -> None:
    try:
        fh.write(data)
    except OSError:
        raise Refused(HTTPStatus.INSUFFICIENT_STORAGE, NO_ROOM) from None


@contextlib.contextmanager
def _scratch(scratch: ScratchFolder):
    """One request's private folder (removed at the end), or a plain refusal when it cannot be made."""
    try:
        folder = scratch.request_folder()
    except OSError:
        raise Refused(HTTPStatus.INSUFFICIENT_STORAGE, NO_ROOM) from None
    with folder as path:
        yield path


def multipart_boundary(content_type: str) -> bytes | None:
    from email.message import Message

    message = Message()
    message["Content-Type"] = content_type
    if message.get_content_type() != "multipart/form-data":
        return None
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str) or not 0 < len(boundary) <= 200:
        return None
    return boundary.encode("latin-1", "replace")


# -- the server ------------------------------------------------------------------------------


class WebServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows the linter, the limits and who may talk to it.

    Connections are bounded: at most ``max_connections`` are served at once (each on its own
    thread), more are answered "503, busy" straight away; each waits at most
    ``connection_timeout`` seconds for the other side; the listen backlog is
    :data:`LISTEN_BACKLOG`.  A browser that goes away, and a connection that times out, is one
    quiet log line, never a traceback.
    """

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        linter: Linter,
        *,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * MB,
        allow_remote: bool = False,
        runner: InlineRunner | MainThreadRunner | None = None,
        token: str | None = None,
        connection_timeout: float = CONNECTION_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
        check: Checker | None = None,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.linter = linter
        #: How one record is checked (on the runner's thread): a path in this run's private folder in;
        #: its result (without its document), its commented copy and a note out.
        self.check: Checker = check or (lambda path: check_record(lambda p: lint_upload(self.linter, p), path))
        self.max_upload_bytes = max_upload_bytes
        self.allow_remote = allow_remote
        self.runner = runner or InlineRunner()
        self.token = token
        self.connection_timeout = connection_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, Handler)
        self.scratch = ScratchFolder()

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        base = f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
        return base + (f"{self.token}/" if self.token else "")

    # -- bounded connections -------------------------------------------------------------

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            log.info("too many connections at once: one was answered 'busy'")
            with contextlib.suppress(OSError):
                request.setblocking(False)
                request.sendall(
                    b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:  # noqa: ARG002
        """One line, no traceback: a browser that left, or our own bug (its type and place only)."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, ClientGone)):
            log.info("a browser closed the connection before the answer was sent")
            return
        from ..engine import _where

        log.warning("internal error while answering a request (%s)", _where(exc) if exc else "unknown")

    def server_close(self) -> None:
        super().server_close()
        scratch = getattr(self, "scratch", None)  # absent when binding failed
        if scratch is not None:
            scratch.close()


def make_server(
    linter: Linter,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    allow_remote: bool = False,
    runner: InlineRunner | MainThreadRunner | None = None,
    token: str | None = None,
    connection_timeout: float = CONNECTION_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
    check: Checker | None = None,
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
            token=token,
            connection_timeout=connection_timeout,
            max_connections=max_connections,
            check=check,
        )
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise ServeError(
                f"port {port} is already in use: stop the other program or choose another with --port"
            ) from None
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or type(exc).__name__})") from None


class Handler(BaseHTTPRequestHandler):
    """Four routes: the page's three files, ``POST /api/check`` (script) and ``POST /check`` (plain form).

    With a token, every route lives under ``/<token>/`` and the page's own links are relative.
    """

    server: WebServer
    server_version = "strategy-lint"
    sys_version = ""

    def setup(self) -> None:
        # typeshed declares timeout a class variable; socketserver reads it per handler instance
        self.timeout = self.server.connection_timeout  # type: ignore[misc]
        super().setup()

    # -- where the request goes ----------------------------------------------------------

    def _split(self) -> tuple[bool, str]:
        """(the token matched, the route inside the page): never logs or echoes the raw path."""
        path = urlsplit(self.path or "").path
        token = self.server.token
        if not token:
            return True, path
        first, slash, rest = path[1:].partition("/")
        if not hmac.compare_digest(first.encode("utf-8", "replace"), token.encode("ascii")):
            return False, path
        return True, ("/" + rest) if slash else ""

    def _route(self) -> str:
        ok, path = self._split()
        return path if ok and (path in STATIC_ROUTES or path in API_ROUTES) else "(other)"

    def _wants_json(self) -> bool:
        return urlsplit(self.path or "").path.endswith("/api/check")

    # -- logging: method, known route, status; nothing else ------------------------------

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

    def _problem(self, status: int, message: str, heading: str = NOT_CHECKED, *, home: bool = True) -> None:
        """A plain-English refusal: JSON for the page's script, a small page for a person."""
        if self._wants_json():
            self._json(status, {"error": message})
            return
        link = ""
        if home:
            home_url = f"/{self.server.token}/" if self.server.token else "/"
            link = f'<p><a href="{home_url}">Go to the page for checking records</a></p>'
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_escape(heading)} – strategy-lint</title>"
            '<link rel="stylesheet" href="/style.css"></head><body><main class="page">'
            f'<h1>{_escape(heading)}</h1><p class="lead">{_escape(message)}</p>{link}</main></body></html>'
        )
        self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")

    def _refused(self, refusal: Refused, *, home: bool = True) -> None:
        self._problem(refusal.status, refusal.message, refusal.heading, home=home)

    # -- who may talk to it -------------------------------------------------------------------

    def _allowed(self) -> bool:
        """Host (DNS rebinding), Sec-Fetch-Site and Origin (other sites), then the token; answers a refusal."""
        port = self.server.server_address[1]
        # The stylesheet is public and holds nothing: refusal pages (wrong host, old address) use it too.
        stylesheet = self.command in ("GET", "HEAD") and urlsplit(self.path or "").path == "/style.css"
        host = None if self.server.allow_remote else (self.headers.get("Host") or "").strip().lower()
        if host is not None and not stylesheet:
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host[1:].split("]", 1)[0]
            if name not in LOOPBACK_NAMES:
                where = f"http://127.0.0.1:{port}/" + ("…" if self.server.token else "")
                self._problem(
                    HTTPStatus.MISDIRECTED_REQUEST,
                    "This address names the computer in a way the page does not answer to, so records cannot be "
                    f"checked here. On the computer where strategy-lint is running, open {where} (the address "
                    "strategy-lint opened in the browser, or printed, when it started). If someone else started it "
                    "for you, ask them.",
                    "This page opens only on the computer running strategy-lint",
                    home=False,
                )
                return False
        site = self.headers.get("Sec-Fetch-Site")
        navigation = (
            self.command in ("GET", "HEAD")
            and self.headers.get("Sec-Fetch-Mode") == "navigate"
            and self.headers.get("Sec-Fetch-Dest", "document") == "document"
        )
        origin = self.headers.get("Origin")
        if (site is not None and site.strip().lower() not in OWN_SITES and not navigation) or (
            self.command == "POST"
            and origin is not None
            and (origin.strip().lower() == "null" or (host is not None and urlsplit(origin).netloc.lower() != host))
        ):
            self._problem(HTTPStatus.FORBIDDEN, FROM_ELSEWHERE, "This request was refused", home=False)
            return False
        ok, path = self._split()
        if not ok and not stylesheet:
            self._problem(
                HTTPStatus.FORBIDDEN,
                "This page's address includes a secret that changes each time strategy-lint starts, and this address "
                "does not have the right one. Use the address strategy-lint opened in your browser, or printed, "
                "when it started this time.",
                "This address is out of date or incomplete",
                home=False,
            )
            return False
        return True

    # -- routes ------------------------------------------------------------------------------

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if not self._allowed():
            return
        ok, path = self._split()
        if ok and path == "":  # "/<token>" without its slash: relative links need it
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"/{self.server.token}/")
            self.send_header("Content-Length", "0")
            for name, value in SECURITY_HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            return
        if path not in STATIC_ROUTES:
            self._problem(HTTPStatus.NOT_FOUND, "Nothing is here.", "There is no page at this address")
            return
        name, content_type = STATIC_ROUTES[path]
        body = (STATIC / name).read_bytes()
        if name == "index.html":
            body = body.replace(b"__MAX_UPLOAD_MB__", f"{self.server.max_upload_bytes / MB:g}".encode())
            body = body.replace(b"__FORM_RECORDS__", str(FORM_RECORDS).encode())
        self._send(HTTPStatus.OK, body, content_type)

    def do_POST(self) -> None:  # noqa: N802
        if not self._allowed():
            return
        _ok, path = self._split()
        self._left = 0  # body bytes not read yet (kept by _pieces)
        try:
            if path == "/api/check":
                self._api_check()
            elif path == "/check":
                self._form_check()
            else:
                self._drain(self._length(required=False))
                self._problem(
                    HTTPStatus.NOT_FOUND,
                    "There is nothing here to send records to.",
                    "There is no page at this address",
                )
        except Refused as refusal:
            self._drain(self._left)  # the rest is read and dropped, so the browser shows the answer
            self._refused(refusal)
        except ServerStopping:
            self.close_connection = True
            self._problem(HTTPStatus.SERVICE_UNAVAILABLE, STOPPING)

    # -- request bodies -------------------------------------------------------------------------

    def _length(self, *, required: bool = True) -> int:
        """The body's declared length: absent (or chunked) → 411, malformed or negative → 400."""
        raw = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or (raw is None and required):
            self.close_connection = True
            raise Refused(HTTPStatus.LENGTH_REQUIRED, ARRIVED_BROKEN)
        if raw is None:
            return 0
        if not DIGITS.fullmatch(raw.strip()):
            self.close_connection = True
            raise Refused(HTTPStatus.BAD_REQUEST, ARRIVED_BROKEN)
        return int(raw.strip())

    def _drain(self, length: int) -> None:
        """Read and drop a body we will not use (nothing kept) so the browser gets the answer."""
        if length > DRAIN_CAP:
            self.close_connection = True
            return
        left = length
        while left > 0:
            chunk = self.rfile.read(min(left, CHUNK))
            if not chunk:
                self.close_connection = True
                return
            left -= len(chunk)

    def _pieces(self, length: int):
        """The body in pieces of at most CHUNK bytes; ClientGone if it stops short."""
        self._left = length
        while self._left > 0:
            chunk = self.rfile.read(min(self._left, CHUNK))
            if not chunk:
                self.close_connection = True
                raise ClientGone
            self._left -= len(chunk)
            yield chunk

    def _check(self, path: Path) -> tuple[FileResult, bytes | None, str | None]:
        if not path.suffix:  # the readers go by extension: the page says it in its own words
            from ..engine import FileResult

            return FileResult(str(path), "error", error=no_extension_error()), None, None
        check = self.server.check
        return self.server.runner.submit(lambda: check(path))

    def _api_check(self) -> None:
        length = self._length()
        limit = self.server.max_upload_bytes
        if length > limit:
            self._drain(length)
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_large_message(length, limit))
        filename = unquote(self.headers.get("X-Filename", ""))
        with _scratch(self.server.scratch) as folder:
            path = Path(folder) / f"record{safe_suffix(filename)}"
            with _private_file(path) as fh:
                for chunk in self._pieces(length):
                    _write(fh, chunk)
            try:
                result, annotated, note = self._check(path)
            except (ServerStopping, Refused):
                raise
            except Exception as exc:  # our bug: one line, no traceback, nothing from the record
                from ..engine import _where

                log.warning("internal error while checking a record (%s)", _where(exc))
                self._json(
                    HTTPStatus.INTERNAL_SERVER_ERROR,
                    {"error": "strategy-lint failed on this record: please report it."},
                )
                return
        self._json(HTTPStatus.OK, result_json(result, annotated, note))

    def _form_check(self) -> None:
        """The no-JavaScript path: a multipart form in (streamed to disk), the HTML report out (no commented copies)."""
        from ..engine import FileResult

        length = self._length()
        limit = self.server.max_upload_bytes
        if length > FORM_RECORDS * (limit + CHUNK):
            self._drain(length)
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, form_too_large_message(length, limit))
        boundary = multipart_boundary(self.headers.get("Content-Type", ""))
        if boundary is None:
            self._drain(length)
            raise Refused(HTTPStatus.BAD_REQUEST, "No record was chosen: choose one or more .docx or PDF records.")
        results = []
        with _scratch(self.server.scratch) as folder:
            reader = FormReader(boundary, Path(folder), limit)
            pieces = self._pieces(length)
            try:
                for chunk in pieces:
                    reader.feed(chunk)
                    if reader.done:
                        break
            finally:
                reader.close()
            for _rest in pieces:  # anything after the final boundary is read and dropped
                pass
            if not reader.done:
                raise Refused(HTTPStatus.BAD_REQUEST, ARRIVED_BROKEN)
            if not reader.uploads:
                raise Refused(HTTPStatus.BAD_REQUEST, "No record was chosen: choose one or more .docx or PDF records.")
            for upload in reader.uploads:
                if upload.path is None:
                    error = ReadError("too-large", too_large_message(upload.size, limit))
                    results.append(FileResult(upload.name, "error", error=error))
                    continue
                result, _annotated, _note = self._check(upload.path)
                result.path = upload.name
                results.append(result)
                upload.path.unlink()  # each record leaves the disk as soon as it is checked
        self._send(
            HTTPStatus.OK, _report_page(results), "text/html; charset=utf-8", {"Content-Security-Policy": _report_csp()}
        )


def _report_page(results: list) -> bytes:
    """The CLI's HTML report for the plain-form path, with a way back to the page."""
    from ..formatters.base import Summary
    from ..formatters.html import HtmlFormatter

    page = HtmlFormatter(excerpts=True).render(results, Summary.of(results, 0))
    back = '<p><a href="./">Check more records</a></p>'
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
        linter,
        args.host,
        args.port,
        max_upload_mb=args.max_upload_mb,
        allow_remote=args.allow_remote,
        runner=runner,
        token=new_token() if getattr(args, "token", False) else None,
    )
    where = f" with configuration from {config.path}" if config.path else ""
    print(f"strategy-lint: the page is at {server.url}{where} (press Ctrl+C to stop)", file=sys.stderr)
    if args.allow_remote and not is_loopback(args.host):
        print(
            "strategy-lint: warning: other computers can reach this page: keep it behind your sign-on", file=sys.stderr
        )
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
