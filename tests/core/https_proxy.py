"""A CONNECT-only HTTP proxy on 127.0.0.1 that records which tunnels it opened and with what credentials."""

from __future__ import annotations

import selectors
import socket
import socketserver
import threading
from dataclasses import dataclass

LONGEST_WAIT = 10.0


@dataclass(frozen=True)
class Tunnel:
    target: str
    authorization: str


class ConnectProxy:
    def __init__(self) -> None:
        self.tunnels: list[Tunnel] = []
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="test-proxy"
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ConnectProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(LONGEST_WAIT)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], owner: ConnectProxy) -> None:
        super().__init__(address, handler)
        self.owner = owner


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        self.request.settimeout(LONGEST_WAIT)
        method, target, _version = self.rfile.readline().decode("latin-1").split()
        authorization = ""
        while (line := self.rfile.readline().decode("latin-1").strip()) != "":
            name, _, value = line.partition(":")
            if name.strip().lower() == "proxy-authorization":
                authorization = value.strip()
        self.server.owner.tunnels.append(Tunnel(target, authorization))
        if method != "CONNECT":
            self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = target.rpartition(":")
        try:
            upstream = socket.create_connection((host, int(port)), timeout=LONGEST_WAIT)
        except OSError:
            self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        with upstream:
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self._relay(self.request, upstream)

    def _relay(self, client: socket.socket, upstream: socket.socket) -> None:
        peer = {client: upstream, upstream: client}
        with selectors.DefaultSelector() as selector:
            for sock in peer:
                selector.register(sock, selectors.EVENT_READ)
            while not self.server.owner.stopping.is_set():
                for key, _events in selector.select(timeout=0.1):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    peer[source].sendall(data)
