"""Target: this computer, a remote Hyper-V host, or the simulated host with a profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QComboBox, QFormLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from core.session import Session, Target, hyperv_possible_here
from core.sim import load_profile, profile_names
from core.targets import identify
from gui.i18n import current_language
from gui.pages.base import AsyncPage
from gui.remote_form import RemoteForm

if TYPE_CHECKING:
    from core.runners.base import Runner
    from core.runners.remote import ConnectionSettings


def profile_text(name: str, key: str, default: str) -> str:
    """A profile's title or description in the interface's language (a [fr] table, say), else in English."""
    profile = load_profile(name)
    return str(profile.get(current_language(), {}).get(key, profile.get(key, default)))


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
        self.remote_box = RemoteForm()
        self.remote_box.changed.connect(self._remote_changed)
        self.remote_box.test.clicked.connect(self.test_connection)
        self.tested: tuple[object, Runner] | None = None  # the settings last tested, and their runner

        self.profile = QComboBox()
        for name in profile_names():
            self.profile.addItem(profile_text(name, "title", name), name)
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
        if index < 0 and target.profile.lower().endswith(".toml"):
            # A trainer's own profile file (nestwiz --demo PATH.toml): offered beside the shipped ones.
            self.profile.addItem(profile_text(target.profile, "title", target.profile), target.profile)
            index = self.profile.count() - 1
        self.profile.setCurrentIndex(max(0, index))
        button = {"local": self.local, "remote": self.remote}.get(target.kind, self.simulated)
        (button if button.isEnabled() else self.simulated).setChecked(True)
        if target.kind == "remote" and target.remote is not None and not self.remote_box.host.text():
            self.remote_box.fill(target.remote)
        self._update()

    def nextId(self) -> int:
        """Resuming a run on a remote host: once connected to that host again, on to the chain."""
        from gui.wizard import PageId

        resume = self.session.resume_remote
        if resume and self.remote.isChecked() and self.remote_box.host.text().strip().lower() == resume.lower():
            return int(PageId.GUEST)
        return super().nextId()

    def _update(self) -> None:
        self.sim_box.setEnabled(self.simulated.isChecked())
        self.remote_box.setVisible(self.remote.isChecked())
        self._remote_changed()
        name = self.profile.currentData()
        self.profile_help.setText(profile_text(name, "description", "") if name else "")
        self.completeChanged.emit()

    def _remote_changed(self) -> None:
        self.banner.say(self.blocker() or "" if self.remote.isChecked() else "", "info")
        self.completeChanged.emit()

    def test_connection(self) -> None:
        problem = self.remote_box.problem()
        if problem:
            self.banner.say(problem, "error")
            return
        self.banner.say(self.tr("Connecting to %1…").replace("%1", self.remote_box.host.text().strip()))
        self.start(self._connect(self.remote_box.settings()))

    async def _connect(self, settings: ConnectionSettings) -> Runner:
        # Imported on first use (see RemoteForm): most runs never connect to a remote host.
        from core.credentials import CredentialStoreUnavailable, remember
        from core.targets import remote_runner

        runner = self.session.own(remote_runner(settings))
        try:
            os_info = await identify(runner)
        except BaseException:
            await runner.close()
            raise
        if self.tested is not None and self.tested[1] is not self.session.runner:
            await self.tested[1].close()
        self.tested = (settings, runner)
        if self.remote_box.remember.isChecked() and settings.password:
            try:
                remember(settings.host, settings.user, settings.password)
            except CredentialStoreUnavailable as exc:
                self.banner.say(exc.message, "warning")
                return runner
        self.banner.say(
            self.tr("Connected to %1: %2 (build %3).")
            .replace("%1", settings.host)
            .replace("%2", str(os_info.get("Caption", "?")))
            .replace("%3", str(os_info.get("BuildNumber", "?"))),
            "success",
        )
        return runner

    def blocker(self) -> str | None:
        if self.remote.isChecked():
            problem = self.remote_box.problem()
            if problem:
                return problem
            if self.tested is None or self.tested[0] != self.remote_box.settings():
                return self.tr("Press Test connection to check that NestWiz can reach the host.")
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
            from core.targets import local_runner

            self.session.attach(local_runner(), Target("local"))
            return True
        if self.remote.isChecked() and self.tested is not None:
            settings, runner = self.tested
            self.session.attach(runner, Target("remote", remote=settings))
            return True
        return False
