"""The host's VMs as a list to pick the outer VM from (the Outer VM and Enable pages)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from core.vm import VmInfo, gigabytes, state_title

NAME = Qt.ItemDataRole.UserRole


class VmPicker(QTreeWidget):
    """One row per VM read by core.vm.read_vms; the pick is kept by name, so a refill keeps it."""

    chosen = Signal(str)  # a VM became the pick: the user's click, or a refill that had to pick another

    def __init__(self, *, nesting_column: bool = False, follow: bool = False, parent: QWidget | None = None) -> None:
        """follow: the pick is always `wanted` (else the first VM), for a page whose pick is the session's VM;
        otherwise the user's pick outlasts a refill and `wanted` only stands in when there is none."""
        super().__init__(parent)
        self.follow = follow
        self.nesting_column = nesting_column
        self.infos: list[VmInfo] = []
        headers = [
            self.tr("Virtual machine"),
            self.tr("State"),
            self.tr("Generation"),
            self.tr("Version"),
            self.tr("Startup memory"),
        ]
        if nesting_column:
            headers.append(self.tr("Nesting"))
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 220)
        for column in range(1, len(headers)):  # short values, but French headers and states run long
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._current_changed)

    def fill(self, infos: list[VmInfo], wanted: str | None) -> None:
        """Show `infos`; pick the current VM if still listed, else `wanted` (following: `wanted`, else the first)."""
        names = [info.name for info in infos]
        before = self.selected_name()
        order = [wanted, names[0] if names else None] if self.follow else [before, wanted]
        pick = next((name for name in order if name in names), None)
        with QSignalBlocker(self):
            self.clear()
            self.infos = list(infos)
            for info in infos:
                item = QTreeWidgetItem(self._row(info))
                item.setData(0, NAME, info.name)
                self.addTopLevelItem(item)
                if info.name == pick:
                    self.setCurrentItem(item)
        if pick is not None and pick != before:
            self.chosen.emit(pick)

    def _row(self, info: VmInfo) -> list[str]:
        row = [
            info.name,
            state_title(info.state),
            str(info.generation),
            info.version,
            gigabytes(info.memory_startup) + (self.tr(" (dynamic)") if info.dynamic_memory else ""),
        ]
        if self.nesting_column:
            row.append(self.tr("exposed") if info.expose_extensions else self.tr("off"))
        return row

    def selected_name(self) -> str | None:
        item = self.currentItem()
        return item.data(0, NAME) if item is not None else None

    def selected(self) -> VmInfo | None:
        name = self.selected_name()
        return next((info for info in self.infos if info.name == name), None)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.chosen.emit(current.data(0, NAME))
