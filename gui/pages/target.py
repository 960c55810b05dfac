"""Target: this computer, a remote Hyper-V host, or the simulated host with a profile."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QFormLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from core.session import Session, hyperv_possible_here
from core.sim.host import load_profile, profile_names
from gui.pages.base import AsyncPage


class TargetPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Where should NestWiz work?"))
        self.setSubTitle(self.tr("Choose the Hyper-V host that will run the outer virtual machine."))

        self.local = QRadioButton(self.tr("&This computer"))
        self.remote = QRadioButton(self.tr("A &remote Hyper-V host (WinRM)"))
        self.simulated = QRadioButton(self.tr("The &simulated host (demo and training)"))
        self.group = QButtonGroup(self)
        for button in (self.local, self.remote, self.simulated):
            self.group.addButton(button)
            button.toggled.connect(self._update)
        if not hyperv_possible_here():
            self.local.setEnabled(False)
            self.local.setToolTip(self.tr("Hyper-V needs Windows; this computer runs another system."))
        self.remote_box = QWidget()
        self.remote.setEnabled(False)
        self.remote.setToolTip(self.tr("Remote hosts need the WinRM runner, which this build does not include."))

        self.profile = QComboBox()
        for name in profile_names():
            self.profile.addItem(load_profile(name).get("title", name), name)
        self.profile.currentIndexChanged.connect(self._update)
        self.profile_help = QLabel()
        self.profile_help.setWordWrap(True)
        sim_form = QFormLayout()
        sim_form.addRow(self.tr("&Profile:"), self.profile)
        sim_form.addRow("", self.profile_help)
        self.sim_box = QWidget()
        self.sim_box.setLayout(sim_form)

        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.remote)
        layout.addWidget(self.remote_box)
        layout.addWidget(self.simulated)
        layout.addWidget(self.sim_box)
        layout.addStretch(1)
        layout.addWidget(self.banner)

    def initializePage(self) -> None:
        target = self.session.target
        index = self.profile.findData(target.profile)
        self.profile.setCurrentIndex(max(0, index))
        button = {"local": self.local, "remote": self.remote}.get(target.kind, self.simulated)
        (button if button.isEnabled() else self.simulated).setChecked(True)
        self._update()

    def _update(self) -> None:
        self.sim_box.setEnabled(self.simulated.isChecked())
        self.remote_box.setVisible(self.remote.isChecked())
        name = self.profile.currentData()
        self.profile_help.setText(load_profile(name).get("description", "") if name else "")
        self.completeChanged.emit()

    def blocker(self) -> str | None:
        if self.simulated.isChecked() and self.profile.currentData() is None:
            return self.tr("Choose a profile for the simulated host.")
        if not self.group.checkedButton():
            return self.tr("Choose where NestWiz should work.")
        return None

    def validatePage(self) -> bool:
        if self.simulated.isChecked():
            self.session.use_simulated(self.profile.currentData())
            return True
        if self.local.isChecked():
            from core.runners.local import LocalRunner

            from core.session import Target

            self.session.attach(LocalRunner(), Target("local"))
            return True
        return False
