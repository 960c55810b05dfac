"""Integration services are found by Id, not by their localized Name: a German host calls the Guest Service
Interface "Gastdienstschnittstelle" (microsoft/MSLab#422, dsccommunity/HyperVDsc#76)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.commands import Command, Script
from core.errors import CommandRejected
from core.lab.plan import LabPlan
from core.lab.scripts import inner_vm
from core.provision.inner import GUEST_SERVICE_ID, InnerVm, InnerVmPlan, guest_service
from core.provision.network import NetworkPlan
from core.runners.simulated import SimulatedRunner
from tests.core.test_inner_vm import ISO, _ready_outer


async def test_a_german_host_names_the_services_in_german_with_the_same_ids(sim_runner) -> None:
    runner = sim_runner()
    runner.host.state.os.locale = "de-DE"
    records = (await runner.run(Command.of("Get-VMIntegrationService", VMName="Lab-Host01"))).output
    names = [r["Name"] for r in records]
    assert "Gastdienstschnittstelle" in names and "Guest Service Interface" not in names
    service = guest_service(records)
    assert service is not None and service["Name"] == "Gastdienstschnittstelle" and service["Enabled"] is False
    vm = runner.host.find_vms("Lab-Host01")[0]
    assert service["Id"] == f"Microsoft:{vm.id.upper()}\\{GUEST_SERVICE_ID}"
    english = await runner.run(
        Command.of("Get-VMIntegrationService", VMName="Lab-Host01", Name="Guest Service Interface"), check=False
    )
    assert english.output == [] and not english.ok
    error = english.errors[0]
    assert error.message == (
        "Ein Parameter ist ungültig. Es wurde keine Integrationskomponente mit dem angegebenen Namen gefunden."
    )
    assert error.error_id == "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMIntegrationService"
    assert error.category == "InvalidArgument"


async def test_services_piped_by_id_are_enabled(sim_runner) -> None:
    runner = sim_runner()
    runner.host.state.os.locale = "de-DE"
    records = (await runner.run(Command.of("Get-VMIntegrationService", VMName="Lab-Host01"))).output
    assert guest_service(records) is not None
    await runner.run(
        Command.of("Get-VMIntegrationService", VMName="Lab-Host01") | Command.of("Enable-VMIntegrationService")
    )
    assert runner.host.find_vms("Lab-Host01")[0].integration_services["Guest Service Interface"] is True


async def test_an_unmodelled_language_is_refused_not_guessed(sim_runner) -> None:
    runner = sim_runner()
    runner.host.state.os.locale = "ja-JP"
    with pytest.raises(CommandRejected) as caught:
        await runner.run(Command.of("Get-VMIntegrationService", VMName="Lab-Host01"))
    assert caught.value.detail == "SimulationGap"


async def test_the_iso_is_copied_with_copy_vmfile_on_a_german_host(sim_host) -> None:
    host, vm, runner, guest = await _ready_outer(sim_host)
    host.state.os.locale = "de-DE"
    assert isinstance(runner, SimulatedRunner)
    outcome = await InnerVm(runner, guest, "Lab-Host01", InnerVmPlan(iso_path=ISO), NetworkPlan()).run()
    ran = [c for _, c in outcome.ran]
    assert Command.of("Enable-VMIntegrationService", VMName="Lab-Host01", Name="Gastdienstschnittstelle") in ran
    assert "Copy-VMFile" in [c.name for c in ran]
    assert not any(isinstance(c, Script) and c.name == "Copy-FileToGuest.ps1" for c in ran)
    assert vm.integration_services["Guest Service Interface"] is True
    assert vm.guest.host.has_file("C:\\NestWiz\\WindowsServer2022.iso")


def test_the_export_picks_the_service_by_id() -> None:
    plan = replace(LabPlan(), inner=replace(LabPlan().inner, iso_path=ISO))
    text = "\n".join(inner_vm(plan))
    assert f"$_.Id -like '*\\{GUEST_SERVICE_ID}'" in text and "Guest Service Interface'" not in text
