"""Enable nesting: pick the outer VM, run Microsoft's script (viewed and verified first) or direct settings."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.enable import direct
from core.enable.fetch import ScriptCache, ScriptFile, fetch_script, import_script, inspect_file
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.enable.run import before_script
from core.errors import NestWizError
from core.results import ErrorRecord, ProgressRecord, Record
from core.session import Session
from core.vm import (
    EnableOutcome,
    Readiness,
    Severity,
    VmInfo,
    assess,
    read_vms,
    settings_in_place,
)
from gui.pages.base import AsyncPage
from gui.vm_picker import VmPicker

if TYPE_CHECKING:
    from core.lab.engine import Event

log = logging.getLogger("nestwiz.gui.enable")


class ScriptViewer(QDialog):
    """The script read-only, with its digest and source, before anything runs; optionally the accept decision."""

    def __init__(
        self,
        text: str,
        sha256: str,
        source: str,
        pinned: bool,
        *,
        ask_accept: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enable-NestedVm.ps1 — read-only"))
        self.resize(760, 560)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.digest = QLabel(sha256)
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel(source)
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict = QLabel(
            self.tr("This is a pinned version of Microsoft's script.")
            if pinned
            else self.tr(
                "This file is NOT a known version of Microsoft's script. Read it whole; accept it only if you "
                "trust every line, because it will run with administrator rights on the Hyper-V host."
            )
        )
        self.verdict.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("SHA-256:"), self.digest)
        form.addRow(self.tr("Source:"), self.source)
        buttons = QDialogButtonBox()
        if ask_accept:
            self.accept_button = buttons.addButton(self.tr("&Accept this file"), QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


class EnablePage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Enable nested virtualization"))
        self.infos: list[VmInfo] = []
        self.script_file: ScriptFile | None = None
        self.outcome: EnableOutcome | None = None
        self.download_task: asyncio.Task[Any] | None = None
        self.viewer: ScriptViewer | None = None
        self._was_complete = False
        self._consent_for: str | None = None  # the VM the two consent boxes were last defaulted for

        # The pick is the session's outer VM: it follows the session, which another page may have changed.
        self.vm_list = VmPicker(nesting_column=True, follow=True)
        self.vm_list.chosen.connect(lambda _name: self._selected())
        self.readiness = QListWidget()
        self.readiness.setWordWrap(True)

        self.use_script = QRadioButton(self.tr("Microsoft's &script (Enable-NestedVm.ps1)"))
        self.use_direct = QRadioButton(self.tr("&Direct settings (cmdlets; also fixes the configuration version)"))
        self.method = QButtonGroup(self)
        for button in (self.use_script, self.use_direct):
            self.method.addButton(button)
            button.toggled.connect(self._update)
        self.mac = QCheckBox(self.tr("Turn on &MAC address spoofing (nested VMs on a bridged network)"))
        self.mac.setChecked(True)
        self.memory = QCheckBox(self.tr("Set startup memory to &4 GB when it is less"))
        self.memory.setChecked(True)
        self.stop_ok = QCheckBox(self.tr("Shut the VM down or discard its saved state when needed"))
        self.upgrade_ok = QCheckBox(self.tr("Upgrade the configuration version when needed (cannot be undone)"))
        for box in (self.mac, self.memory, self.stop_ok, self.upgrade_ok):
            box.toggled.connect(self._update)

        self.script_status = QLabel()
        self.script_status.setWordWrap(True)
        self.script_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view_button = QPushButton(self.tr("&View script…"))
        self.view_button.clicked.connect(self.view_script)
        self.download_button = QPushButton(self.tr("D&ownload"))
        self.download_button.clicked.connect(self.download)
        self.cancel_button = QPushButton(self.tr("Cancel download"))
        self.cancel_button.clicked.connect(self.cancel_download)
        self.import_button = QPushButton(self.tr("&Import from file…"))
        self.import_button.clicked.connect(self.import_file)
        self.progress = QProgressBar()
        self.progress.hide()

        self.run_button = QPushButton(self.tr("&Run"))
        self.run_button.clicked.connect(self.run)
        self.run_hint = QLabel()
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_view.setPlaceholderText(self.tr("What runs on the host appears here."))
        self.result = QListWidget()
        self.result.setWordWrap(True)

        choices = QVBoxLayout()
        choices.addWidget(self.use_script)
        choices.addWidget(self.use_direct)
        choices.addWidget(self.mac)
        choices.addWidget(self.memory)
        choices.addWidget(self.stop_ok)
        choices.addWidget(self.upgrade_ok)
        choice_box = QGroupBox(self.tr("How"))
        choice_box.setLayout(choices)
        ready_layout = QVBoxLayout()
        ready_layout.addWidget(self.readiness)
        ready_box = QGroupBox(self.tr("What the VM needs"))
        ready_box.setLayout(ready_layout)
        middle = QHBoxLayout()
        middle.addWidget(choice_box, 1)
        middle.addWidget(ready_box, 1)

        script_buttons = QHBoxLayout()
        for widget in (self.view_button, self.download_button, self.cancel_button, self.import_button):
            script_buttons.addWidget(widget)
        script_buttons.addWidget(self.progress, 1)
        script_layout = QVBoxLayout()
        script_layout.addWidget(self.script_status)
        script_layout.addLayout(script_buttons)
        self.script_box = QGroupBox(self.tr("Microsoft's script"))
        self.script_box.setLayout(script_layout)

        bottom = QSplitter()
        bottom.addWidget(self.log_view)
        bottom.addWidget(self.result)
        bottom.setSizes([500, 400])

        layout = QVBoxLayout(self)
        layout.addWidget(self.vm_list, 2)
        layout.addLayout(middle, 3)
        layout.addWidget(self.script_box)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.run_hint, 1)
        layout.addLayout(run_row)
        layout.addWidget(bottom, 3)
        layout.addWidget(self.banner)
        self.busyChanged.connect(self._busy_changed)

    # ------------------------------------------------------------------ state
    def initializePage(self) -> None:
        self.setSubTitle(
            self.tr(
                "Choose the outer VM, then how to enable nesting in it. When its settings are "
                "not all in place yet, Next runs the chosen method and reads them back first."
            )
        )
        self._load_cached_script()
        (self.use_script if self.script_file is not None else self.use_direct).setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        self.banner.say(self.tr("Reading the virtual machines…"))
        self.start(self._read())

    async def _read(self) -> None:
        runner = self.session.require_runner()
        self.infos = await read_vms(runner)
        self._fill()
        self.banner.say("" if self.infos else self.tr("This host has no virtual machine yet; create one first."))

    def _fill(self) -> None:
        self.vm_list.fill(self.infos, self.session.outer_vm_name)
        self._update()

    def _busy_changed(self, _busy: bool) -> None:
        self._update()

    def selected_vm(self) -> VmInfo | None:
        return self.vm_list.selected()

    def _selected(self) -> None:
        info = self.selected_vm()
        if info is not None:
            self.session.choose_outer_vm(info.name)
            if info.name != self._consent_for:
                # A VM this run created holds nothing yet, so stopping or upgrading it costs nothing.
                self._consent_for = info.name
                mine = info.name == self.session.created_vm
                self.stop_ok.setChecked(mine)
                self.upgrade_ok.setChecked(mine)
        self._update()

    def cpu_vendor(self) -> str:
        return self.session.cpu_vendor()

    def not_elevated(self) -> bool:
        """The diagnosis found NestWiz not elevated (unknown is not a no)."""
        return self.session.facts is not None and self.session.facts.elevated is False

    def current_readiness(self) -> Readiness | None:
        info = self.selected_vm()
        if info is None:
            return None
        default = self.session.facts.default_version if self.session.facts else None
        return assess(
            info,
            cpu_vendor=self.cpu_vendor(),
            mac_spoofing=self.mac.isChecked(),
            memory_4gb=self.memory.isChecked(),
            host_default_version=default or None,
        )

    def _update(self) -> None:
        readiness = self.current_readiness()
        self.readiness.clear()
        if readiness is not None:
            marks = {Severity.BLOCKER: "✗", Severity.ADVICE: "•", Severity.INFO: "i"}
            for item in readiness.items:
                text = f"{marks[item.severity]} {item.message}"
                if item.caution:
                    text += "\n   " + item.caution
                self.readiness.addItem(QListWidgetItem(text))
            if not readiness.items:
                self.readiness.addItem(self.tr("✓ Nothing to change: nesting is already set up."))
        is_direct = self.use_direct.isChecked()
        self.stop_ok.setVisible(is_direct)
        self.upgrade_ok.setVisible(is_direct)
        self.script_box.setEnabled(not self.busy or self.download_task is not None)
        downloading = self.download_task is not None
        self.cancel_button.setVisible(downloading)
        self.download_button.setEnabled(not downloading)
        self.import_button.setEnabled(not downloading)
        self.view_button.setEnabled(self.script_file is not None)
        self.run_button.setEnabled(
            not self.busy and readiness is not None and (is_direct or self.script_file is not None)
        )
        if not is_direct and self.script_file is None:
            self.run_hint.setText(self.tr("Download or import the script first, or use direct settings."))
        elif readiness is not None and self.outcome is None:
            self.run_hint.setText(self.tr("The settings are read back afterwards; the result appears below."))
        else:
            self.run_hint.setText("")
        self._show_script_status()
        complete = self.isComplete()
        if complete != self._was_complete:
            self._was_complete = complete
            self.completeChanged.emit()

    def _show_script_status(self) -> None:
        file = self.script_file
        if file is None:
            self.script_status.setText(
                self.tr(
                    "Not downloaded yet. Download it (pinned to the commit that last "
                    "changed it, checked by SHA-256) or import a copy from a file."
                )
            )
            return
        trust = self.tr("pinned version") if file.pinned else self.tr("accepted by you, not a known version")
        self.script_status.setText(
            self.tr("%1 — %2\nSHA-256 %3\nSource: %4")
            .replace("%1", file.path.name)
            .replace("%2", trust)
            .replace("%3", file.sha256)
            .replace("%4", file.source)
        )

    def nesting_in_place(self) -> bool:
        """The selected VM's nesting settings, as chosen on the page, read back in place (it may be running)."""
        info = self.selected_vm()
        readiness = self.current_readiness()
        if info is None or readiness is None:
            return False
        checks = settings_in_place(
            info, mac_spoofing=self.mac.isChecked(), memory_4gb=self.memory.isChecked(), cpu_vendor=self.cpu_vendor()
        )
        return all(c.in_place for c in checks) and all(b.key in ("running", "saved") for b in readiness.blockers)

    def blocker(self) -> str | None:
        if not self.infos:
            return self.tr("There is no virtual machine to enable nesting in.")
        info = self.selected_vm()
        readiness = self.current_readiness()
        if info is None or readiness is None:
            return self.tr("Choose the virtual machine that will run Hyper-V.")
        if self.nesting_in_place():
            return None
        if self.use_script.isChecked():
            if self.script_file is None:
                return self.tr("Download or import the script first, or use direct settings.")
            if self.not_elevated():
                return self.tr(
                    "Microsoft's script needs an elevated session: run NestWiz as administrator, "
                    "or use direct settings."
                )
            readiness = before_script(readiness)  # NestWiz stops and upgrades the VM first; the script does the rest
        consent = direct.Consent(stop_vm=self.stop_ok.isChecked(), update_version=self.upgrade_ok.isChecked())
        for item in direct.needs_consent(readiness, consent):
            if item.key in ("running", "saved") and item.fix:
                return self.tr(
                    "'%1' must be shut down before its settings change: tick \"Shut the VM down or "
                    'discard its saved state when needed", or shut it down yourself and read the list '
                    "again."
                ).replace("%1", info.name)
            if item.key == "version" and item.fix:
                return self.tr(
                    "'%1' needs a newer configuration version: tick \"Upgrade the configuration "
                    'version when needed" (it cannot be undone), or choose another VM.'
                ).replace("%1", info.name)
            return item.message
        return None

    # ------------------------------------------------------------------ Next
    def next_action(self) -> Coroutine[Any, Any, bool] | None:
        """Next runs the chosen method when the settings are not in place yet, and moves on once they read back."""
        info = self.selected_vm()
        if info is None:
            return None
        self._plan_nesting()
        if self.nesting_in_place():
            return None
        return self._run_then_go()

    def _plan_nesting(self) -> bool:
        """The choices into the lab's plan, so later steps check exactly what was chosen here; True: the script."""
        from core.lab.plan import NestingPlan

        script = self.use_script.isChecked() and self.script_file is not None
        self.session.update_plan(
            nesting=NestingPlan("script" if script else "direct", self.mac.isChecked(), self.memory.isChecked())
        )
        return script

    async def _run_then_go(self) -> bool:
        if not self._begin_run():
            return False
        await self._run()
        return self.outcome is not None and self.outcome.complete

    # ------------------------------------------------------------------ the script file
    def _load_cached_script(self) -> None:
        try:
            self.script_file = ScriptCache.default().find(ENABLE_NESTED_VM, include_accepted=True)
        except OSError as exc:
            log.warning("Could not read the script cache: %s", exc)
            self.script_file = None

    def view_script(self) -> None:
        file = self.script_file
        if file is None:
            return
        content = file.path.read_bytes()
        self._show(
            ScriptViewer(
                content.decode("utf-8-sig", errors="replace"),
                sha256_hex(content),
                file.source,
                file.pinned,
                parent=self,
            )
        )

    def _show(self, viewer: ScriptViewer) -> None:
        """Window-modal without a nested event loop, so the page's asyncio work keeps running meanwhile."""
        self.viewer = viewer
        viewer.finished.connect(viewer.deleteLater)
        viewer.open()

    def download(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.banner.say(self.tr("Downloading %1…").replace("%1", ENABLE_NESTED_VM.url))
        self.download_task = self.start(self._download())
        self._update()

    def _progress(self, done: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    async def _download(self) -> None:
        try:
            self.script_file = await fetch_script(progress=self._progress)
            self.banner.say(self.tr("Downloaded and verified: SHA-256 %1.").replace("%1", self.script_file.sha256))
            self.use_script.setChecked(True)
        except asyncio.CancelledError:
            self.banner.say(self.tr("Download cancelled; nothing was saved."))
            raise
        finally:
            self.download_task = None
            self.progress.hide()
            self._update()

    def cancel_download(self) -> None:
        if self.download_task is not None:
            self.download_task.cancel()

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Enable-NestedVm.ps1"), "", self.tr("PowerShell scripts (*.ps1);;All files (*)")
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Import a pinned copy at once; any other file only after the user read it and accepted its digest."""
        try:
            candidate = inspect_file(path)
            if candidate.known is not None:
                self._imported(import_script(path))
                return
        except NestWizError as exc:
            self.banner.say(exc.message, "error")
            return
        viewer = ScriptViewer(candidate.text(), candidate.sha256, str(path), False, ask_accept=True, parent=self)
        viewer.accepted.connect(lambda: self._accept_import(path, candidate.sha256))
        viewer.rejected.connect(lambda: self._refuse_import(path, candidate.sha256))
        self._show(viewer)

    def _accept_import(self, path: Path, sha256: str) -> None:
        try:
            file = import_script(path, accept_digest=sha256)
        except NestWizError as exc:
            self.banner.say(exc.message, "error")
            return
        self._log(
            self.tr("You accepted %1 with SHA-256 %2 (not a known version).")
            .replace("%1", str(path))
            .replace("%2", sha256)
        )
        self._imported(file)

    def _refuse_import(self, path: Path, sha256: str) -> None:
        self._log(
            self.tr("Import of %1 refused: SHA-256 %2 is not a known version.")
            .replace("%1", str(path))
            .replace("%2", sha256)
        )
        self.banner.say(self.tr("Not imported: the file is not a known version of the script."))

    def _imported(self, file: ScriptFile) -> None:
        self.script_file = file
        self.banner.say(self.tr("Imported: SHA-256 %1.").replace("%1", file.sha256))
        self.use_script.setChecked(True)
        self._update()

    # ------------------------------------------------------------------ running
    def _log(self, text: str) -> None:
        self.log_view.appendPlainText(text)

    def on_record(self, record: Record) -> None:
        value = record.value
        if isinstance(value, ErrorRecord):
            self._log(self.tr("ERROR: %1").replace("%1", value.message))
        elif isinstance(value, ProgressRecord):
            return
        elif record.kind == "warning":
            self._log(self.tr("WARNING: %1").replace("%1", str(value)))
        elif record.kind == "output":
            return
        else:
            self._log(str(value))

    def run(self) -> None:
        if self._begin_run():
            self.start(self._run())
            self._update()

    def _begin_run(self) -> bool:
        info = self.selected_vm()
        if info is None:
            return False
        if self.use_script.isChecked() and self.not_elevated():
            self.banner.say(
                self.tr(
                    "Microsoft's script needs an elevated session: run NestWiz as administrator, "
                    "or use direct settings."
                ),
                "error",
            )
            return False
        self.result.clear()
        self.outcome = None
        self._log(f"— {info.name} —")
        self.banner.say(self.tr("Working on %1…").replace("%1", info.name))
        return True

    def _event(self, event: Event) -> None:
        if event.kind == "record":
            self.on_record(event.value)
        elif event.kind == "outcome":
            self.outcome = event.value
            self._show_outcome(event.value)

    async def _run(self) -> None:
        session = self.session
        script = self._plan_nesting()
        session.nesting_consent = direct.Consent(
            stop_vm=self.stop_ok.isChecked(), update_version=self.upgrade_ok.isChecked()
        )
        if script:
            file = self.script_file
            assert file is not None
            session.enable_script = (file.path.read_bytes(), () if file.pinned else (file.sha256,))
        try:
            await self.run_steps("outer_vm", "nesting", on_event=self._event)
        finally:
            self.infos = await read_vms(session.require_runner())
            self._fill()

    def _show_outcome(self, outcome: EnableOutcome) -> None:
        self.result.clear()
        self.result.addItem(outcome.summary())
        for check in outcome.checks:
            mark = "• " if check.informational else "✓ " if check.in_place else "✗ "
            self.result.addItem(mark + check.sentence)
        for error in outcome.errors:
            self.result.addItem("! " + error)
        self.banner.say(outcome.summary(), "info" if outcome.complete else "warning")
