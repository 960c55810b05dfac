"""Simulated Windows cmdlets: CIM classes, features, restarts, the Hyper-V host and its switches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.results import ErrorRecord
from core.sim.engine import Call, Terminating, cmdlet
from core.sim.model import HYPERV_MODULE_FEATURE, SERVER_HYPERV_FEATURE, SimSwitch

# DISM cmdlets report every failure with the command's class name as the whole FullyQualifiedErrorId (no id before
# it) and category NotSpecified, e.g. "Feature name ... is unknown." in https://github.com/microsoft/WSL/issues/5864
# and https://github.com/microsoft/WSL/issues/3413 (Enable-WindowsOptionalFeature); Call.fail/error add that class
# name after an empty id (see Call.fq_suffix).
DISM_ERROR = ""


def os_record(call: Call) -> dict[str, Any]:
    s = call.host.state
    return {
        "Caption": s.os.caption,
        "Version": s.os.version,
        "BuildNumber": str(s.os.build),
        "ProductType": s.os.product_type,
        "OperatingSystemSKU": s.os.sku,
        "TotalVisibleMemorySize": s.total_memory // 1024,
        "FreePhysicalMemory": call.host.available_memory() // 1024,
        "DataExecutionPrevention_Available": s.cpu.dep,
        "CSName": s.os.computer_name,
    }


def processor_records(call: Call) -> list[dict[str, Any]]:
    s = call.host.state
    hidden = s.hypervisor_running  # Windows reports False for these once a hypervisor runs
    return [
        {
            "Manufacturer": s.cpu.manufacturer,
            "Name": s.cpu.name,
            "NumberOfCores": s.cpu.cores,
            "NumberOfLogicalProcessors": s.cpu.logical,
            "VirtualizationFirmwareEnabled": False if hidden else s.cpu.firmware_enabled,
            "SecondLevelAddressTranslationExtensions": False if hidden else s.cpu.slat,
            "VMMonitorModeExtensions": False if hidden else s.cpu.vmx,
        }
    ]


def computer_system_record(call: Call) -> dict[str, Any]:
    s = call.host.state
    return {
        "Name": s.os.computer_name,
        "HypervisorPresent": s.hypervisor_running or s.is_virtual_machine,
        "Manufacturer": s.system_manufacturer,
        "Model": s.system_model,
        "TotalPhysicalMemory": s.total_memory,
    }


def system_enclosure_record(call: Call) -> dict[str, Any]:
    # A documented property of Win32_SystemEnclosure
    # (https://learn.microsoft.com/windows/win32/cimwin32prov/win32-systemenclosure).
    return {"SMBIOSAssetTag": call.host.state.chassis_asset_tag}


def logical_disk_records(call: Call) -> list[dict[str, Any]]:
    return [{"DeviceID": v.drive, "Size": v.size, "FreeSpace": v.free, "DriveType": 3} for v in call.host.state.volumes]


def device_guard_record(call: Call) -> dict[str, Any]:
    s = call.host.state
    running = [2] if s.hvci_running else []
    return {"VirtualizationBasedSecurityStatus": s.vbs_status, "SecurityServicesRunning": running}


def _one(build: Callable[[Call], dict[str, Any]]) -> Callable[[Call], list[dict[str, Any]]]:
    return lambda call: [build(call)]


CIM_CLASSES: dict[str, Callable[[Call], list[dict[str, Any]]]] = {
    "win32_operatingsystem": _one(os_record),
    "win32_processor": processor_records,
    "win32_computersystem": _one(computer_system_record),
    "win32_systemenclosure": _one(system_enclosure_record),
    "win32_logicaldisk": logical_disk_records,
    "win32_deviceguard": _one(device_guard_record),
}


@cmdlet("Get-CimInstance", "ClassName Namespace Filter Property")
def get_cim_instance(call: Call) -> list[Any]:
    name = str(call.get("ClassName")).lower()
    produce = CIM_CLASSES.get(name)
    if produce is None:
        # "Get-CimInstance : Invalid class", MetadataError, "HRESULT 0x80041010,Microsoft.Management.Infrastructure.
        # CimCmdlets.GetCimInstanceCommand" (PowerShell/PowerShell test/powershell/Modules/CimCmdlets/
        # CimInstance.Tests.ps1 checks that id; see Call.fq_suffix).
        raise call.fail("Invalid class", "HRESULT 0x80041010", "MetadataError", str(call.get("ClassName")))
    records: list[dict[str, Any]] = produce(call)
    flt = call.get("Filter")
    if flt and name == "win32_logicaldisk":
        drive = str(flt).split("=", 1)[-1].strip().strip("'\"").lower()
        records = [r for r in records if str(r["DeviceID"]).lower() == drive]
    return records


def _feature_name_matches(call: Call, name: str) -> bool:
    return any(n.lower() == name.lower() for n in call.names("FeatureName") + call.names("Name"))


@cmdlet("Get-WindowsOptionalFeature", "Online FeatureName")
def get_windows_optional_feature(call: Call) -> list[Any]:
    s = call.host.state
    if s.os.is_server and not call.names("FeatureName"):
        return []
    if not s.elevated:
        # "The requested operation requires elevation.", NotSpecified, the class as the whole id
        # (https://github.com/MicrosoftDocs/WSL/issues/393; Get-: https://github.com/clong/DetectionLab/issues/637).
        raise call.fail("The requested operation requires elevation.", DISM_ERROR, "NotSpecified")
    out = []
    for name in call.names("FeatureName"):
        state = s.features.get(name)
        if state is None:
            call.error(f"Feature name {name} is unknown.", DISM_ERROR, "NotSpecified", name)
            continue
        out.append({"FeatureName": name, "State": state, "RestartNeeded": state.endswith("Pending")})
    return out


@cmdlet("Enable-WindowsOptionalFeature", "Online FeatureName All NoRestart")
async def enable_windows_optional_feature(call: Call) -> list[Any]:
    host = call.host
    s = host.state
    if not s.elevated:
        raise call.fail("The requested operation requires elevation.", DISM_ERROR, "NotSpecified")
    out = []
    for name in call.names("FeatureName"):
        if name not in s.features:
            call.error(f"Feature name {name} is unknown.", DISM_ERROR, "NotSpecified", name)
            continue
        if name in s.feature_install_fails:
            call.error(dism_install_failure(name), "SimulationGap", "NotImplemented", name)
            continue
        for step in range(0, 101, 25):
            call.progress("Enable-WindowsOptionalFeature", f"Enabling {name}", step)
            await host.clock.sleep(15)
        if s.features[name] != "Enabled":
            s.features[name] = "EnablePending"
            s.reboot_pending = True
        out.append({"Online": True, "RestartNeeded": s.features[name] == "EnablePending"})
    return out


@cmdlet("Get-WindowsFeature", "Name")
def get_windows_feature(call: Call) -> list[Any]:
    s = call.host.state
    if not s.os.is_server:
        # Server Manager's refusal on a client (https://github.com/ansible-collections/ansible.windows/issues/120);
        # its id UnSupportedTargetDevice,...AddWindowsFeatureCommand and category DeviceError appear in a public lab
        # transcript found by code search.
        raise call.fail(
            "The target of the specified cmdlet cannot be a Windows client-based operating system.",
            "UnSupportedTargetDevice",
            "DeviceError",
        )
    out = []
    for name in call.names("Name"):
        state = s.features.get(name, "Available")
        installed = state == "Enabled"
        out.append(
            {
                "Name": name,
                "Installed": installed,
                "InstallState": "Installed"
                if installed
                else ("InstallPending" if state == "EnablePending" else "Available"),
            }
        )
    return out


@cmdlet("Install-WindowsFeature", "Name IncludeManagementTools Restart")
async def install_windows_feature(call: Call) -> list[Any]:
    host = call.host
    s = host.state
    if not s.os.is_server:
        # Server Manager's refusal on a client (https://github.com/ansible-collections/ansible.windows/issues/120);
        # its id UnSupportedTargetDevice,...AddWindowsFeatureCommand and category DeviceError appear in a public lab
        # transcript found by code search.
        raise call.fail(
            "The target of the specified cmdlet cannot be a Windows client-based operating system.",
            "UnSupportedTargetDevice",
            "DeviceError",
        )
    if not s.elevated:
        # Install-WindowsFeature's refusal without elevation was not found in a public record: a simulation refusal.
        raise call.fail(
            "The simulated host runs Install-WindowsFeature only elevated.", "SimulationGap", "PermissionDenied"
        )
    restart = False
    for name in call.names("Name"):
        if name in s.feature_install_fails:
            # Recorded Windows Server output of Install-WindowsFeature Hyper-V on a VM without nested virtualization:
            # "A prerequisite check for the Hyper-V feature failed." with FullyQualifiedErrorId
            # Alteration_PrerequisiteCheck_Failed,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand,
            # category InvalidOperation, target type ServerComponentWrapper (a public Windows-nodes troubleshooting page
            # found by code search; public lab scripts compare $err[0].FullyQualifiedErrorId with exactly this).
            raise call.fail(
                f"A prerequisite check for the {name} feature failed.\n1. Hyper-V cannot be installed: "
                "The processor does not have required virtualization capabilities.",
                "Alteration_PrerequisiteCheck_Failed",
                "InvalidOperation",
                name,
            )
        for step in range(0, 101, 20):
            call.progress("Install-WindowsFeature", f"Installing {name}", step)
            await host.clock.sleep(12)
        if s.features.get(name) != "Enabled":
            s.features[name] = "EnablePending"
            s.reboot_pending = True
            restart = True
        if name.lower() == SERVER_HYPERV_FEATURE.lower() and call.switch("IncludeManagementTools"):
            # -IncludeManagementTools adds the role's tools, its PowerShell module among them (Install-Hyper-V.md:
            # on Server Core it "installs only the PowerShell module"). It works without a restart.
            s.features[HYPERV_MODULE_FEATURE] = "Enabled"
    return [
        {
            "Success": True,
            "RestartNeeded": "Yes" if restart else "No",
            "ExitCode": "SuccessRestartRequired" if restart else "Success",
        }
    ]


def dism_install_failure(name: str) -> str:
    """The refusal for a feature install the profile makes fail: it keeps the error code the profile models
    (0x800f0922) but not a Windows wording or id, which were not found in a public record."""
    return (
        f"The simulated host does not know Windows' message for this: Enable-WindowsOptionalFeature failed for "
        f"{name} with error code 0x800f0922."
    )


@cmdlet("Restart-Computer", "Force")
async def restart_computer(call: Call) -> list[Any]:
    host = call.host
    if not host.state.elevated:
        # ComputerResources.RestartcomputerFailed, "Failed to restart the computer {0} with the following error
        # message: {1}." (PowerShell/PowerShell src/Microsoft.PowerShell.Commands.Management/resources/
        # ComputerResources.resx), id RestartcomputerFailed, category OperationStopped, target the computer name
        # (https://github.com/kubernetes-sigs/sig-windows-dev-tools/issues/1). That an unelevated local restart is
        # refused with "Access is denied" is this simulation's assumption.
        name = host.state.os.computer_name
        raise call.fail(
            f"Failed to restart the computer {name} with the following error message: Access is denied.",
            "RestartcomputerFailed",
            "OperationStopped",
            name,
        )
    parent = host.parent
    if parent is not None:
        for vm in parent.vms:
            if vm.guest is not None and vm.guest.host is host:
                vm.guest.ready_at = parent.clock.now() + vm.guest.boot_seconds * 1.5
    host.boot()
    return []


def vmhost_record(call: Call) -> dict[str, Any]:
    s = call.host.state
    return {
        "ComputerName": s.os.computer_name,
        "LogicalProcessorCount": s.cpu.logical,
        "MemoryCapacity": s.total_memory,
        "VirtualHardDiskPath": s.vhd_path,
        "VirtualMachinePath": s.vm_path,
    }


def require_hyperv_module(call: Call) -> None:
    """A cmdlet of the Hyper-V module in a session without that module: command discovery fails, as for any
    unknown name. Message and id from PowerShell/PowerShell src/System.Management.Automation/resources/
    DiscoveryExceptions.resx (CommandNotFoundException) and engine/CommandDiscovery.cs, whose FullyQualifiedErrorId
    is the bare "CommandNotFoundException" with category ObjectNotFound (a recorded instance:
    https://github.com/MicrosoftDocs/WSL/issues/230)."""
    if not call.host.state.hyperv_module:
        raise Terminating(
            ErrorRecord(
                f"The term '{call.name}' is not recognized as the name of a cmdlet, function, script file, or operable "
                "program. Check the spelling of the name, or if a path was included, verify that the path is correct "
                "and try again.",
                "CommandNotFoundException",
                "ObjectNotFound",
                call.name,
            )
        )


@cmdlet("Get-VMHost", "")
def get_vm_host(call: Call) -> list[Any]:
    require_hyperv_module(call)
    return [vmhost_record(call)]


@cmdlet("Get-VMHostSupportedVersion", "Default")
def get_vm_host_supported_version(call: Call) -> list[Any]:
    require_hyperv_module(call)
    s = call.host.state
    versions = [s.default_version] if call.switch("Default") else s.supported_versions
    return [
        {
            "Name": UNRELEASED_NAMES.get(v, f"Microsoft Windows configuration version {v}"),
            "Version": v,
            "IsDefault": v == s.default_version,
        }
        for v in versions
    ]


# How Get-VMHostSupportedVersion names the two versions that are not releases (the listing in
# https://github.com/dsccommunity/HyperVDsc/issues/55).
UNRELEASED_NAMES = {"254.0": "Prerelease", "255.0": "Experimental"}


def switch_record(switch: SimSwitch) -> dict[str, Any]:
    return {
        "Name": switch.name,
        "Id": switch.id,
        "SwitchType": switch.switch_type,
        "NetAdapterInterfaceDescription": switch.net_adapter,
        "AllowManagementOS": switch.allow_management_os,
    }


@cmdlet("Get-VMSwitch", "Name SwitchType")
def get_vm_switch(call: Call) -> list[Any]:
    require_hyperv_module(call)
    switches = call.host.switches
    names = call.names("Name")
    out = []
    for name in names or [s.name for s in switches]:
        found = call.host.find_switch(name)
        if found is None:
            # The message is Hyper-V's (https://github.com/microsoft/Windows-Admin-Center-Ideas-and-Feedback/issues/97);
            # Get-VMSwitch's InvalidParameter / InvalidArgument is reported from a real Server 2022 bench in a public
            # module's tests found by code search (the same shape as Get-VM's, kubernetes/minikube#8970).
            call.error(
                f'Hyper-V was unable to find a virtual switch with name "{name}".',
                "InvalidParameter",
                "InvalidArgument",
                name,
            )
            continue
        if call.get("SwitchType") and found.switch_type.lower() not in [t.lower() for t in call.names("SwitchType")]:
            continue
        out.append(switch_record(found))
    return out


@cmdlet("New-VMSwitch", "Name SwitchType NetAdapterName AllowManagementOS")
def new_vm_switch(call: Call) -> list[Any]:
    require_hyperv_module(call)
    host = call.host
    name = str(call.get("Name"))
    if host.find_switch(name) is not None:
        # Hyper-V's answer to a second switch of the same name was not found in a public record (switch names need
        # not be unique to Hyper-V: switches are told apart by Id), so the simulated host refuses it.
        raise call.fail(
            f"The simulated host does not know what Windows answers to a second virtual switch named '{name}'.",
            "SimulationGap",
            "NotImplemented",
            name,
        )
    adapter = call.get("NetAdapterName")
    switch = SimSwitch(
        name=name,
        switch_type="External" if adapter else str(call.get("SwitchType")),
        net_adapter=str(adapter) if adapter else None,
        allow_management_os=bool(call.get("AllowManagementOS", True)),
    )
    host.switches.append(switch)
    return [switch_record(switch)]


@cmdlet("Remove-VMSwitch", "Name Force")
def remove_vm_switch(call: Call) -> list[Any]:
    host = call.host
    for name in call.names("Name"):
        found = host.find_switch(name)
        if found is None:
            call.error(
                f'Hyper-V was unable to find a virtual switch with name "{name}".',
                "InvalidParameter",
                "InvalidArgument",
                name,
            )
            continue
        host.switches.remove(found)
        for vm in host.vms:
            for a in vm.adapters:
                if a.switch_name == found.name:
                    a.switch_name = None
    return []
