"""The wizard end to end over WinRM: the Target page's remote form, Test connection, the diagnosis and the outer
VM's creation, all through pypsrp's real client against the test endpoint on 127.0.0.1 (simulated host behind it)."""

from __future__ import annotations

import pytest

from core.clock import ScaledClock
from core.paths import resource
from core.sim.host import SimHost
from gui.pages.base import AsyncPage
from gui.wizard import PageId
from tests.remote.conftest import PASSWORD, USER
from tests.remote.winrm_server import SimulatedHandler

SPEED = 100_000.0


@pytest.fixture
def remote_host(make_server):
    host = SimHost.from_profile("intel-laptop-win11-pro", clock=ScaledClock(SPEED))
    handler = SimulatedHandler(host, resource("scripts"))
    yield make_server(handler), host
    handler.close()


def _fill(page, server, ca_file, password=PASSWORD):
    form = page.remote_box
    page.remote.setChecked(True)
    form.host.setText("127.0.0.1")
    form.port.setValue(server.port)
    form.auth.setCurrentIndex(form.auth.findData("basic"))
    form.user.setText(USER)
    form.password.setText(password)
    form.ca_file.setText(str(ca_file))


def _idle(page) -> bool:
    return not (isinstance(page, AsyncPage) and page.busy)


def test_remote_target_diagnosis_and_outer_vm(make_wizard, qtbot, remote_host, ca_file):
    server, host = remote_host
    wizard = make_wizard()
    wizard.next()
    target = wizard.currentPage()
    assert wizard.currentId() == PageId.TARGET
    _fill(target, server, ca_file)
    assert "Test connection" in (target.blocker() or "")
    assert not target.isComplete()
    target.test_connection()
    qtbot.waitUntil(lambda: _idle(target), timeout=30_000)
    assert "Connected to 127.0.0.1" in target.banner.text(), target.banner.text()
    assert target.isComplete()

    wizard.next()
    assert wizard.currentId() == PageId.HOST
    assert wizard.session.target.kind == "remote"
    qtbot.waitUntil(lambda: _idle(wizard.currentPage()) and wizard.currentPage().isComplete(), timeout=30_000)
    assert wizard.session.runner.round_trips >= 2  # the connection test and the probe, over the wire

    wizard.next()
    assert wizard.currentId() == PageId.OUTER_VM
    outer = wizard.currentPage()
    qtbot.waitUntil(lambda: _idle(outer) and outer.isComplete(), timeout=30_000)
    wizard.next()  # Next creates the planned VM
    qtbot.waitUntil(lambda: wizard.currentId() != PageId.OUTER_VM, timeout=60_000)
    qtbot.waitUntil(lambda: _idle(wizard.currentPage()), timeout=30_000)  # the Enable page reads the VMs
    name = wizard.session.outer_vm_name
    created = host.find_vms(name)
    assert created and created[0].generation == 2 and created[0].expose_virtualization_extensions


def test_wrong_password_is_said_plainly_and_keeps_next_disabled(make_wizard, qtbot, remote_host, ca_file):
    server, _ = remote_host
    wizard = make_wizard()
    wizard.next()
    target = wizard.currentPage()
    _fill(target, server, ca_file, password="not the password")
    target.test_connection()
    qtbot.waitUntil(lambda: _idle(target), timeout=30_000)
    text = target.banner.text()
    assert "password" in text.lower() or "user name" in text.lower(), text
    assert not target.isComplete()
    assert "not the password" not in text
