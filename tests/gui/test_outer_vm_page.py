"""The outer-VM page: defaults that fit the host, inline checks, Create, partial failure and cleanup, plan files,
and preparing an existing VM with the user's consent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from core.lab.plan import LabPlan, OuterPlan, load
from gui.pages.base import AsyncPage
from gui.pages.outer_vm import OuterVmPage
from gui.wizard import PageId
from tests import ps_lint

WAIT = 10_000
DATA = Path(__file__).resolve().parents[1] / "data" / "plans"


def next_text(wizard) -> str:
    return wizard.button(QWizard.WizardButton.NextButton).text()


def _settled(wizard) -> bool:
    page = wizard.currentPage()
    return not (isinstance(page, AsyncPage) and page.busy) and page.isComplete()


def open_page(make_wizard, qtbot) -> tuple[object, OuterVmPage]:
    wizard = make_wizard()
    while wizard.currentId() != PageId.OUTER_VM:
        qtbot.waitUntil(lambda: _settled(wizard), timeout=WAIT)
        wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, OuterVmPage)
    qtbot.waitUntil(lambda: not page.busy and page.checked_for == page.options, timeout=WAIT)
    return wizard, page


def wait_checked(qtbot, page: OuterVmPage) -> None:
    page.check_now()
    qtbot.waitUntil(lambda: not page.busy and page.checked_for == page.options, timeout=WAIT)


def test_defaults_fit_the_host_and_complete_the_page(make_wizard, qtbot):
    _wizard, page = open_page(make_wizard, qtbot)
    o = page.options
    assert o.name == "NestWiz-Outer" and o.iso_path.lower().endswith(".iso") and o.switch_name == "Default Switch"
    assert o.memory_bytes == 8 * 1024**3 and o.version == "11.0"
    assert page.problems == [] and page.blocker() is None and page.isComplete()
    assert page.create_button.isEnabled()
    preview = page.preview.toPlainText()
    assert "New-VM -Name 'NestWiz-Outer' -Generation 2" in preview
    assert preview.index("New-VHD") < preview.index("New-VM") < preview.index("Set-VMProcessor")
    assert not any(label.isVisible() for label in page.messages.values())


def test_inline_messages_before_anything_runs(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    history = len(wizard.session.sim_host.history)
    page.name.setText("Lab-Host01")
    page.vhd_path.setText("relative.vhdx")
    wait_checked(qtbot, page)
    assert "already exists" in page.messages["name"].text() and page.messages["name"].isVisibleTo(page)
    assert "full path" in page.messages["vhd_path"].text()
    assert not page.create_button.isEnabled() and not page.isComplete()
    assert page.blocker() == page.blocking()[0].message and len(page.blocking()) == 2
    sent = [r.name for r in wizard.session.sim_host.history[history:]]
    assert set(sent) == {"Get-OuterVmView.ps1"}  # only the question, no changes
    page.name.setText("Fresh")
    page.vhd_path.setText("C:\\VMs\\Fresh.vhdx")
    wait_checked(qtbot, page)
    assert page.problems == [] and page.isComplete()


def test_create_then_next(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    host = wizard.session.sim_host
    before = {vm.name for vm in host.vms}
    assert next_text(wizard) == "&Create >"  # Next would create it
    page.create_button.click()
    qtbot.waitUntil(lambda: page.created and not page.busy, timeout=WAIT)
    assert next_text(wizard) == wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    [vm] = [vm for vm in host.vms if vm.name not in before]
    assert vm.name == "NestWiz-Outer" and vm.expose_virtualization_extensions and not vm.dynamic_memory
    assert wizard.session.outer_vm_name == "NestWiz-Outer"
    assert page.progress.value() == page.progress.maximum() and not page.create_button.isEnabled()
    assert "was created" in page.banner.text()
    wizard.next()
    assert wizard.currentId() == PageId.ENABLE
    qtbot.waitUntil(lambda: not wizard.currentPage().busy, timeout=WAIT)


def test_partial_failure_report_and_exact_cleanup(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    host = wizard.session.sim_host
    vms_before = sorted(vm.id for vm in host.vms)
    files_before = dict(host.files)
    host.fail_next["Set-VMFirmware"] = "The operation failed (injected)."
    page.create_button.click()
    qtbot.waitUntil(lambda: page.failed is not None and not page.busy, timeout=WAIT)
    assert not page.created and page.failure.isVisibleTo(page)
    text = page.failure.text()
    assert "injected" in text and "the VM 'NestWiz-Outer'" in text and "NestWiz-Outer.vhdx" in text
    assert page.remove_button.isVisibleTo(page)
    assert len(host.vms) == len(vms_before) + 1
    qtbot.waitUntil(lambda: not page.busy and page.checked_for == page.options, timeout=WAIT)
    assert "already exists" in page.messages["name"].text() and not page.isComplete()
    page.remove_button.click()
    qtbot.waitUntil(lambda: not page.busy and not page.left_on_host(), timeout=WAIT)
    assert sorted(vm.id for vm in host.vms) == vms_before and dict(host.files) == files_before
    assert "Removed" in page.failure.text() and not page.remove_button.isVisibleTo(page)
    qtbot.waitUntil(lambda: not page.busy and page.checked_for == page.options, timeout=WAIT)
    assert page.problems == [] and page.isComplete() and page.create_button.isEnabled()
    assert wizard.session.outer_vm_name is None


def test_save_load_and_export(make_wizard, qtbot, tmp_path):
    _wizard, page = open_page(make_wizard, qtbot)
    page.name.setText("Лаб ‘1’ $x")
    page.processors.setValue(3)
    page.save_plan(tmp_path / "plan.toml")
    assert load(tmp_path / "plan.toml") == LabPlan(outer=OuterPlan("new", page.options))
    page.export_script(tmp_path / "plan.ps1")
    script = (tmp_path / "plan.ps1").read_text(encoding="utf-8-sig")
    assert ps_lint.lint(script) == [] and "'Лаб ‘‘1’’ $x'" in script
    assert "Wait-NestWizGuest" in script  # the whole lab's export, as the Summary and nestwiz lab export write it
    page.name.setText("Other")
    page.processors.setValue(2)
    page.load_plan(tmp_path / "plan.toml")
    assert page.name.text() == "Лаб ‘1’ $x" and page.processors.value() == 3
    page.load_plan(tmp_path / "missing.toml")
    assert "cannot read" in page.banner.text()
    page.save_plan(tmp_path / "no such folder" / "plan.toml")
    assert "cannot save the plan file" in page.banner.text()
    page.load_plan(DATA / "format1-saved-by-0.1.toml")  # an outer-VM plan saved by NestWiz 0.1
    assert page.name.text() == 'Лаб ‘O’Brien’ "x" $y # z' and page.processors.value() == 4


def test_prepare_an_existing_vm_with_consent(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    host = wizard.session.sim_host
    page.prepare_mode.setChecked(True)
    item = next(
        page.vm_list.topLevelItem(i)
        for i in range(page.vm_list.topLevelItemCount())
        if page.vm_list.topLevelItem(i).text(0) == "Lab-Host01"
    )
    page.vm_list.setCurrentItem(item)
    readiness = page.readiness()
    assert {"dynamic-memory", "extensions", "mac-spoofing"} <= {b.key for b in readiness.blockers}
    assert "blocks nesting" in page.blocker() and not page.fix_button.isEnabled()
    assert next_text(wizard) == "&Next >"  # nothing ticked: Next would only move on (and cannot yet)
    vm = host.find_vms("Lab-Host01")[0]
    page.tick("dynamic-memory")
    assert next_text(wizard) == "&Apply fixes >"
    page.fix_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert not vm.dynamic_memory and not vm.expose_virtualization_extensions  # only what was ticked
    for key in ("extensions", "mac-spoofing"):
        page.tick(key)
    page.fix_button.click()
    qtbot.waitUntil(lambda: not page.busy and page.readiness() is not None and page.readiness().ready, timeout=WAIT)
    assert vm.expose_virtualization_extensions and all(a.mac_spoofing == "On" for a in vm.adapters)
    assert page.blocker() is None and next_text(wizard) == "&Next >"
    page.create_mode.setChecked(True)
    assert next_text(wizard) == "&Create >"
    page.prepare_mode.setChecked(True)
    wizard.next()
    assert wizard.session.outer_vm_name == "Lab-Host01" and wizard.currentId() == PageId.ENABLE
    qtbot.waitUntil(lambda: not wizard.currentPage().busy, timeout=WAIT)


def test_fix_list_items_start_unticked(make_wizard, qtbot):
    _wizard, page = open_page(make_wizard, qtbot)
    page.prepare_mode.setChecked(True)
    page.vm_list.setCurrentItem(page.vm_list.topLevelItem(0))
    states = [
        page.readiness_list.item(i).checkState()
        for i in range(page.readiness_list.count())
        if page.readiness_list.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
    ]
    assert states and all(s == Qt.CheckState.Unchecked for s in states)


def test_form_choices_become_options(make_wizard, qtbot):
    _wizard, page = open_page(make_wizard, qtbot)
    page.guest.setCurrentIndex(page.guest.findData("linux"))
    page.networking.setCurrentIndex(page.networking.findData("nat"))
    page.existing_disk.setChecked(True)
    page.iso.setCurrentIndex(0)
    o = page.options
    assert (o.secure_boot_template, o.tpm, o.networking, o.new_disk, o.iso_path) == (
        "MicrosoftUEFICertificateAuthority",
        False,
        "nat",
        False,
        "",
    )
    names = [line.split()[0] for line in page.preview.toPlainText().splitlines() if line and line[0] != "#"]
    assert "New-VHD" not in names and "Add-VMDvdDrive" not in names and "Set-VMNetworkAdapter" not in names


def test_back_keeps_the_users_settings(make_wizard, qtbot):
    wizard, page = open_page(make_wizard, qtbot)
    page.name.setText("Kept")
    page.processors.setValue(3)
    wizard.back()
    qtbot.waitUntil(lambda: _settled(wizard), timeout=WAIT)
    wizard.next()
    qtbot.waitUntil(lambda: not page.busy and page.checked_for == page.options, timeout=WAIT)
    assert page.name.text() == "Kept" and page.processors.value() == 3 and page.isComplete()


def test_guest_choices_fit_their_box_and_say_more_in_a_tooltip(make_wizard, qtbot):
    """The guest box shows each choice whole at the wizard's size (it was cut); the tooltip names the systems."""
    wizard, page = open_page(make_wizard, qtbot)
    wizard.resize(1100, 700)
    qtbot.waitUntil(lambda: page.guest.width() > 0, timeout=WAIT)
    box = page.guest
    room = box.width() - box.iconSize().width() - 30  # the arrow and the frame take the rest
    for index in range(box.count()):
        assert box.fontMetrics().horizontalAdvance(box.itemText(index)) <= room, box.itemText(index)
        assert box.itemData(index, Qt.ItemDataRole.ToolTipRole)


def test_the_created_vm_stays_the_labs_after_looking_at_another_one(make_wizard, qtbot):
    """On the Enable page the user clicks another VM, then the one NestWiz created: it is still the lab's (by its Id),
    so the Guest page still offers to install its OS (it fell back to 'already installed' and waited in vain)."""
    wizard, page = open_page(make_wizard, qtbot)
    page.create_button.click()
    qtbot.waitUntil(lambda: page.created and not page.busy, timeout=WAIT)
    session = wizard.session
    made = session.created_vm
    assert made == "NestWiz-Outer"
    session.choose_outer_vm("Lab-Host01")
    assert session.created_vm is None
    session.choose_outer_vm("NestWiz-Outer")
    assert session.created_vm == "NestWiz-Outer"
    assert session.journal.vms["outer"].id == next(vm.id for vm in session.sim_host.vms if vm.name == made)
