"""A new VM's configuration version: the host's default, never the prerelease (254.0) or experimental (255.0) one
that Get-VMHostSupportedVersion also lists (https://github.com/dsccommunity/HyperVDsc/issues/55)."""

from __future__ import annotations

import pytest

from core.commands import Command
from core.errors import CommandRejected
from core.host.diagnose import diagnose
from core.lab.fit import fitted_plan
from core.lab.plan import TargetPlan
from core.provision.outer import default_version, defaults_for, highest_version

PROFILE = "intel-laptop-win11-pro"  # lists 254.0 and 255.0; its default is 11.0


def test_the_highest_released_version_leaves_out_prerelease_and_experimental() -> None:
    assert highest_version(["8.0", "9.0", "10.0", "11.0", "254.0", "255.0"]) == "11.0"
    assert highest_version(["254.0", "255.0"]) == ""
    assert default_version("", ["9.0", "255.0"]) == "9.0"
    assert default_version("255.0", ["9.0", "255.0"]) == "9.0"
    assert default_version("10.0", ["9.0", "10.0", "11.0", "254.0"]) == "10.0"  # the host's own default first


async def test_the_simulated_host_lists_them_and_the_defaults_take_the_hosts_default(sim_runner) -> None:
    runner = sim_runner(PROFILE)
    listed = (await runner.run(Command.of("Get-VMHostSupportedVersion"))).output
    assert {r["Version"]: r["Name"] for r in listed}["255.0"] == "Experimental"
    facts = (await diagnose(runner)).facts
    assert "255.0" in (facts.supported_versions or [])
    assert defaults_for(facts).version == "11.0"
    plan = await fitted_plan(runner, TargetPlan("simulated", PROFILE))
    assert plan.outer.options.version == "11.0"


async def test_the_version_check_names_the_highest_released_version(sim_runner) -> None:
    diagnosis = await diagnose(sim_runner(PROFILE))
    check = next(c for c in diagnosis.checks if c.id == "config-version")
    assert "up to 11.0" in check.sentence and "255" not in check.sentence


async def test_the_simulated_host_makes_no_vm_of_an_unreleased_version(sim_runner) -> None:
    runner = sim_runner(PROFILE)
    with pytest.raises(CommandRejected, match=r"255\.0") as caught:
        await runner.run(Command.of("New-VM", Name="Exp", Generation=2, Version="255.0", NoVHD=True))
    assert caught.value.detail == "SimulationGap"
    assert not runner.host.find_vms("Exp")
