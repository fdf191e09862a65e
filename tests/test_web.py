"""``strategy-lint serve``: the server's behaviour, over real HTTP on a loopback port (no browser)."""

from __future__ import annotations

import base64
import http.client
import io
import json
import logging
import os
import socket
import threading
import urllib.parse
from pathlib import Path

import pytest
from helpers import FIXTURES

from strategy_lint.config import Config, load_config
from strategy_lint.engine import Linter
from strategy_lint.web import server as web

CLEAN = FIXTURES / "layouts" / "baby-bruise-narrative.docx"
ENCRYPTED = FIXTURES / "bad" / "encrypted.docx"
PROBLEMS = FIXTURES / "examples" / "problems-school-photos-form.docx"
PROBLEMS_PDF = FIXTURES / "examples" / "problems-baby-voice.pdf"
#: A file name a person might give a record: it must never reach a log or the disk.
PRIVATE_NAME = "Ava Marsh strategy 12-03.docx"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(config=Config())


def _start(linter: Linter, **kw) -> web.WebServer:
    server = web.make_server(linter, "127.0.0.1", 0, **kw)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def server(linter):
    srv = _start(linter)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def small_server(linter):
    """Takes records up to 10 KB: every real record is over its limit."""
    srv = _start(linter, max_upload_mb=10 / 1024)
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) from one real HTTP request."""
    host, port = srv.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def check(srv, path: Path, name: str | None = None) -> tuple[int, dict]:
    status, _headers, body = request(
        srv, "POST", "/api/check", path.read_bytes(), {"X-Filename": urllib.parse.quote(name or path.name)}
    )
    return status, json.loads(body)


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "----strategylinttestboundary"
    out = io.BytesIO()
    for name, data in files:
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="records"; filename="{name}"\r\n'.encode())
        out.write(b"Content-Type: application/octet-stream\r\n\r\n")
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# -- the page ----------------------------------------------------------------------------------


def test_page_and_assets_are_served_locally_with_strict_headers(server):
    status, headers, body = request(server, "GET", "/")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in headers["content-security-policy"]
    page = body.decode()
    assert "__MAX_UPLOAD_MB__" not in page and "up to 20 MB each" in page
    assert '<label id="drop" class="dropzone" for="records">' in page
    assert 'type="file" name="records" multiple' in page
    assert 'aria-live="polite"' in page
    for asset, kind in (("/app.js", "text/javascript"), ("/style.css", "text/css")):
        status, headers, body = request(server, "GET", asset)
        assert status == 200 and headers["content-type"].startswith(kind) and body
        assert headers["cache-control"] == "no-store"


def test_page_fetches_nothing_from_anywhere_else():
    for f in (Path(web.__file__).parent / "static").iterdir():
        text = f.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, f.name
        assert "@import" not in text and "url(" not in text, f.name


def test_unknown_path_is_404(server):
    status, headers, _ = request(server, "GET", "/etc/passwd")
    assert status == 404 and headers["cache-control"] == "no-store"


# -- checking records ----------------------------------------------------------------------------


def test_clean_record_is_ready_to_circulate(server):
    status, data = check(server, CLEAN)
    assert status == 200
    assert data["verdict"] == "ready" and data["label"] == "Ready to circulate"
    assert data["groups"] == [] and data["error"] is None
    assert data["annotated"] is None  # nothing to comment on
    assert data["summary"] == "No problems found."


def test_unreadable_record_gives_the_cli_message(server, linter):
    status, data = check(server, ENCRYPTED)
    assert status == 200
    assert data["verdict"] == "unread" and data["label"] == "Could not read"
    expected = linter.lint_file(ENCRYPTED).error
    assert data["error"]["code"] == expected.code == "encrypted"
    assert data["error"]["message"] == expected.message
    assert data["error"]["text"].startswith("This document is password-protected")
    assert data["annotated"] is None


def test_a_renamed_file_and_an_unknown_type_get_plain_errors(server):
    status, data = check(server, FIXTURES / "bad" / "legacy.doc")
    assert status == 200 and data["verdict"] == "unread" and "save" in data["error"]["message"].lower()
    status, data = check(server, CLEAN, name="record.rtf")
    assert status == 200 and data["verdict"] == "unread" and data["error"]["code"] == "unsupported-type"


def test_record_with_problems_lists_findings_by_severity(server):
    status, data = check(server, PROBLEMS)
    assert status == 200
    assert data["verdict"] == "changes" and data["label"] == "Needs changes"
    assert [g["heading"] for g in data["groups"]] == ["Must fix before circulating", "Should fix"]
    by_code = {f["code"]: f for g in data["groups"] for f in g["findings"]}
    assert set(by_code) == {"SL401", "SL701"}
    deadline = by_code["SL401"]
    assert deadline["where"].startswith('Section "Actions agreed"')
    assert deadline["quote"] == "ASAP"
    assert "timescale" in deadline["fix"]
    assert data["summary"] == "1 must fix, 1 should fix."


def test_annotated_copy_opens_in_python_docx_with_a_comment_per_finding(server):
    import docx

    _, data = check(server, PROBLEMS)
    word = docx.Document(io.BytesIO(base64.b64decode(data["annotated"])))
    texts = [c.text for c in word.comments]
    assert len(texts) == 2
    assert any(t.startswith("SL401 action-without-deadline") for t in texts)
    assert any(t.startswith("SL701 injury-photographs") for t in texts)


def test_pdf_with_problems_has_no_commented_copy_and_says_why(server):
    status, data = check(server, PROBLEMS_PDF)
    assert status == 200 and data["verdict"] == "changes"
    assert data["annotated"] is None and "Word (.docx)" in data["note"]


def test_plain_form_without_javascript_returns_the_html_report(server):
    body, ctype = multipart([("Ava Marsh.docx", CLEAN.read_bytes()), ("locked.docx", ENCRYPTED.read_bytes())])
    status, headers, page = request(server, "POST", "/check", body, {"Content-Type": ctype})
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = page.decode()
    assert "Ava Marsh.docx" in html and "locked.docx" in html
    assert "ready to circulate</span>" in html and "could not read</span>" in html
    assert "password-protected" in html
    # The report's own inline stylesheet is allowed by hash, nothing else inline.
    assert (
        "'sha256-" in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
    )


def test_plain_form_with_no_file_chosen_says_so(server):
    body, ctype = multipart([])
    status, _, page = request(server, "POST", "/check", body, {"Content-Type": ctype})
    assert status == 400 and "No record was chosen" in page.decode()


# -- limits --------------------------------------------------------------------------------------


def test_upload_over_the_limit_is_413_in_plain_english(small_server):
    status, headers, body = request(small_server, "POST", "/api/check", PROBLEMS.read_bytes(), {"X-Filename": "a.docx"})
    assert status == 413
    message = json.loads(body)["error"]
    size_mb = PROBLEMS.stat().st_size / (1024 * 1024)
    assert message.startswith(f"This file is {size_mb:.1f} MB, over the") and "limit for this page" in message
    assert "--max-upload-mb" in message
    assert headers["cache-control"] == "no-store"


def test_plain_form_file_over_the_limit_is_reported_per_record(small_server):
    body, ctype = multipart([("big.docx", PROBLEMS.read_bytes())])
    status, _, page = request(small_server, "POST", "/check", body, {"Content-Type": ctype})
    assert status == 200  # the whole form is within FORM_FILES x the limit: that record is refused alone
    assert "over the" in page.decode() and "could not read" in page.decode()


def test_request_without_length_is_refused(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"POST /api/check HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        reply = s.recv(4096).decode()
    assert reply.startswith("HTTP/1.0 411")


# -- who may talk to it ----------------------------------------------------------------------------


def _non_loopback_address() -> str | None:
    """This machine's own non-loopback IPv4 address, if it has one (no packet is sent)."""
    candidates = set()
    try:
        candidates.update(i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # UDP connect only picks a route
            candidates.add(s.getsockname()[0])
    except OSError:
        pass
    found = [a for a in candidates if not a.startswith("127.") and a != "0.0.0.0"]
    return found[0] if found else None


def test_binds_loopback_only_by_default(server):
    assert server.server_address[0] == "127.0.0.1"
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError):
        socket.create_connection((address, server.server_address[1]), timeout=2).close()


def test_non_loopback_host_is_refused_without_allow_remote(linter):
    with pytest.raises(web.ServeError, match="--allow-remote"):
        web.make_server(linter, "0.0.0.0", 0)
    assert web.is_loopback("localhost") and web.is_loopback("::1") and web.is_loopback("127.0.0.2")
    assert not web.is_loopback("0.0.0.0") and not web.is_loopback("192.168.1.20")


def test_cli_refuses_0_0_0_0_and_explains(cli):
    result = cli("serve", "--host", "0.0.0.0", "--no-browser", "--port", "0")
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr and "--allow-remote" in result.stderr


def test_allow_remote_binds_the_asked_address(linter):
    srv = web.make_server(linter, "0.0.0.0", 0, allow_remote=True)
    try:
        assert srv.server_address[0] == "0.0.0.0" and srv.url.startswith("http://127.0.0.1:")
    finally:
        srv.server_close()


def test_other_host_names_are_refused(server):
    """A web page elsewhere that rebinds its own name to 127.0.0.1 gets nothing."""
    status, _, body = request(server, "GET", "/", headers={"Host": "evil.example:8765"})
    assert status == 421 and b"opens only on the computer running strategy-lint" in body
    status, _, _ = request(server, "POST", "/api/check", CLEAN.read_bytes(), {"Host": "evil.example"})
    assert status == 421


def test_posts_from_another_site_are_refused(server):
    host, port = server.server_address[:2]
    status, _, body = request(
        server, "POST", "/api/check", CLEAN.read_bytes(), {"Origin": "https://evil.example", "X-Filename": "a.docx"}
    )
    assert status == 403
    status, _, _ = request(
        server, "POST", "/api/check", CLEAN.read_bytes(), {"Origin": f"http://{host}:{port}", "X-Filename": "a.docx"}
    )
    assert status == 200


# -- privacy -------------------------------------------------------------------------------------


# test_web_hardening.py::test_records_are_written_only_into_the_servers_private_folder checks the disk.


def test_logs_hold_no_file_name_and_no_record_text(server, caplog):
    caplog.set_level(logging.DEBUG)  # everything, from every library, not only our logger
    caplog.set_level(logging.DEBUG, logger="strategy_lint")  # an earlier in-process CLI run may have raised its level
    check(server, PROBLEMS, name=PRIVATE_NAME)
    check(server, ENCRYPTED, name=PRIVATE_NAME)
    body, ctype = multipart([(PRIVATE_NAME, CLEAN.read_bytes())])
    request(server, "POST", "/check", body, {"Content-Type": ctype})
    request(server, "GET", "/" + urllib.parse.quote(PRIVATE_NAME))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /api/check 200" in logged and "POST /check 200" in logged and "GET (other) 404" in logged
    for secret in ("Ava", "Marsh", "Mr Fry", "iPad", "ASAP", "password"):
        assert secret not in logged


def test_an_internal_error_is_one_plain_line(server, monkeypatch, caplog):
    def boom(path):
        raise RuntimeError("Ava Marsh said something")

    monkeypatch.setattr(server.linter, "lint_file", boom)
    caplog.set_level(logging.INFO, logger="strategy_lint")
    status, data = check(server, CLEAN, name=PRIVATE_NAME)
    assert status == 500 and data["error"] == "strategy-lint failed on this record: please report it."
    assert "RuntimeError" in caplog.text and "Ava" not in caplog.text


# -- configuration and the command ----------------------------------------------------------------


def test_uses_the_configuration_file(tmp_path):
    cfg = tmp_path / "strategy-lint.toml"
    cfg.write_text('ignore = ["SL7"]\n', encoding="utf-8")
    srv = _start(Linter(config=load_config(cfg, tmp_path)))
    try:
        _, data = check(srv, PROBLEMS)
        assert {f["code"] for g in data["groups"] for f in g["findings"]} == {"SL401"}
    finally:
        srv.shutdown()
        srv.server_close()


def test_serve_command_checks_on_the_main_thread_and_opens_the_browser(monkeypatch, tmp_path, capsys):
    """`strategy-lint serve` end to end in-process: config discovery, browser, main-thread checks, Ctrl+C."""
    from strategy_lint import cli

    (tmp_path / "strategy-lint.toml").write_text('ignore = ["SL4"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    threads: list[bool] = []
    real_check = web.check_record
    monkeypatch.setattr(
        web,
        "check_record",
        lambda *a: threads.append(threading.current_thread() is threading.main_thread()) or real_check(*a),
    )
    answers: list[dict] = []
    real_run_until = web.MainThreadRunner.run_until

    def run_until(self, stop):
        def client():
            try:
                port = int(opened[0].rsplit(":", 1)[1].strip("/"))
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("POST", "/api/check", PROBLEMS.read_bytes(), {"X-Filename": "a.docx"})
                answers.append(json.loads(conn.getresponse().read()))
            finally:
                stop.set()

        threading.Thread(target=client, daemon=True).start()
        real_run_until(self, stop)

    monkeypatch.setattr(web.MainThreadRunner, "run_until", run_until)
    assert cli.main(["serve", "--port", "0"]) == 0
    assert opened and opened[0].startswith("http://127.0.0.1:")
    assert threads == [True]
    assert {f["code"] for g in answers[0]["groups"] for f in g["findings"]} == {"SL701"}  # SL4 ignored by the config
    assert "configuration from" in capsys.readouterr().err


def test_main_thread_runner_passes_errors_back():
    runner = web.MainThreadRunner()
    stop = threading.Event()
    out: list = []

    def worker():
        try:
            runner.submit(lambda: 1 / 0)
        except ZeroDivisionError:
            out.append("raised")
        out.append(runner.submit(lambda: threading.current_thread() is threading.main_thread()))
        stop.set()

    threading.Thread(target=worker, daemon=True).start()
    runner.run_until(stop)
    assert out == ["raised", True]


def test_safe_suffix_keeps_only_the_extension():
    assert web.safe_suffix("C:\\Records\\Ava Marsh.DOCX") == ".docx"
    assert web.safe_suffix("../../etc/passwd") == ""
    assert web.safe_suffix("x.pdf/../../y") == ""
    assert web.safe_suffix("report.pdf") == ".pdf"


def test_the_real_command_serves_and_stops_cleanly_on_sigterm(tmp_path):
    """As a service manager runs it: a separate process, its own TMPDIR, stopped with SIGTERM."""
    import re
    import signal
    import subprocess
    import sys

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"TMPDIR": str(scratch)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "strategy_lint", "serve", "--no-browser", "--port", "0", "-v"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stderr.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match, first
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=60)
        conn.request("POST", "/api/check", PROBLEMS.read_bytes(), {"X-Filename": urllib.parse.quote(PRIVATE_NAME)})
        assert json.loads(conn.getresponse().read())["verdict"] == "changes"
        conn.close()
        proc.send_signal(signal.SIGTERM)
        rest = proc.communicate(timeout=30)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "POST /api/check 200" in rest and "stopped" in rest
    assert "Ava" not in first + rest
    assert list(scratch.iterdir()) == []
