"""French is complete: the catalogue is current, compiled, fully translated, and the wizard shows no English."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWizard

ROOT = Path(__file__).resolve().parents[2]


def _load_i18n_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("nestwiz_i18n_tool", ROOT / "packaging" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_tool = _load_i18n_tool()
I18N, release, ts_file, update = _tool.I18N, _tool.release, _tool.ts_file, _tool.update

FRENCH = ts_file("fr")


def messages(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = (translation.text or "", translation.get("type"))
    return found


def test_catalogue_lists_every_string_in_the_code(tmp_path):
    fresh = messages(update(tmp_path)[0])
    committed = messages(FRENCH)
    assert set(fresh) == set(committed), "run: python packaging/i18n.py update, then translate"


def test_every_french_string_is_translated():
    missing = [source for (_, source), (text, kind) in messages(FRENCH).items() if not text.strip() or kind]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


def test_compiled_catalogue_is_current(tmp_path):
    assert release(tmp_path)[0].read_bytes() == (I18N / "nestwiz_fr.qm").read_bytes(), (
        "run: python packaging/i18n.py release"
    )


def _visible_texts(wizard: QWizard) -> list[str]:
    page = wizard.currentPage()
    texts = [page.title(), page.subTitle()]
    for widget in page.findChildren(QLabel) + wizard.findChildren(QAbstractButton):
        if widget.isVisible():
            texts.append(widget.text())
    texts += [box.title() for box in page.findChildren(QGroupBox) if box.isVisible()]
    return [t for t in texts if t]


@pytest.fixture
def french(qapp):
    from gui.i18n import install_translators

    translators = install_translators(qapp, "fr")
    assert len(translators) == 2, "NestWiz's and Qt's French catalogues must both load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    install_translators(qapp, "en")


def test_wizard_in_french_shows_no_english(french, make_wizard, qtbot, tmp_path):
    from gui.tour import settle

    english = {
        source.replace("&", "")
        for (_, source), (text, _) in messages(FRENCH).items()
        if text.replace("&", "") != source.replace("&", "")
    }
    wizard = make_wizard()
    leftovers: list[str] = []

    async def walk() -> None:
        while True:
            page = wizard.currentPage()
            await settle(page)
            if wizard.currentPage() is not page:
                continue  # the page's own work on Next moved on meanwhile: settle the new page first
            leftovers.extend(t for t in _visible_texts(wizard) if t.replace("&", "") in english)
            if wizard.currentId() == max(wizard.pageIds()) or not wizard.currentPage().isComplete():
                return
            wizard.next()
            await asyncio.sleep(0)

    task = asyncio.ensure_future(walk())
    qtbot.waitUntil(task.done, timeout=60_000)
    task.result()
    page = wizard.currentPage()
    assert wizard.currentId() == max(wizard.pageIds()), f"stopped on {type(page).__name__}: {page.banner.text()}"
    assert wizard.button(QWizard.WizardButton.FinishButton).text().replace("&", "") == "Terminer"
    assert not leftovers, f"English left in the French wizard: {leftovers}"
