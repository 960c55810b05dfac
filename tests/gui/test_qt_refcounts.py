"""Guards a PySide6 defect: 6.12.0 lost a reference to True/False each time Qt called a Python bool virtual,
until the interpreter aborted (bool_dealloc). pyproject keeps PySide6 below it; this fails on any that regresses."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWizard, QWizardPage


class _Page(QWizardPage):
    def isComplete(self) -> bool:
        return True


def test_bool_virtuals_keep_their_references(qtbot):
    wizard = QWizard()
    page = _Page()
    wizard.addPage(page)
    qtbot.addWidget(wizard)
    wizard.show()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        page.completeChanged.emit()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
