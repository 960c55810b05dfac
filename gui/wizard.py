"""The NestWiz wizard: page order, window setup, and the session every page shares."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWizard

from core.paths import resource
from core.session import Session
from gui.pages.base import AsyncPage
from gui.pages.welcome import WelcomePage

if TYPE_CHECKING:
    from gui.support import SupportMenu


class PageId(IntEnum):
    WELCOME = 0
    TARGET = 10
    HOST = 20
    OUTER_VM = 30
    ENABLE = 40
    GUEST = 50
    GUEST_HYPERV = 60
    INNER_VM = 70
    SUMMARY = 90
    FINISH = 100


class NestWizard(QWizard):
    def __init__(self, session: Session, *, rest_later: bool = False) -> None:
        """All the pages, or with `rest_later` only Welcome: the window can show before add_rest() builds the rest."""
        super().__init__()
        self.session = session
        self.setWindowTitle(self.tr("NestWiz — Hyper-V nested virtualization"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setMinimumSize(QSize(760, 560))
        self.resize(900, 640)
        self.welcome = WelcomePage(session)
        self.setPage(PageId.WELCOME, self.welcome)
        self.setStartId(PageId.WELCOME)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(str(resource("icons", "nestwiz-48.png"))))
        self.support_menu: SupportMenu | None = None
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Support"))
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.customButtonClicked.connect(self._custom_button)
        if not rest_later:
            self.add_rest()

    def add_rest(self) -> None:
        """The pages after Welcome, the resume offer and the support menu."""
        # Imported here, not at the top: these modules, and the runners, clients and stores they pull in, are
        # most of the start-up time, and the first window does not need them.
        from gui.lean import import_asyncio_without_tls

        import_asyncio_without_tls()
        import core.lab.steps  # noqa: F401  (the engine: here with the pages, not on the first Create, ~25 ms)
        from gui.pages.enable import EnablePage
        from gui.pages.finish import FinishPage
        from gui.pages.guest import GuestPage
        from gui.pages.guest_hyperv import GuestHyperVPage
        from gui.pages.host import HostPage
        from gui.pages.inner_vm import InnerVmPage
        from gui.pages.outer_vm import OuterVmPage
        from gui.pages.summary import SummaryPage
        from gui.pages.target import TargetPage
        from gui.support import SupportMenu

        session = self.session
        self.setPage(PageId.TARGET, TargetPage(session))
        self.setPage(PageId.HOST, HostPage(session))
        self.setPage(PageId.OUTER_VM, OuterVmPage(session))
        self.setPage(PageId.ENABLE, EnablePage(session))
        self.setPage(PageId.GUEST, GuestPage(session))
        self.setPage(PageId.GUEST_HYPERV, GuestHyperVPage(session))
        self.setPage(PageId.INNER_VM, InnerVmPage(session))
        self.setPage(PageId.SUMMARY, SummaryPage(session))
        self.setPage(PageId.FINISH, FinishPage(session))
        self.support_menu = SupportMenu(session, self)
        self.welcome.offer_resume()

    def _custom_button(self, which: int) -> None:
        # PySide6 delivers the button as a plain int: compare it with the enum's value, not the enum.
        if which == QWizard.WizardButton.CustomButton1.value and self.support_menu is not None:
            button = self.button(QWizard.WizardButton.CustomButton1)
            self.support_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def async_pages(self) -> list[AsyncPage]:
        return [p for p in (self.page(i) for i in self.pageIds()) if isinstance(p, AsyncPage)]

    def done(self, result: int) -> None:
        for page in self.async_pages():
            page.cancel_tasks()
        super().done(result)
