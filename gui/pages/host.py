"""Host: every prerequisite checked in one probe round trip, explained, with a fix where one exists."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.host.diagnose import Diagnosis, Verdict, diagnose
from core.host.remedies import Remedy, ResumeState, apply
from core.host.rules import Check, Status
from core.session import Session
from gui.pages.base import AsyncPage

ROWS_PER_TURN = 4
ICONS = {
    Status.PASS: QStyle.StandardPixmap.SP_DialogApplyButton,
    Status.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Status.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Status.UNKNOWN: QStyle.StandardPixmap.SP_MessageBoxQuestion,
}


class CheckRow(QFrame):
    """One check: icon, title and sentence, its raw facts on demand, and its fix."""

    def __init__(self, page: HostPage, check: Check) -> None:
        super().__init__()
        self.check = check
        self.setObjectName(f"check-{check.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(ICONS[check.status]).pixmap(20, 20))
        icon.setToolTip(page.status_text(check.status))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.icon = icon
        # Plain-text labels: a word-wrapped rich-text label lays out through a QTextDocument, and fourteen of them
        # made the Host page's first layout the longest freeze of the wizard.
        self.title = QLabel(check.title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.sentence = QLabel(check.sentence)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setWordWrap(True)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details = QLabel("\n".join(f"{k}: {v}" for k, v in check.facts.items()))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setObjectName("details")
        self.details.hide()
        self.details_button.toggled.connect(self.details.setVisible)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(2)
        grid.addWidget(icon, 0, 0, 3, 1)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.sentence, 1, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)  # set: it would take the grid's, which has none once its vertical spacing is set
        buttons.addStretch(1)
        self.remedy_button: QPushButton | None = None
        remedy = check.remedy
        if remedy is not None and check.status is not Status.PASS:
            if remedy.automated:
                self.remedy_button = QPushButton(page.remedy_label(remedy))
                self.remedy_button.setToolTip(remedy.instructions)
                self.remedy_button.clicked.connect(lambda: page.run_remedy(remedy))
                buttons.addWidget(self.remedy_button)
            else:
                self.details.setText(
                    self.details.text() + "\n\n" + self.tr("How to fix: %1").replace("%1", remedy.instructions)
                )
                self.details_button.setText(self.tr("Details and fix"))
        buttons.addWidget(self.details_button)
        grid.addLayout(buttons, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.details, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)


class HostPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("The host"))
        self.diagnosis: Diagnosis | None = None
        self.rows: list[CheckRow] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("summary")
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(4)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list_widget)
        self.again = QPushButton(self.tr("Run &again"))
        self.again.clicked.connect(self.refresh)
        self.copy = QPushButton(self.tr("&Copy report"))
        self.copy.setToolTip(self.tr("Copy a plain-text report for a support ticket"))
        self.copy.clicked.connect(self.copy_report)
        self.copy.setEnabled(False)
        actions = QHBoxLayout()
        actions.addWidget(self.again)
        actions.addWidget(self.copy)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        self.busyChanged.connect(self._busy)

    # ------------------------------------------------------------------ texts
    def status_text(self, status: Status) -> str:
        return {
            Status.PASS: self.tr("Passed"),
            Status.WARN: self.tr("Warning"),
            Status.FAIL: self.tr("Failed"),
            Status.UNKNOWN: self.tr("Unknown"),
        }[status]

    def remedy_label(self, remedy: Remedy) -> str:
        labels = {
            "enable-hyperv": self.tr("Enable Hyper-V"),
            "restart": self.tr("Restart now"),
            "elevate": self.tr("Restart NestWiz as administrator"),
        }
        return labels.get(remedy.id, remedy.label)

    # ------------------------------------------------------------------ work
    def initializePage(self) -> None:
        self.setSubTitle(self.session.target.describe())
        self.refresh()

    def refresh(self) -> None:
        self.banner.say(self.tr("Checking the host…"))
        self.start(self._diagnose())

    async def _diagnose(self) -> None:
        runner = self.session.require_runner()
        self.diagnosis = None
        self.completeChanged.emit()
        diagnosis = await diagnose(runner, target=self.session.target.describe())
        self.session.facts = diagnosis.facts
        await self.show_diagnosis(diagnosis)
        reason = self.blocker()
        self.banner.say(
            self.tr("Next is disabled. %1").replace("%1", reason) if reason else "", "error" if reason else "info"
        )

    async def show_diagnosis(self, diagnosis: Diagnosis) -> None:
        import asyncio

        self.diagnosis = diagnosis
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        order = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.WARN: 2, Status.PASS: 3}
        for index, check in enumerate(sorted(diagnosis.checks, key=lambda c: order[c.status])):
            if index and index % ROWS_PER_TURN == 0:
                await asyncio.sleep(0)  # Qt lays out and paints what is there: fourteen rows at once froze the window
            row = CheckRow(self, check)
            self.rows.append(row)
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
        if diagnosis.verdict is Verdict.READY:
            text = self.tr("This host can run a VM that runs Hyper-V.")
        elif diagnosis.verdict is Verdict.BLOCKED:
            text = self.tr("Fix the failed checks below before going on.")
        else:
            text = self.tr("NestWiz could not check everything; see the checks marked with a question mark.")
        self.summary.setText(text)
        self.copy.setEnabled(True)
        self.completeChanged.emit()

    def row(self, check_id: str) -> CheckRow:
        return next(r for r in self.rows if r.check.id == check_id)

    def run_remedy(self, remedy: Remedy) -> None:
        self.banner.say(self.tr("Working: %1…").replace("%1", self.remedy_label(remedy)))
        self.start(self._remedy(remedy))

    async def _remedy(self, remedy: Remedy) -> None:
        diagnosis = self.diagnosis
        if diagnosis is None:
            return
        runner = self.session.require_runner()
        resume = ResumeState(
            sys.argv[1:], {"page": "host", "target": self.session.target.kind, "profile": self.session.target.profile}
        )
        outcome = await apply(remedy, runner, diagnosis.facts, resume=resume)
        if outcome.relaunched is not None:
            self.banner.say(self.tr("NestWiz continues in a new window, as administrator."))
            wizard = self.wizard()
            if wizard is not None:
                wizard.close()
            return
        await self._diagnose()
        if outcome.restart_needed:
            self.banner.say(self.tr("Hyper-V is enabled. Windows must restart to finish: use “Restart now”."))

    def copy_report(self) -> None:
        if self.diagnosis is not None:
            QGuiApplication.clipboard().setText(self.diagnosis.report())
            self.banner.say(self.tr("The report is on the clipboard."))

    def _busy(self, busy: bool) -> None:
        self.again.setEnabled(not busy)
        for row in self.rows:
            if row.remedy_button is not None:
                row.remedy_button.setEnabled(not busy)

    def blocker(self) -> str | None:
        if self.diagnosis is None:
            return self.tr("The host has not been checked yet.")
        blockers = self.diagnosis.blockers
        if blockers:
            first = blockers[0]
            return self.tr("%1: %2").replace("%1", first.title).replace("%2", first.sentence)
        return None
