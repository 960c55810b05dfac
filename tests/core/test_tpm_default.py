"""The virtual TPM is on for every Windows guest by default, not guessed from the ISO's file name: Windows 11
needs TPM 2.0 (https://learn.microsoft.com/windows/whats-new/windows-11-requirements), and evaluation ISOs are named
by build number."""

from __future__ import annotations

import pytest

from core.commands import Command
from core.provision.outer import defaults_for, plan

EVALUATION_ISO = "C:\\ISO\\26100.1742.240906-0331.ge_release_svc_refresh_CLIENTENTERPRISEEVAL_OEMRET_x64FRE_en-us.iso"


@pytest.mark.parametrize("iso", [EVALUATION_ISO, "C:\\ISO\\WindowsServer2022.iso", "C:\\ISO\\Win11_24H2.iso", ""])
def test_every_windows_guest_gets_a_virtual_tpm_whatever_the_iso_is_called(iso: str) -> None:
    options = defaults_for(None, isos=[iso] if iso else [])
    assert options.tpm is True and options.secure_boot_template == "MicrosoftWindows"
    names = [s.command.name for s in plan(options) if isinstance(s.command, Command)]
    assert names.index("Set-VMKeyProtector") < names.index("Enable-VMTPM")  # the key protector first
