"""A bare PySide6 QWizard: the baseline that NestWiz's start-up, size and memory are measured against."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

PAGE_COUNT = 5


def _page(number: int) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(f"Page {number}")
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel(f"Bare QWizard page {number}."))
    return page


def bare_wizard(pages: int = PAGE_COUNT) -> QWizard:
    wizard = QWizard()
    wizard.setWindowTitle("Bare QWizard")
    for number in range(1, pages + 1):
        wizard.addPage(_page(number))
    return wizard


def main() -> int:
    # Qt consumes its own arguments (-platform offscreen) and leaves ours.
    app = QApplication(sys.argv)
    smoke = "--smoke" in app.arguments()
    wizard = bare_wizard()
    wizard.show()
    if smoke:
        visited: list[int] = [wizard.currentId()]

        def step() -> None:
            if wizard.nextId() == -1:
                print(f"smoke: ok, walked {len(visited)} pages", flush=True)
                wizard.accept()
                app.quit()
                return
            wizard.next()
            visited.append(wizard.currentId())
            QTimer.singleShot(0, step)

        QTimer.singleShot(0, step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
