"""``strategy-lint serve`` under hostile or careless use (issue #13's page findings, issue #14's bad moments).

Every test talks to a real server over loopback with the standard library client or a raw
socket; none needs a browser.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import tempfile
import threading
import time
import tracemalloc
import urllib.parse
from pathlib import Path

import pytest
from helpers import FIXTURES
from web_helpers import (
    CLEAN,
    ENCRYPTED,
    LEGACY_DOC,
    PRIVATE_NAME,
    PROBLEMS,
    check,
    multipart,
    request,
    start,
    stop,
)

from strategy_lint.config import Config
from strategy_lint.engine import Linter
from strategy_lint.testing.builders import build
from strategy_lint.web import server as web


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(config=Config())


@pytest.fixture(scope="module")
def server(linter):
    srv = start(linter)
    yield srv
    stop(srv)


@pytest.fixture(scope="module")
def small_server(linter):
    """Takes records up to 10 KB: every real record is over its limit."""
    srv = start(linter, max_upload_mb=10 / 1024)
    yield srv
    stop(srv)


def raw(srv, data: bytes, *, timeout: float = 10, shut: bool = False) -> bytes:
    """Send bytes as they are, return everything the server answers until it closes."""
    host, port = srv.server_address[:2]
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(data)
        if shut:
            s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                return out
            if not chunk:
                return out
            out += chunk


# -- who may send records (cross-site requests) ------------------------------------------------


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_request_from_another_site_is_refused_by_sec_fetch_site(server, site):
    """A browser says where a request comes from; only this page itself (or the person typing) may send records."""
    status, data = check(server, CLEAN, headers={"Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors"})
    assert status == 403 and "another website" in data["error"]
    status, _, _ = request(
        server,
        "GET",
        "/app.js",
        headers={"Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"},
    )
    assert status == 403


def test_same_origin_and_typed_requests_are_answered(server):
    assert check(server, CLEAN, headers={"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"})[0] == 200
    assert request(server, "GET", "/", headers={"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"})[0] == 200
    # A link to the page from an intranet page is a top-level navigation: it only shows the page.
    nav = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    assert request(server, "GET", "/", headers=nav)[0] == 200


def test_origin_null_is_refused_and_the_page_sends_a_real_origin(server):
    """A sandboxed iframe elsewhere posts with ``Origin: null``: refused.  The page's referrer policy
    lets its own form and script send their real origin (``no-referrer`` made them send null)."""
    status, data = check(server, CLEAN, headers={"Origin": "null"})
    assert status == 403 and "another website" in data["error"]
    _, headers, _ = request(server, "GET", "/")
    assert headers["referrer-policy"] == "same-origin"
    body, ctype = multipart([("a.docx", CLEAN.read_bytes())])
    status, _, page = request(server, "POST", "/check", body, {"Content-Type": ctype, "Origin": "null"})
    assert status == 403 and b"<h1>" in page


# -- request bodies -----------------------------------------------------------------------------


def test_negative_content_length_is_refused(server):
    """``Content-Length: -1`` used to read the socket to its end, past the upload limit."""
    head = b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: a.docx\r\nContent-Length: -1\r\n\r\n"
    reply = raw(server, head, shut=True)
    assert reply.startswith(b"HTTP/1.0 400"), reply[:80]
    assert b"did not arrive whole" in reply


@pytest.mark.parametrize("route", ["/api/check", "/check"])
def test_absent_content_length_and_chunked_bodies_are_refused(server, route):
    reply = raw(server, f"POST {route} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode(), shut=True)
    assert reply.startswith(b"HTTP/1.0 411"), reply[:80]
    chunked = f"POST {route} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    assert raw(server, chunked.encode(), shut=True).startswith(b"HTTP/1.0 411")


class _ReadSizes:
    """Wraps a request's rfile and remembers the largest single read asked of it."""

    def __init__(self, rfile, seen: list[int]) -> None:
        self._rfile, self._seen = rfile, seen

    def read(self, n: int = -1) -> bytes:
        self._seen.append(n)
        return self._rfile.read(n)

    def __getattr__(self, name):
        return getattr(self._rfile, name)


@pytest.fixture
def read_sizes(monkeypatch):
    seen: list[int] = []
    real_setup = web.Handler.setup

    def setup(self):
        real_setup(self)
        self.rfile = _ReadSizes(self.rfile, seen)

    monkeypatch.setattr(web.Handler, "setup", setup)
    return seen


def test_a_record_is_streamed_to_disk_in_small_pieces(server, read_sizes, tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(os.urandom(5 * web.CHUNK))
    status, data = check(server, big)
    assert status == 200 and data["verdict"] == "unread"
    assert read_sizes and max(read_sizes) <= web.CHUNK


def test_the_plain_form_streams_its_records_and_holds_little_in_memory(linter, read_sizes):
    """One big no-JavaScript form used to be held whole in memory (190 MB → 2.9 GB)."""
    srv = start(linter, max_upload_mb=1)
    records = [(f"r{i}.docx", os.urandom(3 * 1024 * 1024 // 2)) for i in range(3)]  # each over the 1 MB limit
    body, ctype = multipart(records)
    tracemalloc.start()
    try:
        status, _, page = request(srv, "POST", "/check", body, {"Content-Type": ctype})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        stop(srv)
    assert status == 200 and page.decode().count("over the 1 MB limit for this page") == 3
    assert max(read_sizes) <= web.CHUNK
    assert peak < 1024 * 1024, peak  # the body is 4.5 MB


def test_the_plain_form_takes_a_limited_number_of_records(server):
    files = [(f"r{i}.docx", b"x") for i in range(web.FORM_RECORDS + 1)]
    body, ctype = multipart(files)
    status, headers, page = request(server, "POST", "/check", body, {"Content-Type": ctype})
    text = page.decode()
    assert status == 413 and headers["content-type"].startswith("text/html")
    assert f"up to {web.FORM_RECORDS} records at a time" in text and "The records were not checked" in text


def test_the_plain_form_limit_is_said_per_record_never_as_a_larger_total(small_server):
    """The page says "up to N MB each": a refusal must not speak of a bigger limit for the whole form."""
    limit = small_server.max_upload_bytes
    body, ctype = multipart([("big.docx", b"x" * (web.FORM_RECORDS * (limit + web.CHUNK)))])
    status, _, page = request(small_server, "POST", "/check", body, {"Content-Type": ctype})
    text = page.decode()
    assert status == 413
    assert "each" in text and f"up to {web.FORM_RECORDS} at a time" in text
    shown = {float(m) for m in re.findall(r"over the ([\d.]+) MB limit", text)}
    assert not shown  # no "over the 0.195 MB limit" beside "0.00977 MB each"


def test_the_plain_form_reports_an_empty_file_rather_than_no_file(server):
    body, ctype = multipart([("empty.docx", b"")])
    status, _, page = request(server, "POST", "/check", body, {"Content-Type": ctype})
    assert status == 200 and "the file is empty" in page.decode().lower()


def test_a_broken_form_is_refused_plainly(server):
    ctype = "multipart/form-data; boundary=abc"
    body = b'--abc\r\nContent-Disposition: form-data; name="records"; filename="a.docx"\r\n\r\nPK never ends'
    status, _, page = request(server, "POST", "/check", body, {"Content-Type": ctype})
    assert status == 400 and "did not arrive whole" in page.decode()


@pytest.mark.parametrize("route", ["/api/check", "/check"])
def test_a_full_disk_is_a_plain_answer_not_a_dropped_connection(server, monkeypatch, route):
    def full():
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(server.scratch, "request_folder", full)
    if route == "/api/check":
        status, data = check(server, CLEAN)
        assert status == 507 and "disk may be full" in data["error"]
    else:
        body, ctype = multipart([("a.docx", CLEAN.read_bytes())])
        status, _, page = request(server, "POST", route, body, {"Content-Type": ctype})
        assert status == 507 and "disk may be full" in page.decode()


# -- connections ----------------------------------------------------------------------------------


def test_an_idle_connection_is_closed_after_the_timeout(linter):
    srv = start(linter, connection_timeout=0.5)
    try:
        host, port = srv.server_address[:2]
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nabc")
            started = time.monotonic()
            assert s.recv(100) == b""  # closed by the server, not by this test's 5 s timeout
            assert time.monotonic() - started < 4
    finally:
        stop(srv)


def test_connections_are_bounded_and_the_backlog_is_sensible(linter):
    """2,000 half-open connections used to start 1,982 threads."""
    srv = start(linter, max_connections=4, connection_timeout=10)
    sockets = []
    try:
        assert srv.request_queue_size >= 32
        before = threading.active_count()
        host, port = srv.server_address[:2]
        for _ in range(12):
            sockets.append(socket.create_connection((host, port), timeout=5))
        time.sleep(0.5)
        assert threading.active_count() - before <= 4
        busy = []
        for s in sockets:
            s.settimeout(0.3)
            try:
                busy.append(s.recv(200).startswith(b"HTTP/1.0 503"))
            except TimeoutError:
                busy.append(False)  # being served: waiting for its request
        assert busy == [False] * 4 + [True] * 8
    finally:
        for s in sockets:
            s.close()
        stop(srv)


def test_a_client_that_goes_away_is_one_quiet_log_line(linter, capsys, caplog):
    """Closing the tab during a check used to print a 25-line BrokenPipe traceback."""
    caplog.set_level(logging.INFO, logger="strategy_lint")  # an earlier in-process CLI run may have raised its level
    srv = start(linter)
    try:
        host, port = srv.server_address[:2]
        data = PROBLEMS.read_bytes()
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(
            f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: a.docx\r\nContent-Length: {len(data)}\r\n\r\n".encode()
            + data
        )
        s.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
        )  # reset, not a polite close
        s.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(
            "closed the connection" in r.getMessage() for r in caplog.records
        ):
            time.sleep(0.05)
        # the same through the server's error hook, for every kind of disconnect
        for exc in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset"), TimeoutError("timed out")):
            try:
                raise exc
            except OSError:
                srv.handle_error(None, ("127.0.0.1", 1))
    finally:
        stop(srv)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert any("closed the connection" in r.getMessage() for r in caplog.records)


def test_a_check_waiting_when_the_server_stops_ends_plainly():
    """Ctrl+C during a check: the waiting request gets ServerStopping, never a KeyboardInterrupt in its thread."""
    runner = web.MainThreadRunner()
    stop_event = threading.Event()
    outcomes: list[str] = []

    def first():
        try:
            runner.submit(lambda: (_ for _ in ()).throw(KeyboardInterrupt()))
        except web.ServerStopping:
            outcomes.append("first stopped")

    def second():
        try:
            runner.submit(lambda: "never run")
        except web.ServerStopping:
            outcomes.append("second stopped")

    t1 = threading.Thread(target=first, daemon=True)
    t1.start()
    time.sleep(0.1)
    t2 = threading.Thread(target=second, daemon=True)
    t2.start()
    time.sleep(0.1)
    with pytest.raises(KeyboardInterrupt):
        runner.run_until(stop_event)
    t1.join(5)
    t2.join(5)
    assert sorted(outcomes) == ["first stopped", "second stopped"]
    with pytest.raises(web.ServerStopping):
        runner.submit(lambda: 1)


def test_a_stopping_server_answers_503_in_plain_english(linter):
    class Stopped:
        def submit(self, fn):
            raise web.ServerStopping

    srv = start(linter, runner=Stopped())
    try:
        status, data = check(srv, CLEAN)
        assert status == 503 and "stopping" in data["error"]
    finally:
        stop(srv)


# -- temporary folders ------------------------------------------------------------------------------


def test_temporary_folders_of_a_crashed_run_are_removed_at_start(linter, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    crashed = tmp_path / "strategy-lint-serve-crashed1"
    (crashed / "check-x").mkdir(parents=True)
    (crashed / web.LOCK_NAME).write_bytes(b"")
    (crashed / "check-x" / "record.docx").write_bytes(b"a record")
    legacy = tmp_path / "strategy-lint-ab12cd_9"  # the folder name of earlier versions
    legacy.mkdir()
    (legacy / "record.docx").write_bytes(b"a record")
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    unrelated = tmp_path / "strategy-lint-notes"
    unrelated.mkdir()
    (unrelated / "mine.txt").write_text("keep", encoding="utf-8")

    live = start(linter)  # a running server's own folder must survive another's start
    try:
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith("strategy-lint-serve-")] == [
            live.scratch.path.name
        ]
        second = start(linter)
        try:
            names = sorted(p.name for p in tmp_path.iterdir())
            assert live.scratch.path.name in names and second.scratch.path.name in names
            assert "strategy-lint-notes" in names
            assert crashed.name not in names and legacy.name not in names
        finally:
            stop(second)
    finally:
        stop(live)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["strategy-lint-notes"]  # each removes its own at stop


def test_records_are_written_only_into_the_servers_private_folder(linter, tmp_path, monkeypatch):
    import stat

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    srv = start(linter)
    seen: list[tuple[str, int, int, bool]] = []
    real = srv.linter.lint_file

    def spy(path: Path):
        seen.append(
            (
                path.name,
                stat.S_IMODE(path.parent.stat().st_mode),
                stat.S_IMODE(path.stat().st_mode),
                srv.scratch.path in path.parents,
            )
        )
        return real(path)

    monkeypatch.setattr(srv.linter, "lint_file", spy)
    try:
        for f in (CLEAN, ENCRYPTED, PROBLEMS):
            assert check(srv, f, name=PRIVATE_NAME)[0] == 200
        body, ctype = multipart(
            [
                (PRIVATE_NAME, PROBLEMS.read_bytes()),
                ("b.pdf", (FIXTURES / "examples" / "problems-baby-voice.pdf").read_bytes()),
            ]
        )
        assert request(srv, "POST", "/check", body, {"Content-Type": ctype})[0] == 200
        assert len(seen) == 5
        for name, folder_mode, file_mode, inside in seen:
            assert re.fullmatch(r"record(-\d+)?\.(docx|pdf)", name)  # never the person's file name
            assert folder_mode == 0o700 and file_mode == 0o600 and inside
        assert [p.name for p in srv.scratch.path.iterdir()] == [web.LOCK_NAME]  # nothing left between requests
    finally:
        stop(srv)
    assert list(tmp_path.iterdir()) == []


# -- spaCy's string store ----------------------------------------------------------------------------


def test_words_of_a_checked_record_do_not_stay_in_spacys_string_store(linter, tmp_path):
    """spaCy keeps every string it has seen; a long-running page must not keep every record's words."""
    from strategy_lint.nlp import get_pipeline

    base = (FIXTURES / "records" / "base-baby-bruise.md").read_text(encoding="utf-8")
    srv = start(linter)
    try:
        check(srv, PROBLEMS)  # the pipeline exists from here on
        nlp = get_pipeline(srv.linter._plan_for(srv.linter.default_config).lexicon)
        size = len(nlp.vocab.strings)
        for i, name in enumerate(("Zebraquill", "Quorvane")):  # the child's first name
            record = build(base.replace("Ava", name.split()[0]), "narrative", tmp_path / f"r{i}.docx")
            assert check(srv, record)[0] == 200
            assert name not in nlp.vocab.strings
            assert len(nlp.vocab.strings) == size
    finally:
        stop(srv)


# -- the page for shared computers -----------------------------------------------------------------


def test_a_token_guards_every_route(linter):
    srv = start(linter, token="s3cr3t-token")
    try:
        assert srv.url.endswith("/s3cr3t-token/")
        for path in ("/", "/index.html", "/app.js", "/wrong/", "/s3cr3t-tokenX/"):
            status, headers, body = request(srv, "GET", path)
            assert status == 403 and headers["content-type"].startswith("text/html"), path
            assert b"s3cr3t" not in body and b"address" in body
        assert check(srv, CLEAN)[0] == 403
        status, headers, _ = request(srv, "GET", "/s3cr3t-token")
        assert status in (301, 302, 308) and headers["location"] == "/s3cr3t-token/"
        status, _, page = request(srv, "GET", "/s3cr3t-token/")
        assert status == 200 and b'href="style.css"' in page and b'action="check"' in page
        assert request(srv, "GET", "/s3cr3t-token/app.js")[0] == 200
        status, data = check(srv, CLEAN, route="/s3cr3t-token/api/check")
        assert status == 200 and data["verdict"] == "ready"
        body, ctype = multipart([("a.docx", CLEAN.read_bytes())])
        status, _, report = request(srv, "POST", "/s3cr3t-token/check", body, {"Content-Type": ctype})
        assert status == 200 and b'href="./"' in report
    finally:
        stop(srv)


def test_the_token_never_reaches_the_log(linter, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="strategy_lint")  # an earlier in-process CLI run may have raised its level
    srv = start(linter, token="s3cr3t-token")
    try:
        request(srv, "GET", "/s3cr3t-token/")
        check(srv, CLEAN, route="/s3cr3t-token/api/check")
        request(srv, "GET", "/s3cr3t-token/nothing")
    finally:
        stop(srv)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET / 200" in logged and "POST /api/check 200" in logged and "s3cr3t" not in logged


def test_serve_token_prints_a_secret_address_and_uses_it(monkeypatch, capsys, tmp_path):
    from strategy_lint import cli

    monkeypatch.chdir(tmp_path)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.setattr(web.MainThreadRunner, "run_until", lambda self, stop_event: None)
    assert cli.main(["serve", "--port", "0", "--token"]) == 0
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{20,}/", opened[0])
    assert opened[0] in capsys.readouterr().err


# -- plain-English pages, never raw JSON or the wrong words --------------------------------------------


def test_a_wrong_host_gets_a_plain_english_page(server):
    status, headers, body = request(server, "GET", "/", headers={"Host": "my-pc.council.local:8765"})
    assert status == 421 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert "<h1>" in page and "only on the computer" in page and not page.lstrip().startswith("{")
    assert "The records were not checked" not in page


def test_the_404_page_does_not_speak_of_records(server):
    status, headers, body = request(server, "GET", "/reports/2024")
    page = body.decode()
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert "The records were not checked" not in page and "no page at this address" in page.lower()
    assert 'href="/"' in page


def test_the_chooser_offers_doc_files_so_people_get_the_save_as_docx_answer(server):
    _, _, body = request(server, "GET", "/")
    accept = re.search(rb'accept="([^"]*)"', body).group(1).decode().split(",")
    assert ".doc" in accept and ".docx" in accept and ".pdf" in accept
    status, data = check(server, LEGACY_DOC)
    assert status == 200 and data["verdict"] == "unread" and ".docx" in data["error"]["text"]


def test_a_file_without_an_extension_gets_a_grammatical_answer(server):
    status, data = check(server, CLEAN, name="strategy record")
    assert status == 200 and data["verdict"] == "unread"
    text = data["error"]["text"]
    assert "files without an extension is" not in text
    assert text.startswith("This file's name has no extension") and ".docx" in text
    body, ctype = multipart([("strategy record", CLEAN.read_bytes())])
    _, _, page = request(server, "POST", "/check", body, {"Content-Type": ctype})
    assert "files without an extension is" not in page.decode() and "has no extension" in page.decode()


def test_the_no_javascript_form_says_how_many_records_it_takes(server):
    _, _, body = request(server, "GET", "/")
    assert f"up to {web.FORM_RECORDS} records at a time" in body.decode().lower()


def test_nothing_in_a_refusal_echoes_the_request(server):
    """Refusal pages are built from fixed words: nothing from the request's path or headers."""
    evil = "/<script>alert(1)</script>"
    status, _, body = request(server, "GET", urllib.parse.quote(evil, safe="/<>()"), headers={"Host": "x<b>y"})
    assert status == 421 and b"<script>" not in body and b"x<b>y" not in body
    status, _, body = request(server, "GET", evil.replace("<", "%3C"))
    assert b"script" not in body


def test_json_refusals_stay_json_for_the_script(server):
    status, headers, body = request(server, "POST", "/api/check", CLEAN.read_bytes(), {"Host": "evil.example"})
    assert status == 421 and headers["content-type"].startswith("application/json") and json.loads(body)["error"]


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 41, 64, 1000, 1 << 20])
def test_the_form_reader_gives_the_same_records_whatever_the_pieces(tmp_path, piece):
    """The boundary, the headers or a CRLF may be split across reads: the records come out whole."""
    boundary = "----b0undary"
    records = [
        ("one.docx", b"PK\x03\x04" + b"\r\n--" + b"x" * 300 + b"\r\n-" + os.urandom(2000)),  # near-boundaries inside
        ("two.pdf", b"%PDF-1.4\r\n" + os.urandom(5000) + b"\r\n"),
        ("Zoë’s record.docx", b""),  # an empty file is still a record (the readers say it is empty)
    ]
    body, _ctype = multipart(records, boundary=boundary)
    body = b"preamble to ignore\r\n" + body + b"epilogue to ignore"
    folder = tmp_path / f"p{piece}"
    folder.mkdir()
    reader = web.FormReader(boundary.encode(), folder, limit=4000)
    for at in range(0, len(body), piece):
        reader.feed(body[at : at + piece])
        if reader.done:
            break
    reader.close()
    assert reader.done
    assert [(u.name, u.size) for u in reader.uploads] == [(n, len(d)) for n, d in records]
    one, two, empty = reader.uploads
    assert one.path is not None and one.path.read_bytes() == records[0][1]
    assert two.path is None  # over the 4000-byte limit: nothing of it kept
    assert empty.path is not None and empty.path.read_bytes() == b""
    assert sorted(p.name for p in folder.iterdir()) == ["record-1.docx", "record-3.docx"]


@pytest.mark.parametrize("fail_on, expected", [(None, "ready"), ("info", "changes")])
def test_the_page_gives_the_shared_verdict(tmp_path, fail_on, expected):
    """A record with only a note: "ready" as in every report, unless fail-on makes notes count."""
    from strategy_lint.config import load_config
    from strategy_lint.verdict import verdict

    lines = ['ignore = ["SL4"]', *([f'fail-on = "{fail_on}"'] if fail_on else []), "[rules.SL701]", 'severity = "info"']
    (tmp_path / "strategy-lint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    linter = Linter(config=load_config(tmp_path / "strategy-lint.toml", tmp_path))
    srv = start(linter)
    try:
        status, data = check(srv, PROBLEMS)
    finally:
        stop(srv)
    assert status == 200 and [g["heading"] for g in data["groups"]] == ["Notes"]
    assert data["verdict"] == expected == verdict(linter.lint_file(PROBLEMS)).value
    assert data["label"] == {"ready": "Ready to circulate", "changes": "Needs changes"}[expected]
