"""Welcome: what NestWiz will do, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from core.session import Session
from gui.pages.base import AsyncPage
from gui.pages.guest import ResumeOffer


class WelcomePage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Welcome to NestWiz"))
        self.setSubTitle(self.tr("Set up a virtual machine that runs Hyper-V, with a virtual machine inside it."))
        text = QLabel(self.tr(
            "<p>NestWiz walks you through nested virtualization, step by step:</p>"
            "<ol>"
            "<li>It checks that the computer can run Hyper-V inside a virtual machine, and says how to fix "
            "what cannot.</li>"
            "<li>It prepares an outer virtual machine and turns nesting on.</li>"
            "<li>It installs Hyper-V inside that machine, across its restarts.</li>"
            "<li>It creates the inner virtual machine and its network.</li>"
            "</ol>"
            "<p>Nothing changes until you confirm it, and every step can be resumed if it is interrupted.</p>"
        ))
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        self.resume_offer = ResumeOffer.offer()  # an earlier run stopped before the end
        self.resume_to: int | None = None
        if self.resume_offer is not None:
            layout.addWidget(self.resume_offer)
        layout.addStretch(1)
        layout.addWidget(self.banner)

    def validatePage(self) -> bool:
        if self.resume_offer is not None and self.resume_to is None:
            self.resume_to = self.resume_offer.restore(self.session)
            self.resume_offer.setEnabled(False)
        return True

    def nextId(self) -> int:
        return self.resume_to if self.resume_to is not None else super().nextId()
