"""Summary: the inner VM and its network made, then what was done, where, how long; export the path; the logs."""

from __future__ import annotations

import re
from pathlib import Path

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
from core.journal import command_text, export_script
from core.paths import log_dir
from core.provision.guest import direct_runner, wait_until_ready
from core.provision.inner import InnerOutcome, InnerVm, InnerVmPlan
from core.provision.network import NetworkPlan, apply
from core.session import Session
from gui.pages.base import AsyncPage, escaped
from gui.pages.guest import step_titles

# Host commands of the earlier pages that changed something, for the export (reads are left out).
_CHANGING = re.compile(r"^(New|Set|Enable|Disable|Start|Stop|Add|Remove|Install|Update|Connect|Copy|Restart|"
                       r"Checkpoint|Rename|Mount|Resize)-")


class SummaryPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Summary"))
        self.outcome: InnerOutcome | None = None
        self.progress = QListWidget()
        self.progress.setMaximumHeight(120)
        self.progress.setWordWrap(True)
        self.steps = QTextBrowser()
        self.steps.setOpenLinks(False)
        self.rows: list[tuple[str, str, str, str]] = []  # what the table shows: step, where, result, time
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.retry = QPushButton(self.tr("&Try again"))
        self.retry.clicked.connect(self.create)
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
        self.setSubTitle(self.tr("NestWiz creates the inner VM's network and the inner VM inside the outer VM, "
                                 "then sums up the whole path."))
        journal = self.session.chain.require_journal()
        if journal.is_done("inner_vm"):
            self.fill()
        else:
            self.create()

    def create(self) -> None:
        self.retry.hide()
        self.progress.clear()
        self.start(self._create())

    def _say(self, text: str) -> None:
        self.progress.addItem(text)
        self.progress.scrollToBottom()
        self.banner.say(text)

    async def _create(self) -> None:
        session = self.session
        journal = session.chain.require_journal()
        name = session.outer_vm_name
        credential = session.chain.credential
        if name is None or credential is None:
            raise NestWizError(self.tr("Go back to the guest page: the guest's credentials are needed."))
        network = NetworkPlan.from_dict(journal.plan.get("network") or {})
        inner = InnerVmPlan.from_dict(journal.plan.get("inner") or {})
        runner = session.require_runner()
        guest = direct_runner(runner, name, credential)
        started = runner.clock.now()
        journal.begin("inner_vm", self.tr("host, and the guest of %1").replace("%1", name))
        try:
            self._say(self.tr("Checking that the guest of %1 answers…").replace("%1", name))
            await wait_until_ready(runner, name, credential)
            self._say(self.tr("Setting up the network inside %1…").replace("%1", name))
            changes = await apply(runner, guest, network, name)
            worker = InnerVm(runner, guest, name, inner, network, progress=self._say)
            outcome = await worker.run()
        except NestWizError as exc:
            journal.failed("inner_vm", exc.message)
            self.retry.show()
            self.fill()
            raise
        self.outcome = outcome
        commands = [command_text(c.where, c.command, name) for c in changes]
        commands += [command_text(where, command, name) for where, command in outcome.ran]
        summary = self.tr("'%1' runs inside %2 on the switch '%3'.").replace("%1", inner.name).replace(
            "%2", name).replace("%3", network.switch_name)
        journal.done("inner_vm", summary, commands, target_seconds=runner.clock.now() - started)
        for note in outcome.connectivity:
            self.progress.addItem(note)
        journal.finish()
        self.fill()
        self.banner.say(summary, "success")

    def fill(self) -> None:
        journal = self.session.chain.require_journal()
        self.rows = []
        titles = step_titles()
        states = {"running": self.tr("running"), "failed": self.tr("failed")}
        for step in journal.ordered():
            result = step.summary if step.status == "done" else self.tr("%1: %2").replace(
                "%1", states.get(step.status, step.status)).replace("%2", step.message)
            time_text = self.tr("%1 s").replace("%1", f"{step.seconds:.1f}")
            if step.target_seconds:
                time_text += " " + self.tr("(%1 s on the target)").replace("%1", f"{step.target_seconds:.0f}")
            self.rows.append((titles.get(step.name, step.name), step.where, result, time_text))
        head = "".join(f"<th align='left'>{escaped(h)}</th>" for h in (
            self.tr("Step"), self.tr("Where"), self.tr("Result"), self.tr("Time")))
        body = "".join("<tr>" + "".join(f"<td>{escaped(cell)}</td>" for cell in row) + "</tr>" for row in self.rows)
        self.steps.setHtml(f"<table cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{body}</table>")
        events = self.session.events
        target = sum(s.target_seconds for s in journal.ordered())
        self.total.setText(self.tr("Target: %1. The chain took %2 s (%3 s of the target's time); %4 PowerShell round "
                                   "trips in all.").replace("%1", self.session.target.describe())
                           .replace("%2", f"{journal.seconds:.1f}").replace("%3", f"{target:.0f}")
                           .replace("%4", str(len(events))))

    def script_text(self) -> str:
        earlier = [e.text for e in self.session.events if e.ok and _CHANGING.match(e.text)
                   and not e.text.startswith("Invoke-Command")]
        journal = self.session.chain.require_journal()
        chain_texts = {c for s in journal.ordered() for c in s.commands}
        return export_script(journal, earlier=[t for t in earlier if t not in chain_texts],
                             title=self.session.target.describe())

    def export_to(self, path: Path) -> None:
        path.write_text(self.script_text(), encoding="utf-8-sig")
        self.banner.say(self.tr("Saved %1.").replace("%1", str(path)), "success")

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the path"), "NestWiz-path.ps1",
                                              self.tr("PowerShell scripts (*.ps1)"))
        if name:
            self.export_to(Path(name))

    def open_logs(self) -> None:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def blocker(self) -> str | None:
        if not self.session.chain.require_journal().is_done("inner_vm"):
            return self.tr("The inner VM has not been created yet.")
        return None
