"""Outer VM: create a new VM fit for nesting from a previewed plan, or prepare an existing one."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from core.commands import render
from core.errors import NestWizError
from core.lab.plan import LabPlan, OuterPlan, load, save
from core.provision.outer import (
    CHECKPOINT_TYPES,
    GB,
    HostSizes,
    OuterVmOptions,
    defaults_for,
    host_choices,
    plan,
    version_key,
)
from core.provision.validate import Problem, check_options, validate
from core.session import Session
from core.vm import Readiness, Severity, VmInfo, assess, read_vms
from gui.pages.base import AsyncPage
from gui.vm_picker import VmPicker

if TYPE_CHECKING:
    from core.lab.engine import Event

GUESTS = (  # key, Secure Boot template, virtual TPM
    ("windows11", "MicrosoftWindows", True),
    ("windows", "MicrosoftWindows", False),
    ("linux", "MicrosoftUEFICertificateAuthority", False),
)
CHECK_DELAY_MS = 300


def _short_combo() -> QComboBox:
    """A combo box that may be narrower than its longest item (a long translation must not widen the form)."""
    box = QComboBox()
    # Before any item: Qt keeps the minimum size it first computes from the items, whatever the policy after.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    return box


class OuterVmPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("The outer VM"))
        self.options = OuterVmOptions()
        self.problems: list[Problem] = check_options(self.options)
        self.checked_for: OuterVmOptions | None = None
        self.check_task: asyncio.Task[Any] | None = None
        self.failed: str | None = None  # why the last Create stopped
        self.created = False
        self.loaded = False
        self.infos: list[VmInfo] = []
        self.switches: list[str] = []
        self.versions: list[str] = []
        self._filling = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)

        self.create_mode = QRadioButton(self.tr("&Create a new VM"))
        self.prepare_mode = QRadioButton(self.tr("&Prepare an existing VM"))
        self.mode_group = QButtonGroup(self)
        for button in (self.create_mode, self.prepare_mode):
            self.mode_group.addButton(button)
            button.toggled.connect(self._mode_changed)
        modes = QHBoxLayout()
        modes.addWidget(self.create_mode)
        modes.addWidget(self.prepare_mode)
        modes.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_create())
        self.stack.addWidget(self._build_prepare())

        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.banner)
        self.busyChanged.connect(lambda _busy: self._update_buttons())
        self.create_mode.setChecked(True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Create >"))

    # ------------------------------------------------------------------ the create form
    def _build_create(self) -> QWidget:
        self.name = QLineEdit()
        self.location = QLineEdit()
        self.processors = QSpinBox()
        self.processors.setRange(1, 240)
        self.memory = QSpinBox()
        self.memory.setRange(1, 4096)
        self.memory.setSuffix(self.tr(" GB"))
        self.new_disk = QRadioButton(self.tr("New"))
        self.existing_disk = QRadioButton(self.tr("Existing"))
        self.disk_group = QButtonGroup(self)
        self.disk_group.addButton(self.new_disk)
        self.disk_group.addButton(self.existing_disk)
        self.vhd_path = QLineEdit()
        self.vhd_size = QSpinBox()
        self.vhd_size.setRange(1, 65536)
        self.vhd_size.setSuffix(self.tr(" GB"))
        self.iso = _short_combo()
        self.iso.setEditable(True)
        self.switch = _short_combo()
        self.guest = _short_combo()
        # Short enough for the box; the item's tooltip says which systems each one suits.
        labels = (
            (
                self.tr("Windows (virtual TPM, Secure Boot)"),
                self.tr("Windows 11, Windows 10 or Windows Server: Windows 11 requires the TPM and Secure Boot."),
            ),
            (
                self.tr("Windows without a virtual TPM"),
                self.tr("Windows 10 or Windows Server without a virtual TPM, with Secure Boot."),
            ),
            (
                self.tr("Linux (Secure Boot with the Microsoft UEFI CA)"),
                self.tr("Linux, with Secure Boot trusting the Microsoft UEFI CA."),
            ),
        )
        for index, ((key, _template, _tpm), (label, tip)) in enumerate(zip(GUESTS, labels, strict=True)):
            self.guest.addItem(label, key)
            self.guest.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        self.networking = _short_combo()
        self.networking.addItem(self.tr("MAC address spoofing (nested VMs on this switch)"), "mac-spoofing")
        self.networking.addItem(self.tr("NAT inside the VM"), "nat")
        self.version = _short_combo()
        self.checkpoints = _short_combo()
        # Hyper-V's own names for the checkpoint types; a translation may explain them.
        kinds = {
            "Production": self.tr("Production"),
            "ProductionOnly": self.tr("ProductionOnly"),
            "Standard": self.tr("Standard"),
            "Disabled": self.tr("Disabled"),
        }
        for kind in CHECKPOINT_TYPES:
            self.checkpoints.addItem(kinds.get(kind, kind), kind)
        self.automatic = QCheckBox(self.tr("Automatic checkpoint at each start"))

        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        disk_kind = QHBoxLayout()
        disk_kind.addWidget(self.new_disk)
        disk_kind.addWidget(self.existing_disk)
        disk_kind.addWidget(self.vhd_size)
        disk_kind.addStretch(1)
        rows: list[tuple[str, Any, str]] = [
            (self.tr("&Name:"), self.name, "name"),
            (self.tr("&Folder:"), self.location, "location"),
            (self.tr("Processors:"), self.processors, "processors"),
            (self.tr("&Memory (static):"), self.memory, "memory_bytes"),
            (self.tr("Disk:"), disk_kind, "vhd_size_bytes"),
            (self.tr("Disk &path:"), self.vhd_path, "vhd_path"),
            (self.tr("&ISO:"), self.iso, "iso_path"),
            (self.tr("&Switch:"), self.switch, "switch_name"),
            (self.tr("&Guest:"), self.guest, "secure_boot_template"),
            (self.tr("Net&working:"), self.networking, "networking"),
            (self.tr("&Version:"), self.version, "version"),
            (self.tr("Chec&kpoints:"), self.checkpoints, "checkpoint_type"),
        ]
        for label, field_widget, key in rows:
            form.addRow(label, field_widget)
            message = QLabel()
            message.setWordWrap(True)
            message.setObjectName("fieldMessage")
            message.hide()
            self.messages[key] = message
            form.addRow("", message)
        form.addRow("", self.automatic)
        form_widget = QWidget()
        form_widget.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        for edit in (self.name, self.location, self.vhd_path):
            edit.textChanged.connect(self._changed)
        for spin in (self.processors, self.memory, self.vhd_size):
            spin.valueChanged.connect(self._changed)
        for combo in (self.switch, self.guest, self.networking, self.version, self.checkpoints):
            combo.currentIndexChanged.connect(self._changed)
        self.iso.currentTextChanged.connect(self._changed)
        self.new_disk.toggled.connect(self._changed)
        self.automatic.toggled.connect(self._changed)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFont("Monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        self.preview.setFont(mono)
        self.progress = QProgressBar()
        self.progress.hide()
        self.failure = QLabel()
        self.failure.setWordWrap(True)
        self.failure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.failure.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        plan_title = QLabel(self.tr("Plan: the commands Create (or Next) will run, in order"))
        plan_title.setWordWrap(True)  # a long translation must not push the form narrower than its fields
        right_layout.addWidget(plan_title)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(self.failure)

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        # The form as wide as its widest row needs (French runs longer than English), the plan the rest.
        form_width = (
            form_widget.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        splitter.setSizes([max(460, form_width), max(300, 860 - form_width)])

        self.save_button = QPushButton(self.tr("&Save plan…"))
        self.load_button = QPushButton(self.tr("&Load plan…"))
        self.export_button = QPushButton(self.tr("&Export script…"))
        self.create_button = QPushButton(self.tr("C&reate"))
        self.remove_button = QPushButton(self.tr("Remove &what was created"))
        self.remove_button.hide()
        self.save_button.clicked.connect(self._ask_save)
        self.load_button.clicked.connect(self._ask_load)
        self.export_button.clicked.connect(self._ask_export)
        self.create_button.clicked.connect(self.create_vm)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.load_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.create_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------------ the prepare list
    def _build_prepare(self) -> QWidget:
        self.vm_list = VmPicker()
        self.vm_list.chosen.connect(lambda _name: self._show_readiness())
        self.readiness_list = QListWidget()
        self.readiness_list.setWordWrap(True)
        self.readiness_list.itemChanged.connect(lambda _item: self._update_buttons())
        self.fix_button = QPushButton(self.tr("&Fix the ticked items"))
        self.fix_button.clicked.connect(self.fix)
        self.reread_button = QPushButton(self.tr("Read a&gain"))
        self.reread_button.clicked.connect(self.reread)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reread_button)
        buttons.addStretch(1)
        buttons.addWidget(self.fix_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.vm_list, 2)
        layout.addWidget(QLabel(self.tr("What blocks nesting; tick each fix you agree to:")))
        layout.addWidget(self.readiness_list, 3)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------------ opening the page
    def initializePage(self) -> None:
        self.setSubTitle(
            self.tr(
                "Create a VM that can run Hyper-V, or prepare one you have. Next creates the VM "
                "from the plan, or applies the fixes you ticked, before it moves on."
            )
        )
        if not self.loaded:
            self.start(self._load_host())
        elif not self.created:
            self.start(self._refresh())

    async def _refresh(self) -> None:
        """Back on the page: keep the user's settings, but read the VMs again and check the plan anew."""
        await self._reread()
        await self._check()

    async def _load_host(self) -> None:
        runner = self.session.require_runner()
        self.banner.say(self.tr("Reading the host's switches, ISO files and VMs…"))
        choices = await host_choices(runner)
        self.switches = list(choices.switches)
        isos = list(choices.isos)
        self.infos = await read_vms(runner)
        facts = self.session.facts
        defaults = defaults_for(facts, self.switches, isos, choices.free_name())
        known = {*(HostSizes.from_facts(facts) or HostSizes()).versions, defaults.version}
        self.versions = sorted(known - {""}, key=version_key, reverse=True)
        self._fill_vms()
        self._fill_form(defaults, isos)
        self.loaded = True
        self.banner.say("")
        self._timer.stop()  # checked right here instead
        await self._check()

    def _fill_form(self, o: OuterVmOptions, isos: list[str] | None = None) -> None:
        self._filling = True
        try:
            self.name.setText(o.name)
            self.location.setText(o.location)
            self.processors.setValue(o.processors)
            self.memory.setValue(max(1, o.memory_bytes // GB))
            (self.new_disk if o.new_disk else self.existing_disk).setChecked(True)
            self.vhd_path.setText(o.vhd_path)
            self.vhd_size.setValue(max(1, o.vhd_size_bytes // GB))
            if isos is not None:
                self.iso.clear()
                self.iso.addItem(self.tr("(none)"), "")
                for iso in isos:
                    self.iso.addItem(iso, iso)
            self._set_combo_text(self.iso, o.iso_path)
            self.switch.clear()
            self.switch.addItem(self.tr("(not connected)"), "")
            for name in self.switches:
                self.switch.addItem(name, name)
            self._set_combo(self.switch, o.switch_name)
            guest = "linux" if o.secure_boot_template != "MicrosoftWindows" else ("windows11" if o.tpm else "windows")
            self._set_combo(self.guest, guest)
            self._set_combo(self.networking, o.networking)
            self.version.clear()
            self.version.addItem(self.tr("(host default)"), "")
            for version in self.versions:
                self.version.addItem(version, version)
            self._set_combo(self.version, o.version)
            self._set_combo(self.checkpoints, o.checkpoint_type)
            self.automatic.setChecked(o.automatic_checkpoints)
        finally:
            self._filling = False
        self._changed()

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index < 0:
            combo.addItem(value, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    @staticmethod
    def _set_combo_text(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(value)

    def read_form(self) -> OuterVmOptions:
        guest = next(g for g in GUESTS if g[0] == self.guest.currentData()) if self.guest.currentData() else GUESTS[1]
        iso_index = self.iso.findText(self.iso.currentText())
        iso = str(self.iso.itemData(iso_index)) if iso_index >= 0 else self.iso.currentText().strip()
        return replace(
            self.options,
            name=self.name.text(),
            location=self.location.text().strip(),
            processors=self.processors.value(),
            memory_bytes=self.memory.value() * GB,
            new_disk=self.new_disk.isChecked(),
            vhd_path=self.vhd_path.text().strip(),
            vhd_size_bytes=self.vhd_size.value() * GB,
            iso_path=iso,
            switch_name=str(self.switch.currentData() or ""),
            secure_boot_template=guest[1],
            tpm=guest[2],
            networking=str(self.networking.currentData() or "mac-spoofing"),
            version=str(self.version.currentData() or ""),
            checkpoint_type=str(self.checkpoints.currentData() or "Production"),
            automatic_checkpoints=self.automatic.isChecked(),
        )

    # ------------------------------------------------------------------ checks and preview
    def _changed(self, *_args: Any) -> None:
        if self._filling:
            return
        self.options = self.read_form()
        self.vhd_size.setEnabled(self.options.new_disk)
        self.problems = check_options(self.options)
        self.checked_for = None
        self._show_problems()
        self._show_plan()
        self._timer.start()
        self._update_buttons()

    def check_now(self) -> None:
        if self.session.runner is None or self.created:
            return
        if self.check_task is not None and not self.check_task.done():
            self.check_task.cancel()
        self.check_task = self.start(self._check())

    async def _check(self) -> None:
        options = self.options
        problems = await validate(self.session.require_runner(), options, self.session.facts)
        if options == self.options:
            self.problems = problems
            self.checked_for = options
            self._show_problems()

    def _show_problems(self) -> None:
        by_field: dict[str, list[Problem]] = {}
        for problem in self.problems:
            by_field.setdefault(problem.field, []).append(problem)
        for key, label in self.messages.items():
            found = by_field.get(key, [])
            label.setText("\n".join(("⚠ " if not p.blocking else "✗ ") + p.message for p in found))
            label.setStyleSheet("color: #b00020;" if any(p.blocking for p in found) else "color: #8a5a00;")
            label.setVisible(bool(found))
        self.completeChanged.emit()
        self._update_buttons()

    def _show_plan(self) -> None:
        lines: list[str] = []
        for number, step in enumerate(plan(self.options), 1):
            if lines:
                lines.append("")
            lines.append(f"# {number}. {step.description}")
            lines.append(render(step.command))
        self.preview.setPlainText("\n".join(lines))

    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    def _update_buttons(self) -> None:
        idle = not self.busy
        ready = idle and self.checked_for == self.options and not self.blocking()
        self.create_button.setEnabled(ready and not self.created)
        self.export_button.setEnabled(not self.blocking())
        self.remove_button.setVisible(bool(self.failed and self.left_on_host()))
        self.remove_button.setEnabled(idle)
        for widget in (self.save_button, self.load_button):
            widget.setEnabled(idle and not self.created)
        ticked = [self.readiness_list.item(i) for i in range(self.readiness_list.count())]
        self.fix_button.setEnabled(idle and any(i.checkState() == Qt.CheckState.Checked for i in ticked))
        self.reread_button.setEnabled(idle)
        self._update_next_label()
        self.completeChanged.emit()

    def _update_next_label(self) -> None:
        """Next says what it will do: create the VM, apply the ticked fixes, or only move on."""
        wizard = self.wizard()
        if self.prepare_mode.isChecked():
            readiness = self.readiness()
            if readiness is not None and self.ticked_fixes(readiness):
                self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Apply fixes >"))
                return
        elif not self.created:
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Create >"))
            return
        if wizard is not None:  # the wizard's own text, in the language Qt's translations give it
            self.setButtonText(QWizard.WizardButton.NextButton, wizard.buttonText(QWizard.WizardButton.NextButton))

    # ------------------------------------------------------------------ create
    def create_vm(self) -> None:
        self.start(self._create())

    async def _create(self) -> None:
        runner = self.session.require_runner()
        options = self.options
        self.problems = await validate(runner, options, self.session.facts)
        self.checked_for = options
        self._show_problems()
        if self.blocking():
            self.banner.say(self.tr("Nothing was created: fix the marked settings first."), "error")
            return
        self.session.update_plan(outer=OuterPlan("new", options))
        self.failure.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.show()
        try:
            await self.run_steps("outer_vm", on_event=self._step_event)
        except NestWizError as exc:
            self.failed = exc.message
            self.failure.setText(self.failure_text(exc.message))
            self.failure.setStyleSheet("color: #b00020;")
            self.failure.show()
            self.banner.say(self.tr("Creating the VM failed halfway; see what is left on the host."), "error")
            self._recheck_soon()
            return
        self.failed = None
        self.created = True
        self.progress.setValue(self.progress.maximum())
        self.banner.say(self.tr("The VM '%1' was created; it is ready for nesting.").replace("%1", options.name))
        form = self.stack.widget(0)
        assert form is not None
        for widget in form.findChildren(QLineEdit) + form.findChildren(QSpinBox) + form.findChildren(QComboBox):
            widget.setEnabled(False)

    def left_on_host(self) -> list[str]:
        """What the outer-VM step created, by the journal (which records each creation before it is made)."""
        journal = self.session.journal
        return [c.describe() for c in journal.created_by("outer_vm")] if journal is not None else []

    def failure_text(self, message: str) -> str:
        left = self.left_on_host()
        lines = [self.tr("Creating the VM stopped: %1").replace("%1", message)]
        lines.append(
            self.tr("This run created, and the host may still have: %1.").replace("%1", "; ".join(left))
            if left
            else self.tr("Nothing this run created is left on the host.")
        )
        return "\n".join(lines)

    def _recheck_soon(self) -> None:
        """The host changed: the last check no longer holds."""
        self.checked_for = None
        self._timer.start()
        self._update_buttons()

    def _step_event(self, event: Event) -> None:
        if event.kind != "fraction":
            return
        index, total = event.value
        self.progress.setRange(0, total)
        self.progress.setValue(index)
        if index < total:
            # setFormat expands %v, %m and %p: a path or name holding % must stay text
            self.progress.setFormat(f"{index + 1}/{total}: {event.text}".replace("%", "%%"))
        else:
            self.progress.setFormat(self.tr("Done"))

    def remove(self) -> None:
        self.start(self._remove())

    async def _remove(self) -> None:
        before = self.left_on_host()
        if not before:
            return
        left = await self.session.engine().undo(["outer_vm"])
        removed = [item for item in before if item not in self.left_on_host()]
        lines = [self.tr("Removed: %1.").replace("%1", "; ".join(removed))] if removed else []
        lines += [self.tr("Left in place: %1.").replace("%1", why) for why in left]
        self.failure.setText("\n".join(lines))
        self.banner.say(
            self.tr("Everything this run created was removed; nothing else was touched.")
            if not left
            else self.tr("Some items could not be removed; see why above."),
            "info" if not left else "error",
        )
        self._recheck_soon()

    # ------------------------------------------------------------------ plan files and the script
    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save plan"), f"{self.options.name}.toml", self.tr("NestWiz plans (*.toml)")
        )
        if path:
            self.save_plan(Path(path))

    def _ask_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load plan"), "", self.tr("NestWiz plans (*.toml)"))
        if path:
            self.load_plan(Path(path))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export script"), f"{self.options.name}.ps1", self.tr("PowerShell scripts (*.ps1)")
        )
        if path:
            self.export_script(Path(path))

    def save_plan(self, path: Path) -> None:
        """A whole lab plan: its outer VM from this form, the rest as the later pages start."""
        try:
            save(path, LabPlan(outer=OuterPlan("new", self.options)))
        except NestWizError as exc:
            self.banner.say(exc.message, "error")
            return
        self.banner.say(self.tr("Plan saved to %1.").replace("%1", str(path)))

    def load_plan(self, path: Path) -> None:
        try:
            lab = load(path)
        except NestWizError as exc:
            self.banner.say(exc.message, "error")
            return
        self.create_mode.setChecked(True)
        self._fill_form(lab.outer.options)
        self.banner.say(self.tr("Plan loaded from %1; checking it against this host…").replace("%1", str(path)))

    def export_script(self, path: Path) -> None:
        """The whole lab as one script, its outer VM as this form plans it (the export every page and the CLI use)."""
        from core.lab.export import write  # on use: most runs export no script

        try:
            write(path, replace(self.session.lab_plan(), outer=OuterPlan("new", self.options)))
        except OSError as exc:
            self.banner.say(self.tr("Could not write the script: %1").replace("%1", str(exc)), "error")
            return
        self.banner.say(self.tr("Script written to %1.").replace("%1", str(path)))

    # ------------------------------------------------------------------ prepare an existing VM
    def _mode_changed(self) -> None:
        self.stack.setCurrentIndex(0 if self.create_mode.isChecked() else 1)
        self._show_readiness()
        self._update_next_label()
        self.completeChanged.emit()

    def _fill_vms(self) -> None:
        self.vm_list.fill(self.infos, self.session.outer_vm_name)
        self.prepare_mode.setEnabled(bool(self.infos))

    def selected_vm(self) -> VmInfo | None:
        return self.vm_list.selected()

    def readiness(self) -> Readiness | None:
        info = self.selected_vm()
        if info is None:
            return None
        facts = self.session.facts
        return assess(
            info,
            cpu_vendor=self.session.cpu_vendor(),
            mac_spoofing=self.networking.currentData() != "nat",
            host_default_version=(facts.default_version if facts else None) or None,
        )

    def _show_readiness(self) -> None:
        self.readiness_list.clear()
        readiness = self.readiness()
        if readiness is not None:
            marks = {Severity.BLOCKER: "✗", Severity.ADVICE: "•", Severity.INFO: "i"}
            for entry in readiness.items:
                text = f"{marks[entry.severity]} {entry.message}"
                if entry.fix:
                    text += "\n   " + self.tr("Fix: %1").replace("%1", entry.fix_label)
                if entry.caution:
                    text += "\n   " + entry.caution
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.key)
                if entry.fix:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                self.readiness_list.addItem(item)
            if not readiness.items:
                self.readiness_list.addItem(self.tr("✓ Nothing blocks nesting in this VM."))
        self._update_buttons()

    def tick(self, key: str, on: bool = True) -> None:
        for i in range(self.readiness_list.count()):
            item = self.readiness_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def fix(self) -> None:
        readiness = self.readiness()
        if readiness is None:
            return
        self.start(self._fix(readiness.vm.name, self.ticked_fixes(readiness)))

    def ticked_fixes(self, readiness: Readiness) -> list[Any]:
        keys = [
            self.readiness_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.readiness_list.count())
            if self.readiness_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return [command for entry in readiness.items if entry.key in keys for command in entry.fix]

    async def _fix(self, name: str, fixes: list[Any]) -> None:
        runner = self.session.require_runner()
        for command in fixes:
            self.banner.say(self.tr("Running %1").replace("%1", render(command)))
            await runner.run(command)
        self.banner.say(self.tr("Done. Reading '%1' again…").replace("%1", name))
        await self._reread()
        self.banner.say("")

    def reread(self) -> None:
        self.start(self._reread())

    async def _reread(self) -> None:
        self.infos = await read_vms(self.session.require_runner())
        self._fill_vms()
        self._show_readiness()

    # ------------------------------------------------------------------ Next
    def blocker(self) -> str | None:
        if self.prepare_mode.isChecked():
            readiness = self.readiness()
            if readiness is None:
                return self.tr("Choose the VM to prepare.")
            if not readiness.ready and not self.ticked_fixes(readiness):
                return self.tr(
                    "Something still blocks nesting in '%1': tick the fixes you agree to (Next applies "
                    "them), or choose another VM."
                ).replace("%1", readiness.vm.name)
            return None
        if self.created:
            return None
        if self.blocking():
            return self.blocking()[0].message
        if self.checked_for != self.options:
            return self.tr("Checking the plan against the host…")
        return None

    def cleanupPage(self) -> None:
        self._timer.stop()
        super().cleanupPage()

    def next_action(self) -> Coroutine[Any, Any, bool] | None:
        """Create mode: Next creates the planned VM, once. Prepare mode: Next applies the ticked fixes, if any."""
        self._timer.stop()
        if self.prepare_mode.isChecked():
            readiness = self.readiness()
            if readiness is None:
                return None
            fixes = self.ticked_fixes(readiness)
            if fixes:
                return self._fix_then_go(readiness.vm.name, fixes)
            self._choose(readiness.vm.name)
            return None
        if self.created:
            return None
        return self._create_then_go()

    def _choose(self, name: str) -> None:
        self.session.choose_outer_vm(name)

    async def _create_then_go(self) -> bool:
        await self._create()
        return self.created

    async def _fix_then_go(self, name: str, fixes: list[Any]) -> bool:
        await self._fix(name, fixes)
        readiness = self.readiness()
        if readiness is None or readiness.vm.name != name or not readiness.ready:
            self.banner.say(
                self.tr("The ticked fixes ran, but something still blocks nesting in '%1'; see the list.").replace(
                    "%1", name
                ),
                "error",
            )
            return False
        self._choose(name)
        return True
