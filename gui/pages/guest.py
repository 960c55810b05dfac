"""Guest OS: the outer VM started, its OS installed or found, and readiness shown stage by stage."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from core.commands import Credential
from core.errors import NestWizError
from core.lab.journal import Journal
from core.provision.guest import StageStatus, open_console, stages
from core.session import Session
from gui.pages.base import AsyncPage

if TYPE_CHECKING:
    from core.lab.engine import Event

log = logging.getLogger("nestwiz.gui.guest")


class StageList(QTreeWidget):
    """One row per readiness stage: what it waits for, its state, and how long it took (target seconds)."""

    def __init__(self) -> None:
        super().__init__()
        titles = {
            "running": self.tr("The virtual machine runs"),
            "heartbeat": self.tr("The guest OS has booted (heartbeat)"),
            "session": self.tr("PowerShell Direct accepts the guest's credentials"),
            "probe": self.tr("The guest answers a probe"),
        }
        self.words = {
            "waiting": self.tr("waiting"),
            "active": self.tr("in progress…"),
            "done": self.tr("done"),
            "failed": self.tr("failed"),
        }
        self.setHeaderLabels([self.tr("Stage"), self.tr("Status"), self.tr("Time")])
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 380)
        self.setColumnWidth(1, 160)
        self.rows: dict[str, QTreeWidgetItem] = {}
        for stage in stages():
            title = titles.get(stage.key, stage.title)
            self.rows[stage.key] = QTreeWidgetItem(self, [title, self.words["waiting"], ""])
        self.setMaximumHeight(130)

    def reset(self) -> None:
        for item in self.rows.values():
            item.setText(1, self.words["waiting"])
            item.setText(2, "")
            item.setToolTip(1, "")

    def update_stage(self, status: StageStatus) -> None:
        item = self.rows[status.key]
        item.setText(1, self.words[status.state])
        seconds = self.tr("%1 s").replace("%1", f"{status.seconds:.0f}")
        item.setText(2, seconds if status.state in ("done", "failed") else "")
        item.setToolTip(1, status.message)


def step_titles() -> dict[str, str]:
    """The lab's steps as people read them, translated (the engine's own titles)."""
    from core.lab.steps import chain

    return {step.id: step.title() for step in chain()}


# Continuing at one of these steps: the Guest page comes back first (the guest's credential is needed again).
GUEST_STEPS = ("guest_os", "guest_hyperv", "network", "inner_vm")


class ResumeOffer(QGroupBox):
    """On the Welcome page: an earlier run stopped before the end; continue it, or start over."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.setTitle(self.tr("Continue where you left off"))
        step = self.resume_step()
        outer = journal.vms.get("outer")
        text = self.tr("An earlier run stopped at: %1.").replace("%1", step_titles().get(step, step))
        if outer is not None:
            text += " " + self.tr("Outer VM: %1.").replace("%1", outer.name)
        text += " " + self.tr("NestWiz checks again what it finds before going on.")
        self.note = QLabel(text)
        self.note.setWordWrap(True)
        self.resume = QRadioButton(self.tr("&Continue where I left off"))
        self.fresh = QRadioButton(self.tr("Start &over"))
        self.resume.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.resume)
        layout.addWidget(self.fresh)

    def resume_step(self) -> str:
        from core.lab.steps import STEP_IDS

        return self.journal.first_unfinished(STEP_IDS) or "inner_vm"

    @classmethod
    def offer(cls) -> ResumeOffer | None:
        from core.lab.plan import PlanFileError, from_dict

        journal = Journal.load()
        if journal is None or not journal.resumable:
            return None
        try:
            from_dict(journal.plan)
        except PlanFileError:
            return None  # a plan this NestWiz cannot read: nothing to continue
        return cls(journal)

    def restore(self, session: Session) -> int | None:
        """Apply the choice to the session; the page to go to next when continuing, else None."""
        from core.lab.plan import from_dict
        from gui.wizard import PageId

        if not self.resume.isChecked():
            self.journal.discard()
            session.journal = None
            return None
        plan = from_dict(self.journal.plan)
        session.journal = self.journal
        session.plan = plan
        session.resuming = True
        target = plan.target
        step = self.resume_step()
        at_guest = step in GUEST_STEPS
        if session.runner is None and target.kind == "remote":
            # The Target page shows the connection filled in; with the password (or the credential store's) and
            # Test connection, its Next goes on with the chain.
            from core.runners.remote import ConnectionSettings
            from core.session import Target

            settings = ConnectionSettings(
                host=target.host,
                user=target.user,
                port=target.port or None,
                https=target.https,
                auth=target.auth,
                ca_file=target.ca_file or None,
                verify=target.verify,
                certificate_pem=target.certificate_pem or None,
                certificate_key_pem=target.certificate_key_pem or None,
            )
            session.target = Target("remote", remote=settings)
            session.resume_remote = settings.host if at_guest else None
            return int(PageId.TARGET)
        if session.runner is None and target.kind == "simulated":
            session.use_simulated(target.profile or session.target.profile)
        if session.runner is None and target.kind == "local":
            from core.session import Target
            from core.targets import local_runner

            session.attach(local_runner(), Target("local"))
        if session.runner is None or not at_guest:
            return int(PageId.TARGET)
        return int(PageId.GUEST)


class GuestPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("The guest operating system"))
        self.ready: str | None = None  # the engine's sentence once the guest answers
        self.vm_label = QLabel()
        self.user = QLineEdit("Administrator")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field in (self.user, self.password):
            field.textChanged.connect(self._typed)
        self.sim_note = QLabel(self.tr("On the simulated host, the guest's password is filled in for you."))
        self.sim_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Outer VM:"), self.vm_label)
        form.addRow(self.tr("Guest &user:"), self.user)
        form.addRow(self.tr("Guest &password:"), self.password)
        form.addRow("", self.sim_note)

        self.installed = QRadioButton(self.tr("The guest OS is &already installed"))
        self.install = QRadioButton(self.tr("&Install it now from the VM's ISO (in the VM's console)"))
        self.installed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.installed)
        group.addButton(self.install)
        self.install.toggled.connect(self._mode_changed)
        self.guide = QLabel(
            self.tr(
                "Install the guest operating system in the console window:\n"
                "1. When the VM starts from the ISO, press a key to boot from the DVD.\n"
                "2. Install Windows (Windows Server 2016 or later, or Windows 10/11 Pro or Enterprise).\n"
                "3. Set the Administrator password, and sign in once so the account's profile exists.\n"
                "4. Meanwhile NestWiz waits for each stage below; Next moves on once the guest answers."
            )
        )
        self.guide.setWordWrap(True)
        self.guide.hide()

        self.stages = StageList()
        self.check_button = QPushButton(self.tr("&Start and check"))
        self.check_button.clicked.connect(self.check)
        self.console_button = QPushButton(self.tr("Open the &console"))
        self.console_button.clicked.connect(lambda: self.start(self._console()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.console_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.installed)
        layout.addWidget(self.install)
        layout.addWidget(self.guide)
        layout.addWidget(self.stages)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.banner)

    # ------------------------------------------------------------------ page life
    def initializePage(self) -> None:
        self.setSubTitle(
            self.tr(
                "NestWiz starts the outer VM if it is off and waits for its operating system, "
                "stage by stage, each with its own time limit. Next installs Hyper-V inside it."
            )
        )
        self.sim_note.setVisible(self.session.target.kind == "simulated")
        self.console_button.setVisible(self.session.target.kind == "local")
        self.user.setText(self.session.lab_plan().guest.user)
        self.ready = None
        self.stages.reset()
        self.start(self._prepare())

    def created_here(self) -> bool:
        """The outer VM is the one this lab created: it has no OS yet, so installing it is the default."""
        name = self.session.outer_vm_name
        return name is not None and name == self.session.created_vm

    def _mode_changed(self) -> None:
        self.guide.setVisible(self.install.isChecked())

    def _typed(self) -> None:
        self.ready = None  # another account: the guest must answer to it again
        self.completeChanged.emit()

    def credential(self) -> Credential:
        return Credential(self.user.text().strip(), self.password.text(), variable="GuestCredential")

    def blocker(self) -> str | None:
        if not self.user.text().strip() or not self.password.text():
            return self.tr("Type the user name and password of an administrator of the guest OS.")
        if self.ready is None and not self.install.isChecked():
            return self.tr("The guest OS has not answered yet: press Start and check.")
        return None

    def next_action(self) -> Coroutine[Any, Any, bool] | None:
        """Installing: Next starts the VM, installs its OS (simulated, or by the user in its console) and waits."""
        if self.ready is not None or not self.install.isChecked():
            return None
        return self._install_then_go()

    async def _install_then_go(self) -> bool:
        self.stages.reset()
        await self._check()
        return self.ready is not None

    # ------------------------------------------------------------------ work
    async def _prepare(self) -> None:
        name = self.session.outer_vm_name
        if name is None:
            raise NestWizError(self.tr("No outer VM is chosen yet: go back to the Outer VM page."))
        self.vm_label.setText(name)
        simulated = self.session.target.kind == "simulated"
        if not self.password.text():
            self.password.setText(self.session.simulated_guest_password(name) or "")
        journal = self.session.journal
        answered = (
            journal is not None and journal.steps.get("guest_os") is not None and journal.steps["guest_os"].ok
        )  # an earlier run saw this guest answer: its OS is there
        if self.created_here() and self.session.lab_plan().guest.install and not answered:
            self.install.setChecked(True)
            self.banner.say(
                self.tr(
                    "Next starts %1 and installs its OS from the ISO (simulated), with the account "
                    "above; then it waits for the guest."
                ).replace("%1", name)
                if simulated
                else self.tr(
                    "Next starts %1 and opens its console: install the OS there with the account "
                    "above, and NestWiz waits for the guest."
                ).replace("%1", name)
            )
            return
        self.installed.setChecked(True)
        if self.password.text():
            await self._check()
        else:
            self.banner.say(self.tr("Type the guest's password, then press Start and check."))

    def check(self) -> None:
        self.ready = None
        self.stages.reset()
        self.start(self._check())

    def _event(self, event: Event) -> None:
        if event.kind == "stage":
            self.stages.update_stage(event.value)
        elif event.kind == "say":
            self.banner.say(event.text)

    async def _check(self) -> None:
        from core.lab.plan import GuestPlan

        session = self.session
        credential = self.credential()
        session.credential = credential
        session.update_plan(guest=GuestPlan(credential.user, self.install.isChecked()))
        # The outer VM is checked by its Id, and its nesting settings read back, before its guest is waited for.
        report = await self.run_steps("outer_vm", "nesting", "guest_os", on_event=self._event)
        self.ready = report.steps[-1].message
        self.installed.setChecked(True)  # its OS answers now: coming Back, the page must not offer to install it
        self.banner.say(self.ready, "success")
        if session.resuming:
            await self._recheck_later_steps()

    async def _console(self) -> None:
        await open_console(self.session.require_runner(), self.session.outer_vm_name or "")

    async def _recheck_later_steps(self) -> None:
        """Continuing an earlier run: the first later step whose check no longer holds is where to go on."""
        engine = self.session.engine()
        skip = "done"
        for step in ("guest_hyperv", "network", "inner_vm"):
            if await engine.check(step) is None:
                skip = step
                break
        self.session.skip_to = skip
        self.session.resuming = False

    def nextId(self) -> int:
        from gui.wizard import PageId

        skip = self.session.skip_to
        if skip in ("network", "inner_vm"):
            return int(PageId.INNER_VM)
        if skip == "done":
            return int(PageId.SUMMARY)
        return super().nextId()
