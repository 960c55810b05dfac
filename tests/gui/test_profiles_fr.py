"""Simulated host profiles carry French titles and descriptions, and the Target page shows them in French."""

from __future__ import annotations

import pytest

from core.sim.host import load_profile, profile_names


@pytest.fixture
def language(qapp):
    """install_language("fr") installs that language's translators; English is back after the test."""
    from gui.i18n import install_translators

    installed = []

    def install(code: str) -> None:
        installed.extend(install_translators(qapp, code))

    yield install
    for translator in installed:
        qapp.removeTranslator(translator)
    install_translators(qapp, "en")


@pytest.mark.parametrize("name", profile_names(include_guests=True))
def test_every_profile_has_a_french_title_and_description(name):
    profile = load_profile(name)
    french = profile["fr"]
    assert set(french) == {"title", "description"}
    assert french["title"] != profile["title"] and french["description"] != profile["description"]


def test_current_language_follows_the_installed_translators(language):
    from gui.i18n import current_language

    assert current_language() == "en"
    language("fr")
    assert current_language() == "fr"


def test_target_page_shows_french_profile_texts(language, make_wizard):
    from gui.wizard import PageId

    language("fr")
    wizard = make_wizard(profile="laptop-8gb")
    page = wizard.page(PageId.TARGET)
    titles = [page.profile.itemText(i) for i in range(page.profile.count())]
    assert "Ordinateur portable Intel, Windows 11 Pro" in titles
    assert "Intel laptop, Windows 11 Pro" not in titles
    wizard.next()
    assert wizard.currentId() == PageId.TARGET
    assert page.simulated.isChecked()
    assert page.profile.currentText() == "Ordinateur portable 8 Go, Windows 10 Pro"
    assert page.profile_help.text() == load_profile("laptop-8gb")["fr"]["description"]


def test_target_page_keeps_english_profile_texts_in_english(language, make_wizard):
    from gui.wizard import PageId

    language("en")
    wizard = make_wizard(profile="win11-home")
    wizard.next()
    page = wizard.page(PageId.TARGET)
    assert page.profile.currentText() == "Windows 11 Home laptop"
    assert page.profile_help.text().startswith("Windows 11 Home has no Hyper-V.")
