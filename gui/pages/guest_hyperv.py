"""Hyper-V inside the outer VM: the guest diagnosed like a host, Hyper-V installed across restarts, verified."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QProgressBar, QPushButton, QVBoxLayout

from core.errors import NestWizError
from core.journal import command_text
from core.provision.guest_hyperv import GuestHyperV, InstallOutcome, status_line
from core.results import ProgressRecord, Record
from core.session import Session
from gui.pages.base import AsyncPage
from gui.pages.guest import StageList


class GuestHyperVPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Hyper-V inside the outer VM"))
        self.outcome: InstallOutcome | None = None
        self.explain = QLabel(self.tr(
            "Client editions get the Hyper-V optional feature; Windows Server gets the Hyper-V role, and the "
            "optional feature when the role fails to install. Windows restarts once or twice to finish; NestWiz "
            "waits for the guest after each restart with a new PowerShell Direct session."))
        self.explain.setWordWrap(True)
        self.log = QListWidget()
        self.log.setWordWrap(True)
        self.stages = StageList()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.hide()
        self.again = QPushButton(self.tr("Check and install &again"))
        self.again.clicked.connect(self.run)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.log, 1)
        layout.addWidget(self.bar)
        layout.addWidget(QLabel(self.tr("The guest, before the install and after each restart:")))
        layout.addWidget(self.stages)
        layout.addWidget(self.again)
        layout.addWidget(self.banner)

    def initializePage(self) -> None:
        name = self.session.outer_vm_name or "?"
        self.setSubTitle(self.tr("NestWiz checks the guest of %1 as it checked the host, installs Hyper-V in it if "
                                 "needed, and restarts it. Work in the guest that is not saved is lost.")
                         .replace("%1", name))
        self.run()

    def run(self) -> None:
        self.outcome = None
        self.log.clear()
        self.stages.reset()
        self.start(self._run())

    def _say(self, text: str) -> None:
        self.log.addItem(text)
        self.log.scrollToBottom()
        self.banner.say(text)

    async def _run(self) -> None:
        session = self.session
        credential = session.chain.credential
        name = session.outer_vm_name
        if credential is None or name is None:
            raise NestWizError(self.tr("Go back to the guest page: the guest's credentials are needed."))
        journal = session.chain.require_journal()
        journal.begin("guest_hyperv", self.tr("the guest of %1").replace("%1", name))
        runner = session.require_runner()
        started = runner.clock.now()
        worker = GuestHyperV(runner, name, credential, progress=self._say, stage_listener=self.stages.update_stage,
                             on_record=self._record)
        try:
            outcome = await worker.run()
        except NestWizError as exc:
            journal.failed("guest_hyperv", exc.message)
            raise
        finally:
            diagnosis = worker_diagnosis(worker)
            if diagnosis is not None:
                self.log.addItem(self.tr("The guest's checks, as for the host:"))
                for line in diagnosis:
                    self.log.addItem("  " + line)
        self.outcome = outcome
        if outcome.already:
            summary = self.tr("Hyper-V was already enabled inside %1 and its hypervisor runs.").replace("%1", name)
        else:
            how = self.tr("the optional feature (the role failed)") if outcome.fallback_used else (
                outcome.commands[0].name if outcome.commands else self.tr("the feature"))
            summary = (self.tr("Hyper-V installed inside %1 with %2, %3 restart(s); its hypervisor runs.")
                       .replace("%1", name).replace("%2", how).replace("%3", str(outcome.reboots)))
        journal.done("guest_hyperv", summary, [command_text("guest", c, name) for c in outcome.commands],
                     target_seconds=runner.clock.now() - started)
        self._say(summary)
        self.banner.say(summary, "success")

    def _record(self, record: Record) -> None:
        if record.kind == "progress" and isinstance(record.value, ProgressRecord) and record.value.percent >= 0:
            self.bar.setVisible(record.value.percent < 100)
            self.bar.setValue(record.value.percent)
            self.bar.setFormat(f"{record.value.status} %p%")

    def blocker(self) -> str | None:
        if self.outcome is None:
            return self.tr("Hyper-V is not verified inside the outer VM yet.")
        return None


def worker_diagnosis(worker: GuestHyperV) -> list[str] | None:
    diagnosis = worker.last_diagnosis
    return [status_line(c) for c in diagnosis.checks] if diagnosis is not None else None
