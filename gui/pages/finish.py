"""Finish: what was done, where, and how many PowerShell round trips it took."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from core.session import Session
from gui.pages.base import AsyncPage


class FinishPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Done"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.banner)

    def initializePage(self) -> None:
        events = self.session.events
        seconds = sum(e.seconds for e in events)
        self.summary.setText(
            self.tr("<p>Target: <b>%1</b></p><p>PowerShell round trips: %2 (%3 s in all).</p>")
            .replace("%1", self.session.target.describe())
            .replace("%2", str(len(events)))
            .replace("%3", f"{seconds:.1f}")
        )
