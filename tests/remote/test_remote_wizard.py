"""The wizard end to end over WinRM: the Target page's remote form, Test connection, the diagnosis and the outer
VM's creation, all through pypsrp's real client against the test endpoint on 127.0.0.1 (simulated host behind it)."""

from __future__ import annotations

from gui.pages.base import AsyncPage
from gui.wizard import PageId
from tests.remote.conftest import PASSWORD, USER


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


def test_remote_target_diagnosis_and_outer_vm(make_wizard, qtbot, sim_server, ca_file):
    server, host = sim_server
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


def test_wrong_password_is_said_plainly_and_keeps_next_disabled(make_wizard, qtbot, sim_server, ca_file):
    server, _ = sim_server
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


def test_resuming_a_remote_run_asks_only_for_the_password(make_wizard, qtbot, sim_server, ca_file):
    """An earlier run on this host stopped in the chain: the Target page comes back filled in, without the password,
    and once connected again its Next goes on to the chain, not to the host checks."""
    from dataclasses import replace

    from core.lab.journal import Journal, VmRef, journal_path
    from core.lab.plan import OuterPlan, as_dict
    from core.runners.remote import ConnectionSettings
    from core.session import Session, Target

    server, host = sim_server
    earlier = Session(
        target=Target(
            "remote",
            remote=ConnectionSettings(
                host="127.0.0.1", user=USER, password=PASSWORD, port=server.port, auth="basic", ca_file=str(ca_file)
            ),
        )
    )
    plan = earlier.lab_plan()
    earlier.update_plan(
        target=earlier.target_plan(), outer=OuterPlan("existing", replace(plan.outer.options, name="Lab-Host01"))
    )
    journal = Journal(journal_path())
    journal.set_plan(as_dict(earlier.lab_plan()))
    journal.set_vm("outer", VmRef("Lab-Host01", host.find_vms("Lab-Host01")[0].id))
    journal.begin("guest_os", "outer")
    journal.end("guest_os", "done", summary="Guest OS ready")
    assert PASSWORD not in journal.path.read_text(encoding="utf-8")

    wizard = make_wizard()
    welcome = wizard.currentPage()
    assert welcome.resume_offer is not None and welcome.resume_offer.resume.isChecked()
    wizard.next()
    target = wizard.currentPage()
    assert wizard.currentId() == PageId.TARGET and target.remote.isChecked()
    form = target.remote_box
    assert (form.host.text(), form.port.value(), form.auth.currentData(), form.user.text(), form.ca_file.text()) == (
        "127.0.0.1",
        server.port,
        "basic",
        USER,
        str(ca_file),
    )
    assert form.password.text() == "" and not target.isComplete()
    form.password.setText(PASSWORD)
    target.test_connection()
    qtbot.waitUntil(lambda: _idle(target), timeout=30_000)
    assert target.isComplete(), target.banner.text()
    wizard.next()
    assert wizard.currentId() == PageId.GUEST and wizard.session.target.kind == "remote"
    qtbot.waitUntil(lambda: _idle(wizard.currentPage()), timeout=60_000)  # the Guest page's first look, over WinRM
