"""Host: what the target machine reports about itself (one probe round trip)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from core.commands import Script
from core.session import Session
from gui.pages.base import AsyncPage

PROBE = Script.of("Get-HostFacts.ps1")


class HostPage(AsyncPage):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("The host"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Fact"), self.tr("Value")])
        self.tree.setColumnWidth(0, 320)
        self.again = QPushButton(self.tr("Run &again"))
        self.again.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.again)
        layout.addWidget(self.banner)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.setSubTitle(self.session.target.describe())
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        self.banner.say(self.tr("Reading the host's facts…"))
        self.start(self._probe())

    async def _probe(self) -> None:
        runner = self.session.require_runner()
        result = await runner.run(PROBE, timeout=120)
        facts = result.first() or {}
        self.session.facts = facts
        self._fill(self.tree.invisibleRootItem(), facts)
        self.tree.expandToDepth(0)
        self.banner.say("")

    def _fill(self, parent: QTreeWidgetItem, value: Any) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            item = QTreeWidgetItem(parent, [str(key), "" if isinstance(child, dict | list) else str(child)])
            if isinstance(child, dict | list):
                self._fill(item, child)

    def blocker(self) -> str | None:
        if self.session.facts is None:
            return self.tr("The host's facts have not been read yet.")
        return None
