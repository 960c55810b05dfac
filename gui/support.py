"""Help for support: open the log folder, save a diagnostic bundle (secrets removed), switch language."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from core.paths import log_dir
from core.session import Session
from gui.i18n import LANGUAGES, save_language

log = logging.getLogger("nestwiz.gui")


def open_log_folder() -> bool:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def bundle_name() -> str:
    return f"nestwiz-support-{time.strftime('%Y%m%d-%H%M%S')}.zip"


def write_bundle(session: Session, dest: Path) -> Path:
    from core.lab.plan import dumps
    from core.support import save_bundle  # on use: most runs save no bundle

    plan = dumps(session.plan) if session.plan is not None else None  # the lab plan holds no password
    facts = session.facts.raw if session.facts is not None else None  # what the probe sent, as it sent it
    return save_bundle(dest, facts=facts, plan_text=plan, target=session.target.describe())


class SupportMenu(QMenu):
    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.addAction(self.tr("Open &log folder"), open_log_folder)
        self.addAction(self.tr("Save &diagnostic bundle…"), self.save_bundle)
        languages = self.addMenu(self.tr("&Language"))
        for code, name in LANGUAGES.items():
            action = QAction(name, languages)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            languages.addAction(action)

    def save_bundle(self) -> None:
        default = str(Path.home() / bundle_name())
        path, _ = QFileDialog.getSaveFileName(
            self.parentWidget(), self.tr("Save diagnostic bundle"), default, self.tr("Zip archives (*.zip)")
        )
        if not path:
            return
        written = write_bundle(self.session, Path(path))
        log.info("diagnostic bundle saved to %s", written)
        QMessageBox.information(
            self.parentWidget(),
            self.tr("Diagnostic bundle"),
            self.tr("Saved %1. Passwords and other secrets were removed.").replace("%1", str(written)),
        )

    def choose_language(self, code: str) -> None:
        save_language(code)
        QMessageBox.information(
            self.parentWidget(),
            self.tr("Language"),
            self.tr("NestWiz will use %1 the next time it starts.").replace("%1", LANGUAGES[code]),
        )
