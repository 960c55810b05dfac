"""Guest OS: the outer VM started, its OS installed or found, and readiness shown stage by stage."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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

from core.commands import Command, Credential, Runnable
from core.errors import NestWizError
from core.journal import CHAIN_STEPS, Journal, command_text
from core.provision.guest import (
    GuestReady,
    StageStatus,
    ensure_nesting,
    find_outer_vm,
    open_console,
    stages,
    wait_until_ready,
)
from core.session import Session
from gui.pages.base import AsyncPage

log = logging.getLogger("nestwiz.gui.guest")
INSTALL_HEARTBEAT_SECONDS = 4 * 3600.0  # a person installing Windows in the console: hours, not minutes
SIMULATED_PASSWORD = "NestWiz-Guest1!"  # the demo's administrator password for an OS it installs (simulated)


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
        self.words = {"waiting": self.tr("waiting"), "active": self.tr("in progress…"), "done": self.tr("done"),
                      "failed": self.tr("failed")}
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
    """The journal's step names as people read them, translated."""
    return {
        "target": QCoreApplication.translate("StepTitles", "Target chosen"),
        "host": QCoreApplication.translate("StepTitles", "Host diagnosed"),
        "outer_vm": QCoreApplication.translate("StepTitles", "Outer VM prepared"),
        "enable": QCoreApplication.translate("StepTitles", "Nesting enabled"),
        "guest": QCoreApplication.translate("StepTitles", "Guest OS ready"),
        "guest_hyperv": QCoreApplication.translate("StepTitles", "Hyper-V inside the outer VM"),
        "inner_vm": QCoreApplication.translate("StepTitles", "Inner VM and its network"),
    }


class ResumeOffer(QGroupBox):
    """On the Welcome page: an earlier run stopped before the end; continue it, or start over."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.setTitle(self.tr("Continue where you left off"))
        step = journal.resume_step() or "guest"
        outer = journal.plan.get("outer_vm")
        text = self.tr("An earlier run stopped at: %1.").replace("%1", step_titles().get(step, step))
        if outer:
            text += " " + self.tr("Outer VM: %1.").replace("%1", str(outer))
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

    @classmethod
    def offer(cls) -> ResumeOffer | None:
        journal = Journal.load()
        return cls(journal) if journal is not None and journal.resumable else None

    def restore(self, session: Session) -> int | None:
        """Apply the choice to the session; the page to go to next when continuing, else None."""
        from gui.wizard import PageId

        if not self.resume.isChecked():
            self.journal.discard()
            session.chain.journal = None
            return None
        plan = self.journal.plan
        session.chain.journal = self.journal
        session.chain.resuming = True
        session.outer_vm_name = plan.get("outer_vm") or session.outer_vm_name
        target = plan.get("target") or {}
        step = self.journal.resume_step() or "guest"
        if session.runner is None and target.get("kind") == "remote" and isinstance(target.get("remote"), dict):
            # The Target page shows the connection filled in; with the password (or the credential store's) and
            # Test connection, its Next goes on with the chain.
            from core.runners.remote import ConnectionSettings
            from core.session import Target

            settings = ConnectionSettings(**{k: v for k, v in target["remote"].items() if k in REMOTE_FIELDS})
            session.target = Target("remote", remote=settings)
            session.chain.resume_remote = settings.host if step in CHAIN_STEPS else None
            return int(PageId.TARGET)
        if session.runner is None and target.get("kind") == "simulated":
            session.use_simulated(str(target.get("profile") or session.target.profile))
        if session.runner is None and target.get("kind") == "local":
            from core.runners.local import LocalRunner
            from core.session import Target

            session.attach(LocalRunner(), Target("local"))
        if session.runner is None or step not in CHAIN_STEPS:
            return int(PageId.TARGET)
        return int(PageId.GUEST)


# Where and how a remote host was reached, for a resumed run; never the password.
REMOTE_FIELDS = ("host", "user", "port", "https", "auth", "ca_file", "verify", "certificate_pem", "certificate_key_pem")


def target_plan(session: Session) -> dict[str, Any]:
    plan: dict[str, Any] = {"kind": session.target.kind, "profile": session.target.profile}
    remote = session.target.remote
    if session.target.kind == "remote" and remote is not None:
        plan["remote"] = {name: getattr(remote, name) for name in REMOTE_FIELDS}
    return plan


def simulated_guest_password(session: Session, vm_name: str) -> str | None:
    host = session.sim_host
    if host is None:
        return None
    vms = host.find_vms(vm_name)
    guest = vms[0].guest if vms else None
    return guest.password if guest is not None else None


def cpu_vendor(session: Session) -> str:
    return (session.facts.cpu_vendor if session.facts else None) or "GenuineIntel"


class GuestPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("The guest operating system"))
        self.ready: GuestReady | None = None
        self.vm_label = QLabel()
        self.user = QLineEdit("Administrator")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.textChanged.connect(lambda _t: self.completeChanged.emit())
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
        self.nesting = QCheckBox(self.tr("Turn nesting on for this VM first when it is still off (processor "
                                         "extensions, 4 GB of static memory), as the Enable page does"))
        self.nesting.setChecked(False)  # the enable page does it; on only when that page was skipped (resuming)
        self.guide = QLabel(self.tr(
            "Install the guest operating system in the console window:\n"
            "1. When the VM starts from the ISO, press a key to boot from the DVD.\n"
            "2. Install Windows (Windows Server 2016 or later, or Windows 10/11 Pro or Enterprise).\n"
            "3. Set the Administrator password, and sign in once so the account's profile exists.\n"
            "4. Meanwhile NestWiz waits for each stage below; Next moves on once the guest answers."))
        self.guide.setWordWrap(True)
        self.guide.hide()

        self.stages = StageList()
        self.check_button = QPushButton(self.tr("&Start and check"))
        self.check_button.clicked.connect(self.check)
        self.console_button = QPushButton(self.tr("Open the &console"))
        self.console_button.clicked.connect(lambda: self.start(self._console()))
        self.simulate_button = QPushButton(self.tr("Install the OS (&simulated)"))
        self.simulate_button.clicked.connect(lambda: self.start(self._simulate_install()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.console_button)
        buttons.addWidget(self.simulate_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.installed)
        layout.addWidget(self.install)
        layout.addWidget(self.nesting)
        layout.addWidget(self.guide)
        layout.addWidget(self.stages)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.banner)

    # ------------------------------------------------------------------ page life
    def initializePage(self) -> None:
        self.setSubTitle(self.tr("NestWiz starts the outer VM if it is off and waits for its operating system, "
                                 "stage by stage, each with its own time limit. Next installs Hyper-V inside it."))
        simulated = self.session.target.kind == "simulated"
        self.sim_note.setVisible(simulated)
        self.simulate_button.setVisible(False)
        self.console_button.setVisible(self.session.target.kind == "local")
        journal = self.session.chain.journal
        if journal is not None and journal.plan.get("guest_user"):
            self.user.setText(str(journal.plan["guest_user"]))
        self.ready = None
        self.stages.reset()
        self.start(self._prepare())

    def created_here(self) -> bool:
        """The outer VM is the one this run created: it has no OS yet, so installing it is the default."""
        name = self.session.outer_vm_name
        return name is not None and name == self.session.created_vm

    def _mode_changed(self) -> None:
        self.guide.setVisible(self.install.isChecked())
        self.simulate_button.setVisible(self.install.isChecked() and self.session.target.kind == "simulated")

    def credential(self) -> Credential:
        return Credential(self.user.text().strip(), self.password.text(), variable="GuestCredential")

    def blocker(self) -> str | None:
        if not self.user.text().strip() or not self.password.text():
            return self.tr("Type the user name and password of an administrator of the guest OS.")
        if self.ready is None and not self.install.isChecked():
            return self.tr("The guest OS has not answered yet.")
        return None

    def next_action(self) -> Coroutine[Any, Any, bool] | None:
        """Installing: Next starts the VM, installs its OS (simulated, or by the user in its console) and waits."""
        if self.ready is not None or not self.install.isChecked():
            return None
        return self._install_then_go()

    async def _install_then_go(self) -> bool:
        self.stages.reset()
        await self._check(simulate_install=self.session.target.kind == "simulated")
        return self.ready is not None

    # ------------------------------------------------------------------ work
    async def _prepare(self) -> None:
        runner = self.session.require_runner()
        name = await find_outer_vm(runner, self.session.outer_vm_name)
        if name is None:
            raise NestWizError(self.tr("There is no virtual machine on this host; create the outer VM first."))
        self.session.outer_vm_name = name
        self.vm_label.setText(name)
        self.nesting.setChecked(self.session.nesting_enabled_for != name)
        simulated = self.session.target.kind == "simulated"
        if self.created_here():
            self.install.setChecked(True)
            if simulated and not self.password.text():
                self.password.setText(SIMULATED_PASSWORD)
            self.banner.say(self.tr("Next starts %1 and installs its OS from the ISO (simulated), with the account "
                                    "above; then it waits for the guest.").replace("%1", name) if simulated else
                            self.tr("Next starts %1 and opens its console: install the OS there with the account "
                                    "above, and NestWiz waits for the guest.").replace("%1", name))
            return
        if not self.password.text():
            self.password.setText(simulated_guest_password(self.session, name) or "")
        if self.password.text():
            await self._check()
        else:
            self.banner.say(self.tr("Type the guest's password, then press Start and check."))

    def check(self) -> None:
        self.ready = None
        self.stages.reset()
        self.start(self._check())

    async def _check(self, simulate_install: bool = False) -> None:
        session = self.session
        runner = session.require_runner()
        name = session.outer_vm_name or ""
        credential = self.credential()
        session.chain.credential = credential
        journal = session.chain.require_journal()
        journal.update_plan(target=target_plan(session), outer_vm=name, guest_user=credential.user)
        journal.begin("guest", self.tr("host, and the guest of %1").replace("%1", name))
        ran: list[Runnable] = []
        try:
            if self.nesting.isChecked():
                self.banner.say(self.tr("Checking that nesting is on for %1…").replace("%1", name))
                ran += await ensure_nesting(runner, name, cpu_vendor(session))
            timeouts = None
            if self.install.isChecked():
                timeouts = {"heartbeat": INSTALL_HEARTBEAT_SECONDS}
                await self._start_for_install(name, ran)
                if simulate_install:
                    await self._simulate_install()
            self.banner.say(self.tr("Waiting for the guest OS of %1…").replace("%1", name))
            ready = await wait_until_ready(runner, name, credential, timeouts=timeouts,
                                           listener=self.stages.update_stage)
        except NestWizError as exc:
            journal.failed("guest", exc.message)
            raise
        if ready.started_vm:
            ran.append(Command.of("Start-VM", Name=name))
        self.ready = ready
        caption = str((ready.facts.get("OS") or {}).get("Caption", "Windows"))
        journal.done("guest", self.tr("%1 answers in %2.").replace("%1", caption).replace("%2", name),
                     [command_text("host", c, name) for c in ran], target_seconds=ready.seconds)
        self.banner.say(self.tr("The guest answers: %1. %2 s of the target's time.").replace("%1", caption)
                        .replace("%2", f"{ready.seconds:.0f}"), "success")
        if session.chain.resuming:
            await self._recheck_later_steps()

    async def _start_for_install(self, name: str, ran: list[Runnable]) -> None:
        runner = self.session.require_runner()
        vm = (await runner.run(Command.of("Get-VM", Name=name))).first() or {}
        if str(vm.get("State")) != "Running":
            await runner.run(Command.of("Start-VM", Name=name))
            ran.append(Command.of("Start-VM", Name=name))
        if await open_console(runner, name):
            self.banner.say(self.tr("The console of %1 is open: install the OS there.").replace("%1", name))

    async def _console(self) -> None:
        await open_console(self.session.require_runner(), self.session.outer_vm_name or "")

    async def _simulate_install(self) -> None:
        from core.sim.handlers.nested import install_guest_os

        host = self.session.sim_host
        name = self.session.outer_vm_name or ""
        if host is None:
            return
        vm = host.find_vms(name)
        if vm and vm[0].guest is not None and vm[0].guest.installed:
            return
        credential = self.credential()
        if not credential.user or not credential.password:
            raise NestWizError(self.tr("Type the user name and password of an administrator of the guest OS."))
        self.banner.say(self.tr("Installing the guest OS (simulated)…"))
        try:
            await install_guest_os(host, name, credential.user, credential.password)
        except ValueError as exc:
            raise NestWizError(self.tr("The simulated installation could not start: %1").replace("%1", str(exc))) \
                from exc
        self.banner.say(self.tr("The simulated installation finished; the guest restarts into it."))

    async def _recheck_later_steps(self) -> None:
        """Continuing an earlier run: the first later step whose result no longer holds is where to go on."""
        from core.provision.inner import first_step_to_redo

        journal = self.session.chain.require_journal()
        runner = self.session.require_runner()
        credential = self.session.chain.credential
        assert credential is not None
        self.session.chain.skip_to = await first_step_to_redo(
            runner, self.session.outer_vm_name or "", credential, journal.plan)
        self.session.chain.resuming = False

    def nextId(self) -> int:
        from gui.wizard import PageId

        skip = self.session.chain.skip_to
        if skip == "inner_vm":
            return int(PageId.INNER_VM)
        if skip == "done":
            return int(PageId.SUMMARY)
        return super().nextId()
