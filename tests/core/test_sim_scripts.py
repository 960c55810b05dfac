"""The simulated host answers every fixed script NestWiz sends, whichever product modules were imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import core.sim.handlers  # noqa: F401  (first: the cmdlet handlers import core.sim.scripts themselves)
from core.paths import resource
from core.sim.scripts import SCRIPT_MODULES

ROOT = Path(__file__).resolve().parents[2]
# Runner plumbing, never sent as a Script: the local wrapper, the remote pipeline shim, PowerShell Direct's dispatcher.
PLUMBING = {"NestWiz-Invoke.ps1", "NestWiz-Pipeline.ps1", "Invoke-DirectRequest.ps1"}


def test_every_script_module_is_loaded_before_a_lookup():
    found = {f"core.sim.{p.stem}" for p in (ROOT / "core" / "sim").glob("scripts_*.py")}
    assert found <= set(SCRIPT_MODULES)


def test_a_fresh_simulated_host_knows_every_fixed_script():
    names = sorted(p.name for p in resource("scripts").glob("*.ps1") if p.name not in PLUMBING)
    assert "Copy-FileToGuest.ps1" in names
    # A new interpreter that imports the simulated host alone: no product module has loaded a handler for it.
    code = (
        "import asyncio\n"
        "from core.commands import Script\n"
        "from core.clock import ScaledClock\n"
        "from core.sim.host import SimHost\n"
        "host = SimHost.from_profile('intel-laptop-win11-pro', clock=ScaledClock(1e6))\n"
        "async def main():\n"
        f"    for name in {names!r}:\n"
        "        result = await host.execute(Script.of(name))\n"
        "        unknown = [e for e in result.errors if e.error_id.startswith('ScriptNotSimulated')]\n"
        "        assert not unknown, (name, unknown)\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
