"""Languages: NestWiz's own translations and Qt's, following the system unless the user chose one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from core import i18n as core_i18n
from core.paths import resource

LANGUAGES = {"en": "English", "fr": "Français"}
SETTING = "ui/language"
_current = "en"


def chosen_language(explicit: str | None = None) -> str:
    """--lang, then the saved setting, then the system's language; English when none is available."""
    saved = QSettings().value(SETTING, "", str)
    for candidate in (explicit, saved if isinstance(saved, str) else "", QLocale.system().name()):
        code = (candidate or "").split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def save_language(code: str) -> None:
    QSettings().setValue(SETTING, code)


def current_language() -> str:
    """The language of the last install_translators() call: English until one is made."""
    return _current


def install_translators(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Load NestWiz's and Qt's translators for `code` (kept alive by the returned list)."""
    global _current
    _current = code
    installed: list[QTranslator] = []
    core_i18n.install(lambda context, text: QCoreApplication.translate(context, text))
    if code == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resource("i18n", f"nestwiz_{code}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
