"""Shared fixtures: offscreen Qt with real fonts, a qasync loop per GUI test, fast simulated hosts."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEST_SPEED = 100_000.0  # simulated seconds per real second: a 45 s boot takes under a millisecond


PROXY_VARIABLES = (
    "https_proxy",
    "HTTPS_PROXY",
    "http_proxy",
    "HTTP_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
)


@pytest.fixture(autouse=True)
def no_system_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test servers listen on 127.0.0.1: a proxy set on the machine running the tests must not be asked for
    them (downloads and WinRM both honour the proxy variables). Tests of the proxy support set their own."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def nestwiz_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, cache and log folders."""
    home = tmp_path_factory.mktemp("nestwiz-home")
    monkeypatch.setenv("NESTWIZ_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def collect_qt_garbage(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt objects must die on the thread that made them. Garbage from earlier GUI tests is collected here, on the
    main thread, and what survives is frozen out of later collections: otherwise a collection that a runner's
    worker thread happens to trigger could destroy Qt objects there (Qt warns: timers cannot be stopped)."""
    import gc

    if "PySide6.QtCore" in sys.modules:
        gc.collect()
        gc.freeze()
    yield
    if {"qtbot", "qapp", "qloop"} & set(request.fixturenames):
        gc.collect()


@pytest.fixture(scope="session")
def ca():
    """A test certificate authority (trustme) for the HTTPS servers the tests start on 127.0.0.1."""
    import trustme

    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(ca, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """That authority's certificate as a PEM file, as a user would give it (a corporate or lab CA)."""
    path = tmp_path_factory.mktemp("ca") / "test-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def sim_host():
    """A factory for simulated hosts on a fast clock: sim_host("laptop-8gb")."""
    from core.clock import ScaledClock
    from core.sim.host import DEFAULT_PROFILE, SimHost

    def make(profile: str = DEFAULT_PROFILE, speed: float = TEST_SPEED) -> SimHost:
        return SimHost.from_profile(profile, clock=ScaledClock(speed))

    return make


@pytest.fixture
def sim_runner(sim_host):
    """A factory for SimulatedRunner on a fast simulated host."""
    from core.runners.simulated import SimulatedRunner

    def make(profile: str | None = None, **kwargs):
        return SimulatedRunner(sim_host(profile, **kwargs) if profile else sim_host(**kwargs))

    return make


@pytest.fixture(scope="session", autouse=False)
def fonts_ok(qapp) -> None:
    from PySide6.QtGui import QFontMetrics

    if not QFontMetrics(qapp.font()).inFont("A"):
        pytest.fail("Qt has no usable font: install fonts-dejavu-core (see .ci/run)")


@pytest.fixture
def qloop(qapp, fonts_ok) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop bound to pytest-qt's QApplication, torn down without quitting the application."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        deadline = loop.time() + 5
        while any(not t.done() for t in pending) and loop.time() < deadline:
            qapp.processEvents()
    loop._QEventLoop__is_running = False  # qasync's private flag, so close() accepts; never loop.stop()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
    leaked = [t for t in pending if not t.done()]
    assert not leaked, f"asyncio tasks still running after the test: {leaked}"


@pytest.fixture
def make_wizard(qtbot, qloop):
    """A wizard on the simulated host with a fast clock: make_wizard(profile=...)."""
    from core.session import Session
    from gui.wizard import NestWizard

    def make(profile: str | None = None, speed: float = TEST_SPEED) -> NestWizard:
        session = Session(sim_speed=speed)
        if profile:
            session.target.profile = profile
        wizard = NestWizard(session)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make
