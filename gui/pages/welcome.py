"""Welcome: what NestWiz will do, in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout

from core.session import Session
from gui.pages.base import AsyncPage

if TYPE_CHECKING:
    from gui.pages.guest import ResumeOffer


class WelcomePage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Welcome to NestWiz"))
        self.setSubTitle(self.tr("Set up a virtual machine that runs Hyper-V, with a virtual machine inside it."))
        text = QLabel(
            self.tr(
                "<p>NestWiz walks you through nested virtualization, step by step:</p>"
                "<ol>"
                "<li>It checks that the computer can run Hyper-V inside a virtual machine, and says how to fix "
                "what cannot.</li>"
                "<li>It prepares an outer virtual machine and turns nesting on.</li>"
                "<li>It installs Hyper-V inside that machine, across its restarts.</li>"
                "<li>It creates the inner virtual machine and its network.</li>"
                "</ol>"
                "<p>Nothing changes until you confirm it, and every step can be resumed if it is interrupted.</p>"
            )
        )
        text.setWordWrap(True)
        self.column = QVBoxLayout(self)
        self.column.addWidget(text)
        self.column.addStretch(1)
        self.column.addWidget(self.banner)
        self.resume_offer: ResumeOffer | None = None
        self.resume_to: int | None = None

    def offer_resume(self) -> None:
        """Offer to continue an earlier run that stopped before the end (the wizard's other pages exist now)."""
        from gui.pages.guest import ResumeOffer

        self.resume_offer = ResumeOffer.offer()
        if self.resume_offer is not None:
            self.column.insertWidget(1, self.resume_offer)

    def validatePage(self) -> bool:
        if self.resume_offer is not None and self.resume_to is None:
            self.resume_to = self.resume_offer.restore(self.session)
            self.resume_offer.setEnabled(False)
        return True

    def nextId(self) -> int:
        if self.resume_to is not None:
            return self.resume_to
        from gui.wizard import PageId

        # Named, not looked up: while the window shows before the other pages exist, this is still not the last
        # page, so the button reads Next, not Finish.
        return int(PageId.TARGET)
