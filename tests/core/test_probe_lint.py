"""The probe parses, uses only documented 5.1 cmdlets and parameters, and matches the simulated probe's shape."""

from __future__ import annotations

import re

from core.host.diagnose import PROBE as PROBE_CALL
from core.paths import resource
from tests.ps_lint import lint_file

PROBE = resource("scripts", "Get-HostFacts.ps1")


def test_probe_lints_clean():
    assert [str(p) for p in lint_file(PROBE)] == []


def test_probe_reads_no_localized_text():
    text = PROBE.read_text(encoding="utf-8")
    for banned in ("systeminfo", "Get-LocalGroupMember", "Get-ComputerInfo", "Select-String", "whoami"):
        assert banned.lower() not in text.lower(), banned
    assert "S-1-5-32-578" in text  # Hyper-V Administrators by SID


def test_every_section_is_guarded():
    text = PROBE.read_text(encoding="utf-8")
    assert text.count("try {") == text.count("} catch { Add-ProbeError")


async def test_simulated_probe_has_the_same_shape(sim_runner):
    text = PROBE.read_text(encoding="utf-8")
    ps_keys = set(re.findall(r"\$facts\.(\w+) =", text)) | {"ProbeVersion", "Errors"}
    result = await sim_runner("intel-laptop-win11-pro").run(PROBE_CALL)
    sim_keys = set(result.first())
    assert sim_keys == ps_keys
    version = re.search(r"ProbeVersion = (\d+)", text)
    assert version and result.first()["ProbeVersion"] == int(version.group(1))
