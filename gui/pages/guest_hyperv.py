"""Hyper-V inside the outer VM: the guest diagnosed like a host, Hyper-V installed across restarts, verified."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QListWidget, QProgressBar, QPushButton, QVBoxLayout

from core.errors import NestWizError
from core.provision.guest_hyperv import status_line
from core.results import ProgressRecord, Record
from core.session import Session
from gui.pages.base import AsyncPage
from gui.pages.guest import StageList

if TYPE_CHECKING:
    from core.lab.engine import Event


class GuestHyperVPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Hyper-V inside the outer VM"))
        self.done_text: str | None = None  # the engine's sentence once Hyper-V is verified in the guest
        self.explain = QLabel(
            self.tr(
                "Client editions get the Hyper-V optional feature; Windows Server gets the Hyper-V role, and the "
                "optional feature when the role fails to install. Windows restarts once or twice to finish; NestWiz "
                "waits for the guest after each restart with a new PowerShell Direct session."
            )
        )
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
        self.setSubTitle(
            self.tr(
                "NestWiz checks the guest of %1 as it checked the host, installs Hyper-V in it if "
                "needed, and restarts it. Work in the guest that is not saved is lost."
            ).replace("%1", name)
        )
        self.run()

    def run(self) -> None:
        self.done_text = None
        self.log.clear()
        self.stages.reset()
        self.start(self._run())

    def _say(self, text: str) -> None:
        self.log.addItem(text)
        self.log.scrollToBottom()
        self.banner.say(text)

    def _event(self, event: Event) -> None:
        if event.kind == "say":
            self._say(event.text)
        elif event.kind == "stage":
            self.stages.update_stage(event.value)
        elif event.kind == "record":
            self._record(event.value)
        elif event.kind == "diagnosis":
            self.log.addItem(self.tr("The guest's checks, as for the host:"))
            for check in event.value.checks:
                self.log.addItem("  " + status_line(check))

    async def _run(self) -> None:
        if self.session.credential is None or self.session.outer_vm_name is None:
            raise NestWizError(self.tr("Go back to the guest page: the guest's credentials are needed."))
        report = await self.run_steps("guest_hyperv", on_event=self._event)
        self.done_text = report.steps[-1].message
        self._say(self.done_text)
        self.banner.say(self.done_text, "success")

    def _record(self, record: Record) -> None:
        if record.kind == "progress" and isinstance(record.value, ProgressRecord) and record.value.percent >= 0:
            self.bar.setVisible(record.value.percent < 100)
            self.bar.setValue(record.value.percent)
            self.bar.setFormat(record.value.status.replace("%", "%%") + " %p%")  # setFormat expands %v %m %p

    def blocker(self) -> str | None:
        if self.done_text is None:
            return self.tr("Hyper-V is not verified inside the outer VM yet.")
        return None
