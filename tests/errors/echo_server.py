"""A loopback HTTP server that echoes the credentials it receives (a badly behaved Control Plane).

Every request gets a 401 whose headers (`X-Echo`, `X-Request-ID`, `WWW-Authenticate`) and JSON body
quote the request's `Authorization` header. Also run by the logging subprocess tests:
`python -c "from tests.errors.echo_server import serve_echo; ..."`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["EchoServer", "serve_echo"]


class _EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server: the client pools the connection

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        credential = self.headers.get("Authorization", "")
        body = json.dumps({"detail": f"credential {credential!r} was rejected"}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Echo", credential)
        self.send_header("X-Request-ID", credential)
        self.send_header("WWW-Authenticate", f'{credential}, error="invalid_token"')
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:  # quiet: the tests read stderr
        return


@dataclass(frozen=True, slots=True)
class EchoServer:
    base_url: str


@contextmanager
def serve_echo() -> Iterator[EchoServer]:
    """Serve on a free port of 127.0.0.1 until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="echo-server", daemon=True)
    thread.start()
    try:
        yield EchoServer(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
