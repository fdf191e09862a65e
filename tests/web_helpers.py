"""Shared by the web page's tests: a server on a free loopback port and plain HTTP clients."""

from __future__ import annotations

import http.client
import io
import json
import threading
import urllib.parse
from pathlib import Path

from helpers import FIXTURES

from strategy_lint.web import server as web

CLEAN = FIXTURES / "layouts" / "baby-bruise-narrative.docx"
ENCRYPTED = FIXTURES / "bad" / "encrypted.docx"
PROBLEMS = FIXTURES / "examples" / "problems-school-photos-form.docx"
PROBLEMS_PDF = FIXTURES / "examples" / "problems-baby-voice.pdf"
LEGACY_DOC = FIXTURES / "bad" / "legacy.doc"
#: A file name a person might give a record: it must never reach a log or the disk.
PRIVATE_NAME = "Ava Marsh strategy 12-03.docx"


def start(linter, **kw) -> web.WebServer:
    server = web.make_server(linter, "127.0.0.1", 0, **kw)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: web.WebServer) -> None:
    server.shutdown()
    server.server_close()


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


def check(
    srv, path: Path, name: str | None = None, *, route: str = "/api/check", headers: dict | None = None
) -> tuple[int, dict]:
    status, _headers, body = request(
        srv, "POST", route, path.read_bytes(), {"X-Filename": urllib.parse.quote(name or path.name), **(headers or {})}
    )
    return status, json.loads(body)


def multipart(files: list[tuple[str, bytes]], boundary: str = "----strategylinttestboundary") -> tuple[bytes, str]:
    out = io.BytesIO()
    for name, data in files:
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="records"; filename="{name}"\r\n'.encode())
        out.write(b"Content-Type: application/octet-stream\r\n\r\n")
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"
