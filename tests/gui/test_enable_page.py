"""The enable page: VM list, direct default, Run with log and readback, the script viewer, import and download."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from core.enable.fetch import ScriptCache, Trust
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.sim import scripts_enable
from gui.pages.base import AsyncPage
from gui.pages.enable import EnablePage, ScriptViewer
from gui.wizard import PageId

STAND_IN = "\ufeffparam([string]$vmName)\n# stand-in for Enable-NestedVm.ps1 in NestWiz's tests\n".encode()


def _settled(wizard) -> bool:
    page = wizard.currentPage()
    return not (isinstance(page, AsyncPage) and page.busy) and page.isComplete()


@pytest.fixture
def enable_page(make_wizard, qtbot):
    """Walk a wizard to the enable page; the wizards are kept, since a page lives only as long as its wizard."""
    wizards: list[object] = []

    def make(before: Callable[[object], None] | None = None) -> EnablePage:
        wizard = make_wizard()
        wizards.append(wizard)
        return to_enable_page(wizard, qtbot, before)

    return make


def to_enable_page(wizard, qtbot, before: Callable[[object], None] | None) -> EnablePage:
    """Through the host check to the outer-VM page, then straight on to the enable page with the profile's VMs as
    they are: the outer-VM page's Next would create or prepare a VM first."""
    while wizard.currentId() != PageId.OUTER_VM:
        qtbot.waitUntil(lambda: _settled(wizard), timeout=10_000)
        if wizard.currentId() == PageId.HOST and before is not None:
            before(wizard.session)
        wizard.next()
    qtbot.waitUntil(lambda: _settled(wizard), timeout=10_000)
    wizard.setStartId(PageId.ENABLE)
    wizard.restart()
    page = wizard.currentPage()
    assert isinstance(page, EnablePage)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    return page


# The offscreen platform cannot size a modal dialog's window and says so; the dialogs work all the same.
modal = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def rows(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_lists_vms_and_defaults_to_direct_without_a_cached_script(enable_page, qtbot) -> None:
    page = enable_page()
    items = [page.vm_list.topLevelItem(i) for i in range(page.vm_list.topLevelItemCount())]
    assert [[item.text(c) for c in range(6)] for item in items] == [
        ["Lab-Host01", "Off", "2", "11.0", "2 GB (dynamic)", "off"],
        ["Ubuntu-Dev", "Running", "2", "11.0", "4 GB", "off"],
    ]
    assert page.use_direct.isChecked() and not page.view_button.isEnabled()
    assert page.selected_vm().name == "Lab-Host01"
    assert page.session.outer_vm_name == "Lab-Host01"
    assert any("dynamic memory" in row for row in rows(page.readiness))
    assert page.blocker() is None and page.isComplete()


def test_direct_run_logs_commands_and_shows_the_readback(enable_page, qtbot) -> None:
    page = enable_page()
    page.run_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None and not page.busy, timeout=10_000)
    log = page.log_view.toPlainText()
    assert "PS> Set-VMProcessor -VMName 'Lab-Host01' -ExposeVirtualizationExtensions $true" in log
    result = rows(page.result)
    assert result[0] == "Nesting is set up on 'Lab-Host01': every setting read back is in place."
    assert "✓ Virtualization extensions are exposed." in result
    assert page.vm_list.topLevelItem(0).text(5) == "exposed"


def test_outer_vm_from_the_session_and_a_setting_that_did_not_take(enable_page, qtbot) -> None:
    def choose(session) -> None:
        session.choose_outer_vm("Ubuntu-Dev")

    page = enable_page(choose)
    assert page.selected_vm().name == "Ubuntu-Dev"
    page.run_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert "is running" in page.banner.text() and page.outcome is None
    page.stop_ok.setChecked(True)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None and not page.busy, timeout=10_000)
    assert "ERROR: The virtual machine 'Ubuntu-Dev' could not be shut down" in page.log_view.toPlainText()
    assert "✗ Virtualization extensions are still off: Hyper-V cannot run inside the VM." in rows(page.result)


def test_the_list_follows_an_outer_vm_chosen_elsewhere(enable_page, qtbot) -> None:
    page = enable_page()
    assert page.selected_vm().name == "Lab-Host01"
    page.session.choose_outer_vm("Ubuntu-Dev")  # as the Outer VM page's Next does, back in the wizard
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.selected_vm().name == "Ubuntu-Dev" and page.session.outer_vm_name == "Ubuntu-Dev"


def test_script_run_from_an_accepted_cached_copy(enable_page, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scripts_enable, "STAND_IN_DIGESTS", {sha256_hex(STAND_IN)})
    ScriptCache.default().store(ENABLE_NESTED_VM, STAND_IN, source="test kit", trust=Trust.USER_ACCEPTED)
    page = enable_page()
    assert page.use_script.isChecked()
    assert sha256_hex(STAND_IN) in page.script_status.text() and "accepted by you" in page.script_status.text()
    page.memory.setChecked(False)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None and not page.busy, timeout=10_000)
    log = page.log_view.toPlainText()
    assert "Input Y to accept or N to cancel: Y" in log
    assert "Would you like to set Vm memory to 4GB? (Y/N) N" in log
    assert page.outcome.method == "script" and page.outcome.complete
    vm = page.session.sim_host.find_vms("Lab-Host01")[0]
    assert vm.memory_startup == 2 * 1024**3 and vm.expose_virtualization_extensions


@modal
def test_viewer_shows_text_digest_and_source(enable_page, qtbot) -> None:
    ScriptCache.default().store(ENABLE_NESTED_VM, STAND_IN, source="test kit", trust=Trust.USER_ACCEPTED)
    page = enable_page()
    page.view_button.click()
    viewer = page.viewer
    assert isinstance(viewer, ScriptViewer) and viewer.isVisible()
    assert viewer.text.isReadOnly() and "stand-in for Enable-NestedVm.ps1" in viewer.text.toPlainText()
    assert viewer.digest.text() == sha256_hex(STAND_IN) and viewer.source.text() == "test kit"
    viewer.reject()


@modal
def test_import_refuses_unknown_text_unless_accepted_in_the_viewer(enable_page, qtbot, tmp_path: Path) -> None:
    page = enable_page()
    path = tmp_path / "Enable-NestedVm.ps1"
    path.write_bytes(STAND_IN)
    page.import_path(path)
    assert page.viewer is not None and "NOT a known version" in page.viewer.verdict.text()
    assert page.script_file is None
    page.viewer.reject()
    assert page.script_file is None and "not a known version" in page.banner.text()
    assert "refused" in page.log_view.toPlainText()
    page.import_path(path)
    page.viewer.accept()
    assert page.script_file is not None and page.script_file.trust is Trust.USER_ACCEPTED
    assert f"You accepted {path} with SHA-256 {sha256_hex(STAND_IN)}" in page.log_view.toPlainText()
    assert page.use_script.isChecked() and page.view_button.isEnabled()


def test_download_shows_progress_and_cancels(enable_page, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    started = asyncio.Event()

    async def endless(*, progress):
        progress(1024, 5296)
        started.set()
        await asyncio.Event().wait()

    monkeypatch.setattr("gui.pages.enable.fetch_script", endless)
    page = enable_page()
    page.download_button.click()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    assert page.progress.isVisible() and page.progress.value() == 1024 and page.cancel_button.isVisible()
    assert not page.isComplete()
    page.cancel_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=5_000)
    assert "Download cancelled" in page.banner.text() and page.script_file is None
    assert not page.progress.isVisible() and not page.cancel_button.isVisible()
