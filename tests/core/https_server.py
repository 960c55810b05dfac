"""A threaded HTTPS server on 127.0.0.1, certified by a trustme CA, that misbehaves on request."""

from __future__ import annotations

import os
import socket
import ssl
import struct
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme

# Every deliberate wait in a handler ends at the latest after this, or when the server stops.
LONGEST_WAIT = 10.0


@dataclass(frozen=True)
class Reply:
    """What one path answers, and how badly."""

    body: bytes = b""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    chunked: bool = False
    head_delay: float = 0.0
    stall_after: int | None = None
    cut_after: int | None = None
    reset: bool = False
    byte_interval: float = 0.0


class HttpsServer:
    """Serves `routes` over TLS; counts hits per path; never raises into a thread."""

    def __init__(self, ca: trustme.CA) -> None:
        self.ca = ca
        self.routes: dict[str, Reply] = {}
        self.hits: Counter[str] = Counter()
        self.handler_errors: list[BaseException] = []
        self.stopping = threading.Event()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        self._httpd = _Server(("127.0.0.1", 0), _Handler, context, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="test-https-server"
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> HttpsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(LONGEST_WAIT)


class _Server(ThreadingHTTPServer):
    # Joined on close, so no handler thread outlives a test.
    daemon_threads = False

    def __init__(
        self, address: tuple[str, int], handler: type[_Handler], context: ssl.SSLContext, owner: HttpsServer
    ) -> None:
        super().__init__(address, handler)
        self.context = context
        self.owner = owner

    def get_request(self) -> tuple[Any, Any]:
        sock, address = self.socket.accept()
        # The handshake runs in the handler thread, so a client that rejects us cannot stall accept().
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None:
            self.owner.handler_errors.append(error)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        self.request.settimeout(LONGEST_WAIT)
        self.request.do_handshake()
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.hits[self.path] += 1
        reply = owner.routes.get(self.path, Reply(status=404, body=b"not here"))
        if reply.head_delay:
            owner.stopping.wait(reply.head_delay)
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        end = len(reply.body)
        for limit in (reply.stall_after, reply.cut_after):
            if limit is not None:
                end = limit
        self._send(reply.body[:end], reply)
        if reply.stall_after is not None:
            owner.stopping.wait(LONGEST_WAIT)
        elif reply.cut_after is not None:
            self._cut(reset=reply.reset)
        elif reply.chunked:
            self.wfile.write(b"0\r\n\r\n")

    def _send(self, data: bytes, reply: Reply) -> None:
        step = 1 if reply.byte_interval else 4096
        for start in range(0, len(data), step):
            piece = data[start : start + step]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if reply.chunked else piece)
            if reply.byte_interval and self.server.owner.stopping.wait(reply.byte_interval):
                return

    def _cut(self, *, reset: bool) -> None:
        """End the TCP connection under TLS, without a close_notify: FIN, or RST when `reset`."""
        if reset:
            self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            os.close(self.request.detach())
        else:
            socket.socket.shutdown(self.request, socket.SHUT_RDWR)
