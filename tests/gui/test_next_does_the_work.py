"""Next does each page's job: the outer-VM page creates or prepares the VM, Enable applies nesting, Guest installs."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QWizard

from core.targets import SIMULATED_PASSWORD
from gui.pages.base import AsyncPage
from gui.tour import walk
from gui.wizard import PageId
from tests.gui.test_enable_page import to_enable_page
from tests.gui.test_outer_vm_page import open_page

WAIT = 30_000
SPEED = 5000.0


def _next_and_wait(wizard: QWizard, qtbot) -> None:
    page = wizard.currentPage()
    before = wizard.currentId()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() != before or not page.busy, timeout=WAIT)


def _settle(wizard: QWizard, qtbot) -> None:
    qtbot.waitUntil(
        lambda: not (isinstance(wizard.currentPage(), AsyncPage) and wizard.currentPage().busy), timeout=WAIT
    )


def test_next_on_the_outer_vm_page_creates_the_vm_once(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    host = wizard.session.sim_host
    count = len(host.vms)
    _next_and_wait(wizard, qtbot)
    assert wizard.currentId() == PageId.ENABLE, page.banner.text()
    (vm,) = host.find_vms("NestWiz-Outer")
    assert vm.expose_virtualization_extensions and not vm.dynamic_memory and vm.dvds[0].path.endswith(".iso")
    assert wizard.session.outer_vm_name == wizard.session.created_vm == "NestWiz-Outer"
    enable = wizard.currentPage()
    _settle(wizard, qtbot)
    assert enable.selected_vm().name == "NestWiz-Outer"
    assert enable.stop_ok.isChecked() and enable.upgrade_ok.isChecked()  # nothing to lose in a VM just created
    wizard.back()
    _settle(wizard, qtbot)
    _next_and_wait(wizard, qtbot)
    assert wizard.currentId() == PageId.ENABLE and len(host.vms) == count + 1  # created by this run: not again


def test_next_stays_on_a_partial_failure_with_the_report(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    wizard.session.sim_host.fail_next["Set-VMFirmware"] = "The operation failed (injected)."
    _next_and_wait(wizard, qtbot)
    assert wizard.currentId() == PageId.OUTER_VM and not page.created
    assert "injected" in page.failure.text() and page.remove_button.isVisibleTo(page)
    assert "failed halfway" in page.banner.text()
    # The journal names the VM the run made before the failure, so Remove can take exactly that away.
    assert wizard.session.created_vm == "NestWiz-Outer" and "the VM 'NestWiz-Outer'" in page.failure.text()


def test_next_in_prepare_mode_applies_the_ticked_fixes(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    page.prepare_mode.setChecked(True)
    page.vm_list.setCurrentItem(
        next(
            page.vm_list.topLevelItem(i)
            for i in range(page.vm_list.topLevelItemCount())
            if page.vm_list.topLevelItem(i).text(0) == "Lab-Host01"
        )
    )
    assert "Next applies them" in page.blocker() and not page.isComplete()
    for key in ("extensions", "dynamic-memory", "mac-spoofing"):
        page.tick(key)
    assert page.blocker() is None
    _next_and_wait(wizard, qtbot)
    assert wizard.currentId() == PageId.ENABLE, page.banner.text()
    vm = wizard.session.sim_host.find_vms("Lab-Host01")[0]
    assert vm.expose_virtualization_extensions and not vm.dynamic_memory
    assert wizard.session.outer_vm_name == "Lab-Host01" and wizard.session.created_vm is None


def test_next_on_the_enable_page_applies_nesting_and_reads_it_back(make_wizard, qtbot):
    wizard = make_wizard(speed=SPEED)
    page = to_enable_page(wizard, qtbot, None)
    assert page.selected_vm().name == "Lab-Host01" and not page.nesting_in_place()
    assert not page.stop_ok.isChecked() and not page.upgrade_ok.isChecked()  # a VM the user had: ask first
    _next_and_wait(wizard, qtbot)
    assert wizard.currentId() == PageId.GUEST, page.banner.text()
    vm = wizard.session.sim_host.find_vms("Lab-Host01")[0]
    assert vm.expose_virtualization_extensions and not vm.dynamic_memory and vm.memory_startup == 4 * 1024**3
    assert page.outcome is not None and page.outcome.complete
    assert (
        "PS> Set-VMProcessor -VMName 'Lab-Host01' -ExposeVirtualizationExtensions $true" in page.log_view.toPlainText()
    )
    assert wizard.session.journal.steps["nesting"].status == "done"
    sent = [r.name for r in wizard.session.sim_host.history if getattr(r, "name", "") == "Set-VMProcessor"]
    _settle(wizard, qtbot)
    # The Guest page re-checks nesting (by the VM's Id) before it waits: in place, nothing more is changed, and
    # the journal keeps what the Enable page did.
    assert [r.name for r in wizard.session.sim_host.history if getattr(r, "name", "") == "Set-VMProcessor"] == sent
    assert wizard.session.journal.steps["nesting"].status == "done"
    wizard.back()
    _settle(wizard, qtbot)
    assert page.nesting_in_place()
    wizard.next()  # everything read back in place: Next just moves on
    assert wizard.currentId() == PageId.GUEST


def test_blocked_next_names_the_missing_consent(make_wizard, qtbot):
    def running(session) -> None:
        session.choose_outer_vm("Ubuntu-Dev")

    wizard = make_wizard()
    page = to_enable_page(wizard, qtbot, running)
    assert 'tick "Shut the VM down or discard its saved state when needed"' in page.blocker()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.stop_ok.setChecked(True)
    assert page.blocker() is None and wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    def old_version(session) -> None:
        session.sim_host.find_vms("Lab-Host01")[0].version = "7.0"

    second = make_wizard()  # kept: a page lives only as long as its wizard
    page = to_enable_page(second, qtbot, old_version)
    assert 'tick "Upgrade the configuration version when needed"' in page.blocker()
    page.upgrade_ok.setChecked(True)
    assert page.blocker() is None


def test_the_tour_creates_the_outer_vm_and_reaches_the_summary_with_it(make_wizard, qtbot, tmp_path):
    wizard = make_wizard(speed=SPEED)
    task = asyncio.ensure_future(walk(wizard, tmp_path))
    qtbot.waitUntil(task.done, timeout=120_000)
    outcome = task.result()
    assert outcome.code == 0, outcome.reason
    host = wizard.session.sim_host
    (outer,) = host.find_vms("NestWiz-Outer")
    guest = outer.guest
    assert guest is not None and guest.installed and guest.password == SIMULATED_PASSWORD
    assert guest.host.state.os.caption == "Microsoft Windows 11 Enterprise"  # from the Windows 11 ISO
    assert guest.host.state.hypervisor_running and guest.host.find_vms("NestWiz-Inner")
    assert host.find_vms("Lab-Host01")[0].guest.host.find_vms("NestWiz-Inner") == []
    summary = wizard.page(PageId.SUMMARY)
    assert any("NestWiz-Outer" in row[2] for row in summary.rows)
    names = {p.name for p in tmp_path.glob("*.png")}
    for slug in ("outervm", "enable", "guest", "guesthyperv", "innervm", "summary", "finish"):
        assert any(n.endswith(f"-{slug}.png") for n in names), (slug, sorted(names))


def test_the_simulated_install_uses_the_typed_account_and_the_isos_os(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    page.iso.setCurrentIndex(page.iso.findData("C:\\ISO\\WindowsServer2022.iso"))
    qtbot.waitUntil(lambda: not page.busy and page.checked_for == page.options, timeout=WAIT)
    _next_and_wait(wizard, qtbot)  # creates
    _settle(wizard, qtbot)
    _next_and_wait(wizard, qtbot)  # nesting already in place
    assert wizard.currentId() == PageId.GUEST
    guest_page = wizard.currentPage()
    _settle(wizard, qtbot)
    assert guest_page.install.isChecked() and guest_page.isComplete()
    guest_page.user.setText("LabAdmin")
    guest_page.password.setText("My-0wn-Passw0rd")
    _next_and_wait(wizard, qtbot)
    assert wizard.currentId() == PageId.GUEST_HYPERV, guest_page.banner.text()
    guest = wizard.session.sim_host.find_vms("NestWiz-Outer")[0].guest
    assert (guest.user, guest.password) == ("LabAdmin", "My-0wn-Passw0rd")
    assert guest.host.state.os.caption.startswith("Microsoft Windows Server 2022")
    assert guest_page.stages.rows["probe"].text(1) == "done"
