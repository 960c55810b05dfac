"""A wizard page that runs asyncio work without blocking the window and explains what blocks Next."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWizardPage

from core.errors import NestWizError
from core.paths import resource
from core.session import Session

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    from core.lab.engine import Event, RunReport

log = logging.getLogger("nestwiz.gui")


@cache
def escaped(text: str) -> str:
    """Plain text made safe inside Qt rich text (html.escape would load a 2,000-entry entity table for three
    characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def style_sheet() -> str:
    return resource("style.qss").read_text(encoding="utf-8")


class Banner(QLabel):
    """A one-line notice at the bottom of a page: why Next is disabled, or what failed."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setObjectName("banner")
        # The style sheet only styles banners, so it is set on them and not on the wizard: on the wizard, Qt's
        # style-sheet style would wrap every widget of every page (megabytes of rule caches).
        self.setStyleSheet(style_sheet())
        self.hide()

    def say(self, text: str, kind: str = "info") -> None:
        # Qt's namespace is imported here, not at the top: building its Python enums costs tens of milliseconds,
        # and the Welcome page's banner exists before the first window shows.
        from PySide6.QtCore import Qt

        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setVisible(bool(text))


class AsyncPage(QWizardPage):
    busyChanged = Signal(bool)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.banner = Banner()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._leaving = False

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def start(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run `coro` on the loop; Next is disabled meanwhile; a NestWizError is shown, not raised."""
        import asyncio  # not at the top: the Welcome page exists before the first window, asyncio comes after it

        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        self.busyChanged.emit(True)
        self.completeChanged.emit()
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        exc = None if task.cancelled() else task.exception()
        if isinstance(exc, NestWizError):
            log.warning("%s: %s | %s", type(exc).__name__, exc.message, exc.detail)
            self.banner.say(exc.message, "error")
        elif exc is not None:
            log.error("page task failed", exc_info=exc)
            self.banner.say(self.tr("Something went wrong: %1").replace("%1", str(exc)), "error")
        self.busyChanged.emit(self.busy)
        self.completeChanged.emit()

    def cancel_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def next_action(self) -> Coroutine[Any, Any, bool] | None:
        """Work that pressing Next must do before the page is left (create the VM, apply the settings), or None.

        The coroutine returns True when the wizard may move on; Next then advances by itself. On False or an
        error the page stays, its banner saying why.
        """
        return None

    def validatePage(self) -> bool:  # Qt override
        if self._leaving:
            self._leaving = False
            return True
        action = self.next_action()
        if action is None:
            return True
        self.start(self._then_advance(action))
        return False

    async def _then_advance(self, action: Coroutine[Any, Any, bool]) -> None:
        # Inside the task, so the page is busy until it has moved on: a done-callback ran a loop turn after the
        # task ended, and in that gap the page looked idle, complete or not, and not yet left.
        if not await action:
            return
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self._leaving = True
            try:
                wizard.next()
            finally:
                self._leaving = False

    async def run_steps(self, *step_ids: str, on_event: Callable[[Event], None] | None = None) -> RunReport:
        """Run the lab's steps on the engine, this page showing their events; a failed step is raised, so the
        banner says why."""
        engine = self.session.engine()
        stop = engine.events.subscribe(on_event) if on_event is not None else None
        try:
            report = await engine.run(only=step_ids)
        finally:
            if stop is not None:
                stop()
        if report.error is not None:
            raise report.error
        return report

    def blocker(self) -> str | None:
        """Why Next is disabled, in a sentence; None when the page is complete."""
        return None

    def isComplete(self) -> bool:
        return not self.busy and self.blocker() is None

    def cleanupPage(self) -> None:
        self.cancel_tasks()
        super().cleanupPage()
