"""The screenshot tour: walk every page with its defaults, save a PNG per page, report how far it got."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QWizard

from gui.pages.base import AsyncPage

PAGE_TIMEOUT = 120.0


@dataclass
class TourOutcome:
    code: int
    pages: list[str] = field(default_factory=list)
    reason: str = ""

    def summary(self) -> str:
        # ASCII arrows: the line is read from pipes whose encoding may be a Windows code page.
        walked = " -> ".join(self.pages)
        if self.code == 0:
            return f"nestwiz tour: reached the last page ({len(self.pages)} pages: {walked})"
        return f"nestwiz tour: stopped after {len(self.pages)} pages ({walked}): {self.reason}"


async def settle(page: AsyncPage | None, timeout: float = PAGE_TIMEOUT) -> bool:
    """Wait until the page has no work in flight."""
    deadline = time.monotonic() + timeout
    while page is not None and page.busy:
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    # The qasync loop is Qt's: sleeping lets queued paint events run. processEvents() here would also wake other
    # pages' tasks inside this one (the next page starts its work as soon as a Next action moves on).
    await asyncio.sleep(0.05)
    return True


def page_slug(index: int, page: object) -> str:
    name = type(page).__name__.removesuffix("Page").lower() or "page"
    return f"{index:02d}-{name}"


async def walk(wizard: QWizard, out_dir: Path | None) -> TourOutcome:
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    outcome = TourOutcome(code=1)
    index = 0
    while True:
        page = wizard.currentPage()
        if not await settle(page if isinstance(page, AsyncPage) else None):
            outcome.reason = f"the page '{page.title()}' was still busy after {PAGE_TIMEOUT:g} s"
            return outcome
        slug = page_slug(index, page)
        outcome.pages.append(slug)
        if out_dir is not None and not wizard.grab().save(str(out_dir / f"{slug}.png")):
            outcome.reason = f"could not write {out_dir / (slug + '.png')}"
            return outcome
        if wizard.currentId() == max(wizard.pageIds()) or page.isFinalPage():
            outcome.code = 0
            return outcome
        if not page.isComplete():
            reason = page.blocker() if isinstance(page, AsyncPage) else None
            outcome.reason = f"Next is disabled on '{page.title()}': {reason or 'the page is not complete'}"
            return outcome
        before = wizard.currentId()
        wizard.next()
        await asyncio.sleep(0)
        if wizard.currentId() == before and isinstance(page, AsyncPage) and page.busy:
            await settle(page)  # Next started the page's own work (e.g. Create); it moves on when that succeeds
            await asyncio.sleep(0)
        if wizard.currentId() == before:
            banner = page.banner.text() if isinstance(page, AsyncPage) else ""
            outcome.reason = f"the page '{page.title()}' refused to continue. {banner}".strip()
            return outcome
        index += 1
