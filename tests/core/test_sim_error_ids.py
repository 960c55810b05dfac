"""The simulated host's error ids are the ones Windows writes (issue 13 m7/m8), not invented or doubled ones."""

from __future__ import annotations

from core.commands import Command
from core.runners.simulated import SimulatedRunner


async def test_install_windows_feature_prerequisite_failure_is_servermanagers_id(sim_host):
    host = sim_host("server-2022-amd-epyc")
    host.state.features["Hyper-V"] = "Available"
    host.state.feature_install_fails = ["Hyper-V"]
    result = await SimulatedRunner(host).run(
        Command.of("Install-WindowsFeature", Name="Hyper-V", IncludeManagementTools=True), check=False
    )
    assert result.errors[0].error_id == (
        "Alteration_PrerequisiteCheck_Failed,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand"
    )
    assert result.errors[0].category == "InvalidOperation"
    assert result.errors[0].message.startswith("A prerequisite check for the Hyper-V feature failed.")


async def test_dism_errors_carry_the_command_class_once(sim_host):
    host = sim_host("hyperv-not-installed")
    result = await SimulatedRunner(host).run(
        Command.of("Enable-WindowsOptionalFeature", Online=True, FeatureName="No-Such-Feature", NoRestart=True),
        check=False,
    )
    assert result.errors[0].error_id == "Microsoft.Dism.Commands.EnableWindowsOptionalFeatureCommand"
    assert result.errors[0].category == "NotSpecified"
    assert result.errors[0].message == "Feature name No-Such-Feature is unknown."


async def test_hyperv_cmdlets_without_the_module_are_not_found(sim_host):
    host = sim_host("hyperv-not-installed")
    result = await SimulatedRunner(host).run(Command.of("Get-VMHost"), check=False)
    assert result.errors[0].error_id == "CommandNotFoundException"
    assert result.errors[0].category == "ObjectNotFound"


# ---------------------------------------------------------------------------------------------- second pass
HYPERV = "Microsoft.HyperV.PowerShell.Commands."


async def _errors(host, command):
    return (await SimulatedRunner(host).run(command, check=False)).errors


async def test_hyperv_ids_name_the_cmdlet_class_without_a_command_suffix(sim_host):
    # "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM" (kubernetes/minikube#8970).
    (error,) = await _errors(sim_host(), Command.of("Get-VM", Name="Missing"))
    assert error.error_id == "InvalidParameter," + HYPERV + "GetVM"
    assert (error.category, error.target) == ("InvalidArgument", "Missing")


async def test_a_vmname_no_vm_has_is_object_not_found_without_a_target(sim_host):
    # Set-VMFirmware -VMName writes ObjectNotFound, category ObjectNotFound, "(:)" (PS-AutoLab-Env#133).
    (error,) = await _errors(sim_host(), Command.of("Set-VMProcessor", VMName="Missing", Count=2))
    assert error.error_id == "ObjectNotFound," + HYPERV + "SetVMProcessor"
    assert (error.category, error.target) == ("ObjectNotFound", "")
    assert error.message == 'Hyper-V was unable to find a virtual machine with name "Missing".'


async def test_start_vm_without_memory_is_out_of_memory_from_std_err(sim_host):
    from core.sim.model import GB, SimVM

    host = sim_host("laptop-8gb")
    host.vms.append(SimVM("Big", memory_startup=6 * GB))
    (error,) = await _errors(host, Command.of("Start-VM", Name="Big"))
    assert error.error_id == "OutOfMemory," + HYPERV + "StartVM"
    assert error.category == "FromStdErr"
    assert error.message.startswith(
        "'Big' failed to start.\nNot enough memory in the system to start the virtual "
        "machine Big.\nCould not initialize memory:"
    )


async def test_a_change_refused_in_the_current_state_says_what_hyperv_says(sim_host):
    (error,) = await _errors(sim_host(), Command.of("Set-VMProcessor", VMName="Ubuntu-Dev", Count=1))
    assert error.error_id == "InvalidState," + HYPERV + "SetVMProcessor"
    assert error.category == "InvalidOperation" and error.target == ""
    assert error.message.endswith("\nThe operation cannot be performed while the object is in its current state.")


async def test_an_unknown_cim_class_is_the_cim_cmdlets_hresult(sim_host):
    (error,) = await _errors(sim_host(), Command.of("Get-CimInstance", ClassName="Win32_NoSuchClass"))
    assert error.error_id == "HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand"
    assert (error.message, error.category) == ("Invalid class", "MetadataError")


async def test_cdxml_ids_end_with_the_cmdlet_name_once(sim_host):
    (error,) = await _errors(sim_host(), Command.of("Get-NetAdapter", Name="No Such NIC"))
    assert error.error_id == "CmdletizationQuery_NotFound_Name,Get-NetAdapter"


async def test_a_duplicate_ip_address_is_windows_system_error_87(sim_host):
    host = sim_host()
    ip = host.ip_addresses[0] if host.ip_addresses else None
    if ip is None:
        await SimulatedRunner(host).run(Command.of("New-VMSwitch", Name="NAT", SwitchType="Internal"))
        await SimulatedRunner(host).run(
            Command.of("New-NetIPAddress", IPAddress="192.168.77.1", PrefixLength=24, InterfaceAlias="vEthernet (NAT)")
        )
        ip = host.ip_addresses[0]
    (error,) = await _errors(
        host, Command.of("New-NetIPAddress", IPAddress=ip.address, PrefixLength=24, InterfaceAlias=ip.interface_alias)
    )
    assert error.error_id == "Windows System Error 87,New-NetIPAddress"
    assert (error.message, error.category, error.target) == (
        "Instance MSFT_NetIPAddress already exists",
        "InvalidArgument",
        "MSFT_NetIPAddress",
    )


async def test_restart_computer_refusal_names_the_computer(sim_host):
    host = sim_host()
    host.state.elevated = False
    (error,) = await _errors(host, Command.of("Restart-Computer", Force=True))
    name = host.state.os.computer_name
    assert error.error_id == "RestartcomputerFailed,Microsoft.PowerShell.Commands.RestartComputerCommand"
    assert error.message == f"Failed to restart the computer {name} with the following error message: Access is denied."
    assert (error.category, error.target) == ("OperationStopped", name)


async def test_a_script_throw_has_its_message_as_id(sim_host):
    from core.commands import Script

    (error,) = await _errors(sim_host(), Script.of("Set-FirstBootDvd.ps1", VMName="Missing"))
    assert error.error_id == error.message == error.target
    assert error.message == "NestWiz expected exactly one virtual machine named 'Missing' and found 0."
    assert error.category == "OperationStopped"


async def test_unknown_windows_answers_are_simulation_refusals(sim_host):
    host = sim_host()
    name = host.switches[0].name
    (error,) = await _errors(host, Command.of("New-VMSwitch", Name=name, SwitchType="Internal"))
    assert error.error_id.startswith("SimulationGap,") and error.category == "NotImplemented"
    assert "does not know" in error.message


async def test_the_enable_wrappers_throw_has_its_message_as_id(sim_runner):
    from core.commands import Script

    runner = sim_runner()
    runner.host.state.elevated = False
    result = await runner.run(
        Script.of("Invoke-EnableNestedVm.ps1", VMName="Lab-Host01", ScriptBase64="", ExpectedSha256=""), check=False
    )
    (error,) = result.errors
    assert error.error_id == error.message == error.target
    assert error.message.startswith("Enable-NestedVm.ps1 needs an elevated session")
    assert error.category == "OperationStopped"
