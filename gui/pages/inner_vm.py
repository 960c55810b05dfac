"""Inner VM: the network choice explained, the inner VM's name, memory and ISO; Create makes them on the next page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWizard,
)

from core.errors import NestWizError
from core.provision.inner import (
    GB,
    InnerVmPlan,
    check_memory,
    default_memory,
    gigabytes,
    inner_choices,
    memory_limit,
    validate_name,
)
from core.provision.network import (
    BRIDGE,
    DEFAULT_BRIDGE_SWITCH,
    DEFAULT_NAT_SWITCH,
    DEFAULT_PREFIX,
    NAT,
    NetworkFacts,
    NetworkPlan,
    explain,
    validate_prefix,
)
from core.session import Session
from gui.pages.base import AsyncPage

NO_ISO = ""


class InnerVmPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("The inner VM and its network"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Create >"))
        self.outer_startup: int | None = None
        self.outer_dynamic = False
        self.facts: NetworkFacts | None = None

        self.nat = QRadioButton(self.tr("&NAT inside the outer VM (works everywhere, static addresses)"))
        self.bridge = QRadioButton(self.tr("&Bridged to the outer VM's network (needs MAC address spoofing)"))
        self.nat.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.nat)
        modes.addButton(self.bridge)
        self.switch_name = QLineEdit(DEFAULT_NAT_SWITCH)
        self.prefix = QLineEdit(DEFAULT_PREFIX)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("details")
        self.network_note = QLabel()
        self.network_note.setWordWrap(True)
        net_form = QFormLayout()
        net_form.addRow(self.tr("S&witch name:"), self.switch_name)
        net_form.addRow(self.tr("NAT &prefix:"), self.prefix)
        network = QGroupBox(self.tr("Network for the inner VMs"))
        net_layout = QVBoxLayout(network)
        net_layout.addWidget(self.nat)
        net_layout.addWidget(self.bridge)
        net_layout.addLayout(net_form)
        net_layout.addWidget(self.explanation)
        net_layout.addWidget(self.network_note)

        self.name = QLineEdit("NestWiz-Inner")
        self.memory = QDoubleSpinBox()
        self.memory.setDecimals(1)
        self.memory.setSingleStep(0.5)
        self.memory.setRange(0.5, 1024)
        self.memory.setSuffix(self.tr(" GB"))
        self.memory.setValue(2)
        self.iso = QComboBox()
        self.iso.setEditable(True)
        self.memory_note = QLabel()
        self.memory_note.setWordWrap(True)
        vm_form = QFormLayout()
        vm_form.addRow(self.tr("Inner VM &name:"), self.name)
        vm_form.addRow(self.tr("&Memory:"), self.memory)
        vm_form.addRow("", self.memory_note)
        vm_form.addRow(self.tr("Installation &ISO (on the host):"), self.iso)
        inner = QGroupBox(self.tr("The inner VM"))
        inner.setLayout(vm_form)

        for widget in (self.switch_name, self.prefix, self.name):
            widget.textChanged.connect(self._changed)
        self.memory.valueChanged.connect(self._changed)
        self.nat.toggled.connect(self._mode_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(network)
        layout.addWidget(inner)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        self._mode_changed()

    # ------------------------------------------------------------------ the choices as plans
    def network_plan(self) -> NetworkPlan:
        return NetworkPlan(
            NAT if self.nat.isChecked() else BRIDGE,
            self.switch_name.text().strip(),
            self.prefix.text().strip() or DEFAULT_PREFIX,
        )

    def inner_plan(self) -> InnerVmPlan:
        memory = round(self.memory.value() * 1024) * 1024 * 1024
        return InnerVmPlan(self.name.text().strip(), memory, self.iso.currentText().strip())

    def _mode_changed(self) -> None:
        nat = self.nat.isChecked()
        self.prefix.setEnabled(nat)
        current = self.switch_name.text().strip()
        if current in ("", DEFAULT_NAT_SWITCH, DEFAULT_BRIDGE_SWITCH):
            self.switch_name.setText(DEFAULT_NAT_SWITCH if nat else DEFAULT_BRIDGE_SWITCH)
        self._changed()

    def _changed(self) -> None:
        plan: NetworkPlan | None = None
        try:
            plan = self.network_plan()
        except ValueError:
            self.explanation.setText(self.tr("Use plain ASCII letters, digits and punctuation in network settings."))
        problem = validate_prefix(plan.prefix) if plan is not None and plan.mode == NAT else None
        if problem:  # a prefix that is not one cannot be explained: say what is wrong with it instead
            self.explanation.setText(problem)
            plan = None
        elif plan is not None:
            self.explanation.setText(explain(plan))
        notes = []
        if plan is not None and self.facts is not None:
            warning = self.facts.nat_warning(plan)
            if warning:
                notes.append(warning)
            if plan.mode == BRIDGE and self.facts.spoofing_off:
                notes.append(
                    self.tr("MAC address spoofing is off on %1's adapters; Create turns it on at the host.").replace(
                        "%1", self.session.outer_vm_name or ""
                    )
                )
        self.network_note.setText("\n".join(notes))
        self.network_note.setVisible(bool(notes))
        self.completeChanged.emit()

    # ------------------------------------------------------------------ page life
    def initializePage(self) -> None:
        self.setSubTitle(
            self.tr(
                "Choose how the inner VMs reach the network, and the first inner VM. Nothing changes "
                "until you press Create."
            )
        )
        self.start(self._inspect())

    async def _inspect(self) -> None:
        session = self.session
        name = session.outer_vm_name
        if name is None or session.credential is None:
            raise NestWizError(self.tr("Go back to the guest page: the guest's credentials are needed."))
        self.banner.say(self.tr("Reading the outer VM's memory, its network and the host's ISO files…"))
        choices = await inner_choices(session.require_runner(), session.engine().ctx.guest(), name)
        self.outer_startup, self.outer_dynamic, self.facts = choices.startup, choices.dynamic, choices.network
        self.iso.clear()
        self.iso.addItems([*choices.isos, NO_ISO])
        plan = session.lab_plan()
        journal = session.require_journal()
        (self.nat if plan.network.mode == NAT else self.bridge).setChecked(True)
        self.switch_name.setText(plan.network.switch_name)
        self.prefix.setText(plan.network.prefix)
        self.name.setText(plan.inner.name)
        edited = "inner_vm" in journal.steps or session.resuming  # a plan an earlier run or the user made
        if edited:
            self.iso.setCurrentText(plan.inner.iso_path)
        self.memory.setValue((plan.inner.memory if edited else default_memory(self.outer_startup)) / GB)
        self.memory_note.setText(
            self.tr("%1 has %2 of static memory; an inner VM can have up to %3.")
            .replace("%1", name)
            .replace("%2", gigabytes(self.outer_startup))
            .replace("%3", gigabytes(memory_limit(self.outer_startup)))
        )
        self.banner.say("")
        self._changed()

    def blocker(self) -> str | None:
        if self.outer_startup is None or self.facts is None:
            return self.tr("The outer VM has not been read yet.")
        problem = validate_name(self.name.text())
        if problem:
            return problem
        try:
            plan = self.network_plan()
        except ValueError:
            return self.tr("Use plain ASCII letters, digits and punctuation in network settings.")
        if not plan.switch_name:
            return self.tr("Name the switch for the inner VMs.")
        if plan.mode == NAT:
            problem = validate_prefix(plan.prefix)
            if problem:
                return problem
            warning = self.facts.prefix_conflict(plan) or self.facts.nat_warning(plan)
            if warning:
                return warning
        problem = check_memory(
            self.inner_plan().memory, self.session.outer_vm_name or "", self.outer_startup, self.outer_dynamic
        )
        return problem

    def validatePage(self) -> bool:
        self.session.update_plan(network=self.network_plan(), inner=self.inner_plan())
        return True
