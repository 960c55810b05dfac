"""The Outer VM and Enable pages fill from typed facts recorded on other hosts (tests/data/probe)."""

from __future__ import annotations

import pytest

from core.host.facts import AMD
from gui.pages.base import AsyncPage
from gui.pages.enable import EnablePage
from gui.pages.outer_vm import OuterVmPage
from gui.wizard import PageId
from tests.core.test_typed_facts_fixtures import FIXTURES, VENDORS, facts_of
from tests.core.test_vm_readiness import ready_vm

WAIT = 10_000


def _settled(wizard) -> bool:
    page = wizard.currentPage()
    return not (isinstance(page, AsyncPage) and page.busy) and page.isComplete()


@pytest.mark.parametrize("name", FIXTURES)
def test_outer_vm_and_enable_pages_fill_from_the_fixture(make_wizard, qtbot, name):
    wizard = make_wizard()
    while wizard.currentId() != PageId.OUTER_VM:
        qtbot.waitUntil(lambda: _settled(wizard), timeout=WAIT)
        if wizard.currentId() == PageId.HOST:
            wizard.session.facts = facts_of(name)  # as if the diagnosis had run on that host
        wizard.next()
    outer = wizard.currentPage()
    assert isinstance(outer, OuterVmPage)
    qtbot.waitUntil(lambda: outer.loaded and not outer.busy, timeout=WAIT)
    assert outer.options.memory_bytes >= 4 * 1024**3 and outer.options.processors >= 2
    below_amd = ready_vm(version="9.0")  # enough for Intel (8.0), not for AMD (9.3)
    outer.selected_vm = lambda: below_amd
    amd = VENDORS[name] == AMD
    assert (outer.readiness().item("version") is not None) == amd

    wizard.setStartId(PageId.ENABLE)
    wizard.restart()
    enable = wizard.currentPage()
    assert isinstance(enable, EnablePage)
    qtbot.waitUntil(lambda: not enable.busy, timeout=WAIT)
    assert enable.cpu_vendor() == (VENDORS[name] or "GenuineIntel")
    enable.selected_vm = lambda: below_amd
    assert (enable.current_readiness().item("version") is not None) == amd
    assert enable.not_elevated() == (name == "win10-not-elevated-hvadmin-fr.json")
