"""The Enable page's script path asks for the same consent as direct settings before NestWiz stops the VM
(Stop-VM -Force) or upgrades its configuration version ahead of Microsoft's script."""

from __future__ import annotations

import pytest

from core.enable.fetch import ScriptCache, Trust
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.sim import scripts_enable
from tests.gui.test_enable_page import STAND_IN, enable_page  # noqa: F401  (the fixture)


def test_a_running_vm_needs_consent_on_the_script_path_too(enable_page, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(scripts_enable, "STAND_IN_DIGESTS", {sha256_hex(STAND_IN)})
    ScriptCache.default().store(ENABLE_NESTED_VM, STAND_IN, source="test kit", trust=Trust.USER_ACCEPTED)

    def choose(session) -> None:
        session.choose_outer_vm("Ubuntu-Dev")  # running

    page = enable_page(choose)
    assert page.use_script.isChecked() and page.selected_vm().name == "Ubuntu-Dev"
    page.stop_ok.setChecked(False)
    blocker = page.blocker()
    assert blocker is not None and "must be shut down" in blocker
    page.stop_ok.setChecked(True)
    assert page.blocker() is None
