"""The nested chain in the wizard: Welcome to Summary, resume after closing, reboots, failures, both networks."""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtWidgets import QWizard

from core.commands import Command
from core.lab.journal import Journal
from core.provision.guest import direct_runner
from core.runners.direct import SessionBroken
from core.session import Session
from gui.pages.base import AsyncPage
from gui.wizard import NestWizard, PageId
from tests.ps_lint import lint

SPEED = 5000.0  # simulated seconds per real second: each call's own cost stays small next to the stage limits
TIMEOUT = 30_000


def _settled(wizard: QWizard) -> bool:
    page = wizard.currentPage()
    return not (isinstance(page, AsyncPage) and page.busy)


def _prepare_lab_host(page) -> None:
    """These tests run on the profile's existing VM: prepare Lab-Host01 (NAT inside it), agreeing to its fixes."""
    page.networking.setCurrentIndex(page.networking.findData("nat"))
    page.prepare_mode.setChecked(True)
    page.vm_list.setCurrentItem(
        next(
            page.vm_list.topLevelItem(i)
            for i in range(page.vm_list.topLevelItemCount())
            if page.vm_list.topLevelItem(i).text(0) == "Lab-Host01"
        )
    )
    for key in ("extensions", "dynamic-memory", "memory"):
        page.tick(key)


def _next(wizard: QWizard, qtbot) -> None:
    """Press Next; a page whose Next does its own work first (create, enable, install) moves on when that is done."""
    page = wizard.currentPage()
    before = wizard.currentId()
    wizard.next()
    qtbot.waitUntil(
        lambda: wizard.currentId() != before or not (isinstance(page, AsyncPage) and page.busy), timeout=TIMEOUT
    )
    assert wizard.currentId() != before, f"{type(page).__name__} refused: {page.banner.text()}"


def _walk_to(wizard: QWizard, qtbot, page_id: PageId) -> None:
    """Press Next with every page's defaults until `page_id` is shown and has finished its work."""
    while wizard.currentId() != page_id:
        qtbot.waitUntil(lambda: _settled(wizard), timeout=TIMEOUT)
        page = wizard.currentPage()
        if wizard.currentId() == PageId.OUTER_VM:
            _prepare_lab_host(page)
        assert page.isComplete(), f"{type(page).__name__}: {page.blocker() if isinstance(page, AsyncPage) else ''}"
        _next(wizard, qtbot)
    qtbot.waitUntil(lambda: _settled(wizard), timeout=TIMEOUT)


def _guest_host(wizard: NestWizard):
    host = wizard.session.sim_host
    return host.find_vms("Lab-Host01")[0].guest.host


def session_vm_id(wizard: NestWizard, name: str) -> str:
    (vm,) = wizard.session.sim_host.find_vms(name)
    return vm.id


def _wizard_on(session: Session, qtbot) -> NestWizard:
    wizard = NestWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_welcome_to_summary_on_the_default_profile(make_wizard, qtbot, tmp_path):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.SUMMARY)
    summary = wizard.currentPage()
    assert summary.isComplete(), summary.banner.text()
    inside = _guest_host(wizard)
    (inner,) = inside.find_vms("NestWiz-Inner")
    assert inner.state == "Running" and inner.adapters[0].switch_name == "NestWiz-NAT"
    assert inside.state.hypervisor_running and [n.name for n in inside.nats] == ["NestWiz-NAT"]
    journal = Journal.load()
    assert journal is not None and journal.finished
    assert list(journal.steps) == ["outer_vm", "nesting", "guest_os", "guest_hyperv", "network", "inner_vm"]
    assert journal.vms["outer"].id == session_vm_id(wizard, "Lab-Host01")
    assert [row[0] for row in summary.rows] == [
        "Outer VM",
        "Nesting enabled",
        "Guest OS ready",
        "Hyper-V inside the outer VM",
        "The inner VMs' network",
        "Inner VM",
    ]
    assert "The inner VMs' network" in summary.steps.toPlainText()
    out = tmp_path / "path.ps1"
    summary.export_to(out)
    script = out.read_text(encoding="utf-8-sig")
    assert "Lab-Passw0rd!" not in script and "Get-Credential" in script
    assert "Install-WindowsFeature -Name 'Hyper-V' -IncludeManagementTools" in script
    assert "[string]$VMName = 'Lab-Host01'" in script and "[string]$LabSwitchName = 'NestWiz-NAT'" in script
    assert "New-NetNat -Name $SwitchName" in script and "Wait-NestWizGuest -Name $VMName" in script
    assert "Set-VMProcessor" in script  # the host change that turned nesting on comes first
    assert lint(script) == []
    wizard.next()
    assert wizard.currentId() == PageId.FINISH


def test_closing_in_the_middle_and_a_new_wizard_continuing(make_wizard, qtbot):
    first = make_wizard(speed=SPEED)
    _walk_to(first, qtbot, PageId.INNER_VM)
    session = first.session
    first.close()
    guest = _guest_host(first)
    installs = sum(1 for r in guest.history if getattr(r, "name", "") == "Install-WindowsFeature")
    assert installs == 1
    # The app starts again on the same machine: the journal offers to continue.
    again = Session(sim_speed=SPEED, runner=session.runner, sim_host=session.sim_host, target=session.target)
    second = _wizard_on(again, qtbot)
    welcome = second.currentPage()
    assert welcome.resume_offer is not None and welcome.resume_offer.resume.isChecked()
    assert "The inner VMs' network" in welcome.resume_offer.note.text()
    second.next()
    assert second.currentId() == PageId.GUEST
    qtbot.waitUntil(lambda: _settled(second), timeout=TIMEOUT)
    second.next()  # the re-check found Hyper-V running in the guest: straight on to the inner VM
    assert second.currentId() == PageId.INNER_VM
    _walk_to(second, qtbot, PageId.SUMMARY)
    assert second.currentPage().isComplete(), second.currentPage().banner.text()
    assert sum(1 for r in guest.history if getattr(r, "name", "") == "Install-WindowsFeature") == installs
    assert guest.find_vms("NestWiz-Inner")


def test_a_guest_reboot_in_the_middle_is_waited_for(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.GUEST)
    session = wizard.session
    vm = session.sim_host.find_vms("Lab-Host01")[0]
    vm.guest.boot_seconds = 400  # a slow restart, so the next page surely finds the guest still down
    guest = direct_runner(session.runner, "Lab-Host01", session.credential)

    async def restart() -> bool:
        with contextlib.suppress(SessionBroken):  # the restart closes the session under the call, as on Windows
            await guest.run(Command.of("Restart-Computer", Force=True))
        return session.sim_host.vm_ready(vm)

    task = asyncio.ensure_future(restart())
    qtbot.waitUntil(task.done, timeout=TIMEOUT)
    assert task.result() is False  # the guest went down
    boots = vm.guest.host.boots
    _walk_to(wizard, qtbot, PageId.GUEST_HYPERV)
    page = wizard.currentPage()
    assert page.isComplete(), page.banner.text()
    assert _guest_host(wizard).state.hypervisor_running
    assert vm.guest.host.boots == boots + 1  # the install's own restart, after waiting out ours


def test_wrong_guest_password_then_the_right_one(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.GUEST)
    page = wizard.currentPage()
    page.password.setText("Wrong-Passw0rd")
    page.check()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert "refused the user name or password" in page.banner.text()
    assert page.stages.rows["session"].text(1) == "failed"
    assert not page.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.password.setText("Lab-Passw0rd!")
    page.check()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert page.isComplete(), page.banner.text()


def test_a_guest_that_never_sends_a_heartbeat(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.ENABLE)
    wizard.session.sim_host.find_vms("Lab-Host01")[0].guest.heartbeat_works = False
    _next(wizard, qtbot)
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert "sent no heartbeat within 900 seconds" in page.banner.text()
    assert page.stages.rows["heartbeat"].text(1) == "failed"
    assert page.stages.rows["session"].text(1) == "waiting"
    assert not page.isComplete()


def test_hyperv_role_failing_on_the_server_guest_falls_back(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.GUEST)
    _guest_host(wizard).state.feature_install_fails = ["Hyper-V"]
    _walk_to(wizard, qtbot, PageId.GUEST_HYPERV)
    page = wizard.currentPage()
    assert page.isComplete(), page.banner.text()
    lines = [page.log.item(i).text() for i in range(page.log.count())]
    assert any("optional feature instead" in line for line in lines)
    assert "the optional feature (the role failed)" in page.banner.text()


def test_bridged_network_and_an_inner_vm_too_large(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.ENABLE)
    wizard.currentPage().mac.setChecked(False)  # bridging comes later, on the inner VM page
    _walk_to(wizard, qtbot, PageId.INNER_VM)
    page = wizard.currentPage()
    page.memory.setValue(6)
    assert "Give the inner VM at most 2 GB" in page.blocker()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.memory.setValue(1.5)
    page.prefix.setText("999.1.1.0/40")  # not a prefix at all: the page says so, not that it is not ASCII
    assert "'999.1.1.0/40' is not a network prefix" in page.explanation.text()
    assert "'999.1.1.0/40' is not a network prefix" in page.blocker()
    page.prefix.setText("192.168.100.0/24")
    page.bridge.setChecked(True)
    assert page.switch_name.text() == "NestWiz-External"
    assert "MAC address spoofing" in page.explanation.text()
    assert "turns it on at the host" in page.network_note.text()
    assert page.isComplete(), page.blocker()
    _walk_to(wizard, qtbot, PageId.SUMMARY)
    assert wizard.currentPage().isComplete(), wizard.currentPage().banner.text()
    vm = wizard.session.sim_host.find_vms("Lab-Host01")[0]
    assert all(a.mac_spoofing == "On" for a in vm.adapters)
    inside = vm.guest.host
    assert inside.find_switch("NestWiz-External").switch_type == "External" and inside.nats == []
    assert inside.find_vms("NestWiz-Inner")[0].memory_startup == 1536 * 1024**2


def test_a_nat_network_already_in_the_guest_blocks_nat_with_the_reason(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.GUEST_HYPERV)
    session = wizard.session
    guest = direct_runner(session.runner, "Lab-Host01", session.credential)
    task = asyncio.ensure_future(
        guest.run(Command.of("New-NetNat", Name="DockerNAT", InternalIPInterfaceAddressPrefix="172.17.0.0/16"))
    )
    qtbot.waitUntil(task.done, timeout=TIMEOUT)
    _walk_to(wizard, qtbot, PageId.INNER_VM)
    page = wizard.currentPage()
    assert "one NAT network per machine" in page.blocker() and "DockerNAT" in page.network_note.text()
    page.bridge.setChecked(True)
    assert page.isComplete(), page.blocker()


def test_continuing_on_a_machine_that_lost_the_earlier_work_redoes_it(make_wizard, qtbot):
    first = make_wizard(speed=SPEED)
    _walk_to(first, qtbot, PageId.INNER_VM)
    first.close()
    # A new simulated host from the profile (--demo-reset): nothing of the earlier run is there any more.
    second = _wizard_on(Session(sim_speed=SPEED, sim_reset=True), qtbot)
    second.next()
    assert second.currentId() == PageId.GUEST and second.session.target.kind == "simulated"
    qtbot.waitUntil(lambda: _settled(second), timeout=TIMEOUT)
    assert second.currentPage().isComplete(), second.currentPage().banner.text()
    second.next()  # the re-check found no Hyper-V in this guest: install it again
    assert second.currentId() == PageId.GUEST_HYPERV
    qtbot.waitUntil(lambda: _settled(second), timeout=TIMEOUT)
    assert _guest_host(second).state.hypervisor_running


def test_start_over_discards_the_earlier_run(make_wizard, qtbot):
    first = make_wizard(speed=SPEED)
    _walk_to(first, qtbot, PageId.GUEST_HYPERV)
    first.close()
    second = _wizard_on(Session(sim_speed=SPEED), qtbot)
    second.currentPage().resume_offer.fresh.setChecked(True)
    second.next()
    assert second.currentId() == PageId.TARGET
    assert Journal.load() is None


def test_guiding_the_os_install_when_the_guest_has_none(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.ENABLE)
    wizard.session.sim_host.find_vms("Lab-Host01")[0].guest.installed = False
    _next(wizard, qtbot)
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert "may not be installed" in page.banner.text() and not page.isComplete()
    page.install.setChecked(True)
    assert page.guide.isVisibleTo(page)
    assert not page.console_button.isVisibleTo(page)  # no console to open for a simulated or remote host
    page.check()  # installing chosen: the check runs Setup from the VM's ISO first (simulated), then waits
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert page.isComplete(), page.banner.text()
    assert page.stages.rows["probe"].text(1) == "done"


def test_summary_opens_the_log_folder(make_wizard, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from core.paths import log_dir

    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.SUMMARY)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    wizard.currentPage().logs_button.click()
    assert opened == [str(log_dir())] and log_dir().is_dir()


def test_the_install_progress_streams_from_the_guest(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.GUEST)
    wizard.next()
    page = wizard.currentPage()
    values = []
    page.bar.valueChanged.connect(values.append)
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert page.isComplete(), page.banner.text()
    assert values and values == sorted(values) and values[-1] == 100 and page.bar.isHidden()


def test_summary_cells_show_markup_as_text():
    from gui.pages.base import escaped

    assert escaped("<b>Lab & VM</b>") == "&lt;b&gt;Lab &amp; VM&lt;/b&gt;"


def test_resuming_a_lab_that_created_its_vm_does_not_offer_to_install_it_again(make_wizard, qtbot):
    first = make_wizard(speed=SPEED)
    while first.currentId() != PageId.GUEST_HYPERV:  # every page's defaults: the lab creates its outer VM
        qtbot.waitUntil(lambda: _settled(first), timeout=TIMEOUT)
        _next(first, qtbot)
    qtbot.waitUntil(lambda: _settled(first), timeout=TIMEOUT)
    session = first.session
    first.close()
    again = Session(sim_speed=SPEED, runner=session.runner, sim_host=session.sim_host, target=session.target)
    second = _wizard_on(again, qtbot)
    second.next()
    assert second.currentId() == PageId.GUEST
    page = second.currentPage()
    qtbot.waitUntil(lambda: _settled(second), timeout=TIMEOUT)
    assert page.installed.isChecked() and page.isComplete(), page.banner.text()
    assert "installs its OS" not in page.banner.text()


def test_back_from_the_summary_with_another_inner_vm_builds_it(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.INNER_VM)
    wizard.currentPage().memory.setValue(1)  # room for a second one in Lab-Host01's 4 GB
    _walk_to(wizard, qtbot, PageId.SUMMARY)
    wizard.back()
    qtbot.waitUntil(lambda: _settled(wizard), timeout=TIMEOUT)
    page = wizard.currentPage()
    assert wizard.currentId() == PageId.INNER_VM
    page.name.setText("Second-Inner")
    page.memory.setValue(1)
    _next(wizard, qtbot)
    qtbot.waitUntil(lambda: _settled(wizard), timeout=TIMEOUT)
    summary = wizard.currentPage()
    assert summary.isComplete(), summary.banner.text()
    assert [v.name for v in _guest_host(wizard).vms] == ["NestWiz-Inner", "Second-Inner"]
    assert "'Second-Inner' runs inside" in summary.banner.text()


def test_once_the_guest_answers_the_page_no_longer_offers_to_install_it(make_wizard, qtbot):
    """Back on the Guest page after its OS was installed: 'already installed' is chosen, so a wrong password typed
    there is reported and Next stays off (it offered the install again and let Next through)."""
    wizard = make_wizard(speed=SPEED)
    _walk_to(wizard, qtbot, PageId.GUEST)
    page = wizard.currentPage()
    page.install.setChecked(True)
    page.check()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert page.ready is not None and page.installed.isChecked()
    page.password.setText("Wrong-Passw0rd")
    page.check()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert "refused the user name or password" in page.banner.text()
    assert not page.isComplete()
