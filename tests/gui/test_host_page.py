"""The Host page: checks with icons and fixes; Next disabled while a blocker remains; a remedy fixes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from core.host.rules import Status
from gui.pages.host import HostPage


def open_host_page(make_wizard, qtbot, profile: str) -> tuple[QWizard, HostPage]:
    wizard = make_wizard(profile=profile)
    wizard.next()  # Welcome -> Target
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10_000)
    wizard.next()  # Target -> Host: attaches the simulated runner, the page diagnoses
    page = wizard.currentPage()
    assert isinstance(page, HostPage)
    qtbot.waitUntil(lambda: not page.busy and page.diagnosis is not None, timeout=10_000)
    return wizard, page


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_default_profile_passes_and_next_is_enabled(make_wizard, qtbot):
    wizard, page = open_host_page(make_wizard, qtbot, "intel-laptop-win11-pro")
    assert page.isComplete() and next_enabled(wizard)
    assert page.blocker() is None
    assert all(row.check.status is Status.PASS for row in page.rows)
    assert len(page.rows) == len(page.diagnosis.checks) >= 12
    assert "can run a VM that runs Hyper-V" in page.summary.text()


def test_failing_profile_shows_the_blocker_and_keeps_next_disabled(make_wizard, qtbot):
    wizard, page = open_host_page(make_wizard, qtbot, "win11-home")
    assert not page.isComplete() and not next_enabled(wizard)
    assert "Home edition" in page.blocker()
    assert "Home edition" in page.banner.text() and page.banner.isVisible()
    edition = page.row("edition")
    assert edition.remedy_button is None  # an upgrade is done by hand
    assert page.rows[0].check.status is Status.FAIL  # failures first
    qtbot.mouseClick(edition.details_button, Qt.MouseButton.LeftButton)
    assert edition.details.isVisible()
    assert "OperatingSystemSKU: 101" in edition.details.text()
    assert "How to fix" in edition.details.text()


def test_remedy_enables_hyperv_and_restart_clears_the_blocker(make_wizard, qtbot):
    wizard, page = open_host_page(make_wizard, qtbot, "hyperv-not-installed")
    host = wizard.session.sim_host
    assert not next_enabled(wizard)
    assert "Hyper-V is not installed" in page.blocker()
    enable = page.row("hyperv-feature").remedy_button
    assert enable is not None and enable.text() == "Enable Hyper-V"

    qtbot.mouseClick(enable, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.row("hyperv-feature").check.remedy.id == "restart", timeout=10_000)
    assert host.state.features["Microsoft-Hyper-V-All"] == "EnablePending"
    assert not next_enabled(wizard)
    assert "restart" in page.banner.text().lower()

    boots = host.boots
    restart = page.row("hyperv-feature").remedy_button
    assert restart is not None and restart.text() == "Restart now"
    qtbot.mouseClick(restart, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.blocker() is None, timeout=10_000)
    assert host.boots == boots + 1
    assert page.row("hyperv-feature").check.status is Status.PASS
    assert page.row("hypervisor").check.status is Status.PASS
    assert wizard.session.runner is not None and wizard.session.runner.host is host
    assert next_enabled(wizard)


def test_run_again_is_one_round_trip_and_copy_report(make_wizard, qtbot):
    wizard, page = open_host_page(make_wizard, qtbot, "laptop-8gb")
    runner = wizard.session.runner
    before = runner.round_trips
    qtbot.mouseClick(page.again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.diagnosis is not None, timeout=10_000)
    assert runner.round_trips == before + 1
    assert page.row("memory").check.status is Status.WARN
    assert next_enabled(wizard)  # warnings do not block
    qtbot.mouseClick(page.copy, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert text.startswith("NestWiz host diagnosis") and "[WARN] Memory" in text


def test_elevation_on_the_simulated_host_is_a_state_flag(make_wizard, qtbot):
    wizard, page = open_host_page(make_wizard, qtbot, "hyperv-not-installed")
    host = wizard.session.sim_host
    host.state.elevated = False
    qtbot.mouseClick(page.again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.diagnosis is not None, timeout=10_000)
    assert page.row("hyperv-feature").check.status is Status.UNKNOWN
    elevate = page.row("permissions").remedy_button
    assert elevate is not None and elevate.text() == "Restart NestWiz as administrator"
    qtbot.mouseClick(elevate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.row("permissions").check.status is Status.PASS, timeout=10_000)
    assert host.state.elevated and wizard.isVisible()
    assert page.row("hyperv-feature").remedy_button.text() == "Enable Hyper-V"
