"""Fixtures for the remote runner: a trustme CA, WinRM servers on 127.0.0.1, runners that are always closed."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from core.runners.remote import ConnectionSettings, RemoteRunner
from tests.remote.winrm_server import Handler, SimulatedHandler, WinRMServer

USER, PASSWORD = "lab\\nestwiz", "Corr3ct h0rse 'battery' stäple:$x"


def server_tls(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*(names or ("127.0.0.1",))).configure_cert(context)
    return context


@pytest.fixture
def make_server(ca: trustme.CA) -> Iterator[Callable[..., WinRMServer]]:
    """make_server(handler, https=True, names=("127.0.0.1",), **options): a started server, stopped afterwards."""
    servers: list[WinRMServer] = []

    def make(
        handler: Handler | None = None,
        *,
        https: bool = True,
        names: tuple[str, ...] = (),
        tls_ca: trustme.CA | None = None,
        **options: Any,
    ) -> WinRMServer:
        tls = server_tls(tls_ca or ca, *names) if https else None
        server = WinRMServer(handler, users={USER: PASSWORD}, tls=tls, **options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def settings_for(ca_file: Path) -> Callable[..., ConnectionSettings]:
    def make(server: WinRMServer, **overrides: Any) -> ConnectionSettings:
        values: dict[str, Any] = {
            "host": "127.0.0.1",
            "user": USER,
            "password": PASSWORD,
            "port": server.port,
            "auth": "basic",
            "ca_file": str(ca_file),
            "read_timeout": 10.0,
            "operation_timeout": 5,
            "connect_timeout": 5.0,
        }
        values.update(overrides)
        return ConnectionSettings(**values)

    return make


@pytest.fixture
async def make_runner(settings_for):
    """make_runner(server, **settings): a RemoteRunner, closed after the test with no worker thread left."""
    runners: list[RemoteRunner] = []

    def make(server: WinRMServer, **overrides: Any) -> RemoteRunner:
        runner = RemoteRunner(settings_for(server, **overrides), stop_grace=5.0)
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        await runner.close()
        assert not [t for t in threading.enumerate() if t.name.startswith(runner.thread_name)]


@pytest.fixture
def sim_server(make_server: Callable[..., WinRMServer]) -> Iterator[tuple[WinRMServer, Any]]:
    """A WinRM endpoint that runs every command on a simulated host (the default profile); yields both."""
    from core.clock import ScaledClock
    from core.paths import resource
    from core.sim.host import SimHost
    from tests.conftest import TEST_SPEED

    host = SimHost.from_profile("intel-laptop-win11-pro", clock=ScaledClock(TEST_SPEED))
    handler = SimulatedHandler(host, resource("scripts"))
    yield make_server(handler), host
    handler.close()
