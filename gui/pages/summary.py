"""Summary: the inner VM and its network made, then what was done, where, how long; export the path; the logs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from core.errors import NestWizError
from core.paths import log_dir
from core.session import Session
from gui.pages.base import AsyncPage, escaped
from gui.pages.guest import step_titles

if TYPE_CHECKING:
    from core.lab.engine import Event


class SummaryPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Summary"))
        self.progress = QListWidget()
        self.progress.setMaximumHeight(120)
        self.progress.setWordWrap(True)
        self.steps = QTextBrowser()
        self.steps.setOpenLinks(False)
        self.rows: list[tuple[str, str, str, str]] = []  # what the table shows: step, where, result, time
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.retry = QPushButton(self.tr("&Try again"))
        self.retry.clicked.connect(self.build)
        self.retry.hide()
        self.export_button = QPushButton(self.tr("&Export as a PowerShell script…"))
        self.export_button.clicked.connect(self.export)
        self.logs_button = QPushButton(self.tr("Open the &log folder"))
        self.logs_button.clicked.connect(self.open_logs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.logs_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.total)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)

    def initializePage(self) -> None:
        self.setSubTitle(
            self.tr(
                "NestWiz creates the inner VM's network and the inner VM inside the outer VM, "
                "then sums up the whole path."
            )
        )
        # Always through the engine: what is already so is only checked, and a plan changed since (Back to the
        # Inner VM page, another name or network) is built, not shown as it was.
        self.build()

    def build(self) -> None:
        self.retry.hide()
        self.progress.clear()
        self.start(self._create())

    def _say(self, text: str) -> None:
        self.progress.addItem(text)
        self.progress.scrollToBottom()
        self.banner.say(text)

    def _event(self, event: Event) -> None:
        if event.kind == "say":
            self._say(event.text)

    async def _create(self) -> None:
        session = self.session
        if session.outer_vm_name is None or session.credential is None:
            raise NestWizError(self.tr("Go back to the guest page: the guest's credentials are needed."))
        self._say(self.tr("Checking that the guest of %1 answers…").replace("%1", session.outer_vm_name))
        try:
            report = await self.run_steps("guest_os", "network", "inner_vm", on_event=self._event)
        except NestWizError:
            self.retry.show()
            self.fill()
            raise
        for note in session.engine().ctx.notes.get("inner_vm", []):
            self.progress.addItem(note)
        self.fill()
        self.banner.say(report.steps[-1].message, "success")

    def fill(self) -> None:
        journal = self.session.require_journal()
        self.rows = []
        titles = step_titles()
        states = {"running": self.tr("running"), "failed": self.tr("failed"), "cancelled": self.tr("cancelled")}
        places = {"host": self.tr("host"), "outer": self.tr("inside the outer VM")}
        for step_id in titles:
            step = journal.steps.get(step_id)
            if step is None:
                continue
            result = (
                step.summary
                if step.ok
                else self.tr("%1: %2").replace("%1", states.get(step.status, step.status)).replace("%2", step.message)
            )
            time_text = self.tr("%1 s").replace("%1", f"{step.seconds:.1f}")
            if step.target_seconds:
                time_text += " " + self.tr("(%1 s on the target)").replace("%1", f"{step.target_seconds:.0f}")
            self.rows.append((titles[step_id], places.get(step.where, step.where), result, time_text))
        head = "".join(
            f"<th align='left'>{escaped(h)}</th>"
            for h in (self.tr("Step"), self.tr("Where"), self.tr("Result"), self.tr("Time"))
        )
        body = "".join("<tr>" + "".join(f"<td>{escaped(cell)}</td>" for cell in row) + "</tr>" for row in self.rows)
        self.steps.setHtml(f"<table cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{body}</table>")
        seconds = sum(s.seconds for s in journal.steps.values())
        target = sum(s.target_seconds for s in journal.steps.values())
        self.total.setText(
            self.tr("Target: %1. The chain took %2 s (%3 s of the target's time); %4 PowerShell round trips in all.")
            .replace("%1", self.session.target.describe())
            .replace("%2", f"{seconds:.1f}")
            .replace("%3", f"{target:.0f}")
            .replace("%4", str(len(self.session.events)))
        )

    def export_to(self, path: Path) -> None:
        from core.lab.export import write

        try:
            write(path, self.session.lab_plan())
        except OSError as exc:
            self.banner.say(self.tr("Could not write the script: %1").replace("%1", str(exc)), "error")
            return
        self.banner.say(self.tr("Saved %1.").replace("%1", str(path)), "success")

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the path"), "NestWiz-path.ps1", self.tr("PowerShell scripts (*.ps1)")
        )
        if name:
            self.export_to(Path(name))

    def open_logs(self) -> None:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def blocker(self) -> str | None:
        record = self.session.require_journal().steps.get("inner_vm")
        if record is None or not record.ok:
            return self.tr("The inner VM has not been created yet.")
        return None
