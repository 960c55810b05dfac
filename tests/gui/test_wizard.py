"""The wizard starts on the default profile, walks to Finish, goes Back, and the tour writes a PNG per page."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QWizard

from gui.pages.base import AsyncPage
from gui.tour import walk


def _settled(wizard: QWizard) -> bool:
    page = wizard.currentPage()
    return not (isinstance(page, AsyncPage) and page.busy) and page.isComplete()


def test_wizard_reaches_finish_with_next(make_wizard, qtbot):
    wizard = make_wizard()
    assert wizard.windowTitle().startswith("NestWiz")
    seen = [wizard.currentId()]
    while wizard.currentId() != max(wizard.pageIds()):
        qtbot.waitUntil(lambda: _settled(wizard), timeout=10_000)
        before = wizard.currentId()
        wizard.next()  # a page whose Next does its work first (create, install) moves on when that is done
        qtbot.waitUntil(lambda before=before: wizard.currentId() != before, timeout=10_000)
        seen.append(wizard.currentId())
    assert seen == sorted(wizard.pageIds())
    assert wizard.session.runner is not None
    assert wizard.session.target.kind == "simulated"


def test_back_returns_to_the_previous_page(make_wizard, qtbot):
    wizard = make_wizard()
    wizard.next()
    target = wizard.currentId()
    qtbot.waitUntil(lambda: _settled(wizard), timeout=10_000)
    wizard.next()
    assert wizard.currentId() != target
    wizard.back()
    assert wizard.currentId() == target
    wizard.back()
    assert wizard.currentId() == wizard.startId()


def test_tour_writes_one_png_per_page(make_wizard, qtbot, tmp_path):
    wizard = make_wizard()
    task = asyncio.ensure_future(walk(wizard, tmp_path))
    qtbot.waitUntil(task.done, timeout=60_000)
    outcome = task.result()
    assert outcome.code == 0, outcome.reason
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(pngs) == len(wizard.pageIds()) == len(outcome.pages)
    assert all((tmp_path / p).stat().st_size > 5_000 for p in pngs)


def test_next_runs_the_pages_action_then_moves_on(qtbot, qloop):
    from core.session import Session

    calls: list[str] = []
    outcomes = iter([False, True])

    class CreatingPage(AsyncPage):
        def next_action(self):
            async def create() -> bool:
                calls.append("create")
                await asyncio.sleep(0.01)
                return next(outcomes)

            return create()

    wizard = QWizard()
    first, second = CreatingPage(Session()), AsyncPage(Session())
    wizard.addPage(first)
    wizard.addPage(second)
    qtbot.addWidget(wizard)
    wizard.show()
    start = wizard.currentId()
    wizard.next()
    qtbot.waitUntil(lambda: not first.busy, timeout=5_000)
    assert wizard.currentId() == start and calls == ["create"]  # refused: the page stays
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is second, timeout=5_000)
    assert calls == ["create", "create"]
