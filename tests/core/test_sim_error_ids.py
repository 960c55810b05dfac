"""The simulated host's error ids are the ones Windows writes (issue 13 m7/m8), not invented or doubled ones."""

from __future__ import annotations

from core.commands import Command
from core.runners.simulated import SimulatedRunner


async def test_install_windows_feature_prerequisite_failure_is_servermanagers_id(sim_host):
    host = sim_host("server-2022-amd-epyc")
    host.state.features["Hyper-V"] = "Available"
    host.state.feature_install_fails = ["Hyper-V"]
    result = await SimulatedRunner(host).run(
        Command.of("Install-WindowsFeature", Name="Hyper-V", IncludeManagementTools=True), check=False)
    assert result.errors[0].error_id == (
        "Alteration_PrerequisiteCheck_Failed,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand")
    assert result.errors[0].category == "InvalidOperation"
    assert result.errors[0].message.startswith("A prerequisite check for the Hyper-V feature failed.")


async def test_dism_errors_carry_the_command_class_once(sim_host):
    host = sim_host("hyperv-not-installed")
    result = await SimulatedRunner(host).run(
        Command.of("Enable-WindowsOptionalFeature", Online=True, FeatureName="No-Such-Feature", NoRestart=True),
        check=False)
    assert result.errors[0].error_id == "Microsoft.Dism.Commands.EnableWindowsOptionalFeatureCommand"
    assert result.errors[0].category == "NotSpecified"
    assert result.errors[0].message == "Feature name No-Such-Feature is unknown."


async def test_hyperv_cmdlets_without_the_module_are_not_found(sim_host):
    host = sim_host("hyperv-not-installed")
    result = await SimulatedRunner(host).run(Command.of("Get-VMHost"), check=False)
    assert result.errors[0].error_id == "CommandNotFoundException"
    assert result.errors[0].category == "ObjectNotFound"
