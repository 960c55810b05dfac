"""Simulated Hyper-V VM cmdlets: lifecycle, processor, memory, network adapters, versions, checkpoints."""

from __future__ import annotations

import re
from typing import Any

from core.errors import CommandRejected
from core.sim.engine import Call, cmdlet
from core.sim.handlers.system import require_hyperv_module
from core.sim.model import MB, SimAdapter, SimCheckpoint, SimVM

VM_STATES_RUNNING = ("Running", "Paused", "Starting")
_NAME_INVALID_IN_PATH = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def vm_record(call: Call, vm: SimVM) -> dict[str, Any]:
    host = call.host
    return {
        "Name": vm.name,
        "Id": vm.id,
        "VMId": vm.id,
        "State": vm.state,
        "Generation": vm.generation,
        "Version": vm.version,
        "ProcessorCount": vm.processor_count,
        "MemoryStartup": vm.memory_startup,
        "DynamicMemoryEnabled": vm.dynamic_memory,
        "MemoryMinimum": vm.memory_minimum,
        "MemoryMaximum": vm.memory_maximum,
        "Heartbeat": host.heartbeat(vm),
        "Status": "Operating normally",
        "Path": vm.path,
        "CheckpointType": vm.checkpoint_type,
        "AutomaticCheckpointsEnabled": vm.automatic_checkpoints,
        "ParentSnapshotId": vm.checkpoints[-1].id if vm.checkpoints else None,
        "Notes": vm.notes,
        "Uptime": _uptime(call, vm),
    }


def _uptime(call: Call, vm: SimVM) -> float:
    if vm.state != "Running" or vm.started_at is None:
        return 0.0
    return max(0.0, call.host.clock.now() - vm.started_at)


GAP = "The simulated host does not know Windows' error for this: "
"""The start of a simulation refusal's message (error id SimulationGap): Windows' answer was not found in a public
record, so the simulated host says what it refuses instead of inventing an id."""


def vms_for(call: Call, names: list[str] | None = None) -> list[SimVM]:
    """VMs named by -Name/-VMName (wildcards allowed), by piped VM objects, or all of them."""
    host = call.host
    if call.has("Id"):
        by_id = [vm for vm in host.vms if vm.id.lower() == str(call.get("Id")).lower()]
        if not by_id:
            # What Hyper-V writes for an -Id no VM has was not found in a public record: a simulation refusal.
            call.error(
                f'{GAP}it was unable to find a virtual machine with ID "{call.get("Id")}".',
                "SimulationGap",
                "NotImplemented",
                str(call.get("Id")),
            )
        return by_id
    wanted = names if names is not None else (call.names("Name") or call.names("VMName"))
    if not wanted and call.input:
        piped = {str(o.get("VMId") or o.get("Id")) for o in call.input if isinstance(o, dict)}
        return [vm for vm in host.vms if vm.id in piped]
    if not wanted:
        return list(host.vms)
    found: list[SimVM] = []
    for name in wanted:
        if any(ch in name for ch in "*?["):
            pattern = re.compile(_wildcard(name), re.IGNORECASE)
            found.extend(vm for vm in host.vms if pattern.fullmatch(vm.name))
            continue
        matches = host.find_vms(name)
        if not matches:
            _vm_not_found(call, name)
        found.extend(matches)
    return found


def _vm_not_found(call: Call, name: str) -> None:
    """Hyper-V's answer to a VM name that matches none. Get-VM -Name writes InvalidParameter, category
    InvalidArgument, target the name; a cmdlet that takes -VMName writes the same message as ObjectNotFound, category
    ObjectNotFound, no target (both in one transcript: https://github.com/pluralsight/PS-AutoLab-Env/issues/133;
    Get-VM again: https://github.com/kubernetes/minikube/issues/8970; Set-VMGpuPartitionAdapter:
    https://github.com/jamesstringer90/Easy-GPU-PV/issues/449)."""
    message = f'Hyper-V was unable to find a virtual machine with name "{name}".'
    if call.name == "Get-VM":
        call.error(message, "InvalidParameter", "InvalidArgument", name)
    else:
        call.error(message, "ObjectNotFound", "ObjectNotFound")


def _wildcard(pattern: str) -> str:
    return "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)


def _must_be_off(call: Call, vm: SimVM, what: str) -> bool:
    if vm.state == "Off":
        return True
    # Hyper-V's refusal for a VM in the wrong state: "Modifying the properties of '<vm>' failed.\nThe operation
    # cannot be performed while the object is in its current state.", InvalidState, category InvalidOperation, no
    # target (Set-VM: https://github.com/canonical/multipass/issues/4204).
    call.error(
        f"{what}\nThe operation cannot be performed while the object is in its current state.",
        "InvalidState",
        "InvalidOperation",
    )
    return False


@cmdlet("Get-VM", "Name Id")
def get_vm(call: Call) -> list[Any]:
    require_hyperv_module(call)
    return [vm_record(call, vm) for vm in vms_for(call)]


@cmdlet("Start-VM", "Name VM Passthru AsJob")
async def start_vm(call: Call) -> list[Any]:
    host = call.host
    out = []
    for vm in vms_for(call):
        if vm.state == "Running":
            call.warning(f"The virtual machine '{vm.name}' is already in the specified state.")
            continue
        if vm.expose_virtualization_extensions:
            reason = host.nesting_block_reason(vm)
            if reason:
                # The failure's wording and id for this reason were not found in a public record.
                call.error(
                    f"The simulated host does not know what Windows answers when '{vm.name}' cannot start: {reason}.",
                    "SimulationGap",
                    "NotImplemented",
                    vm.name,
                )
                continue
        if not host.state.hypervisor_running:
            # The message is Windows' ("'AzS-DC01' failed to start.\nVirtual machine 'AzS-DC01' could not be started
            # because the hypervisor is not running.", an Azure Stack install log quoted in public notes found by code
            # search; Microsoft: https://blogs.technet.microsoft.com/virtualization/2009/09/28/how-to-fix-hypervisor-not-running/);
            # its error id and category were not found in a public record, so they say so.
            call.error(
                f"'{vm.name}' failed to start.\nVirtual machine '{vm.name}' could not be started because the "
                "hypervisor is not running.\n(The simulated host does not know the error id Windows gives this.)",
                "SimulationGap",
                "NotImplemented",
                vm.name,
            )
            continue
        if vm.state != "Saved" and vm.memory_startup > host.available_memory():
            # Start-VM's answer, id OutOfMemory, category FromStdErr, no target
            # (https://github.com/kubernetes/minikube/issues/18049, https://github.com/canonical/multipass/issues/3345).
            call.error(
                f"'{vm.name}' failed to start.\nNot enough memory in the system to start the virtual machine "
                f"{vm.name}.\nCould not initialize memory: Not enough memory resources are available to complete "
                f"this operation. (0x8007000E).\n'{vm.name}' failed to start. (Virtual machine ID {vm.id.upper()})\n"
                f"Not enough memory in the system to start the virtual machine {vm.name} with ram size "
                f"{vm.memory_startup // MB} megabytes. (Virtual machine ID {vm.id.upper()})",
                "OutOfMemory",
                "FromStdErr",
            )
            continue
        call.progress("Start-VM", f"Starting {vm.name}", 50)
        await host.clock.sleep(2)
        vm.state = "Running"
        host.boot_guest(vm)
        if call.switch("Passthru"):
            out.append(vm_record(call, vm))
    return out


@cmdlet("Stop-VM", "Name VM Force TurnOff Save Passthru AsJob")
async def stop_vm(call: Call) -> list[Any]:
    host = call.host
    out = []
    for vm in vms_for(call):
        if vm.state in ("Off", "Saved") and not call.switch("Save"):
            if vm.state == "Saved" and call.switch("TurnOff"):
                vm.state = "Off"
            continue
        if call.switch("Save"):
            if vm.state != "Running":
                # Not found in a public record, here and in the refusals marked SimulationGap below.
                call.error(
                    f"{GAP}the virtual machine '{vm.name}' cannot be saved in its current state ({vm.state}).",
                    "SimulationGap",
                    "NotImplemented",
                    vm.name,
                )
                continue
            await host.clock.sleep(3)
            vm.state = "Saved"
        elif call.switch("TurnOff"):
            vm.state = "Off"
        else:
            if not host.vm_ready(vm) or not vm.integration_services.get("Shutdown", False):
                # What Stop-VM writes for a guest whose shutdown integration service does not answer was not found
                # in a public record: a simulation refusal, not a Windows-looking id.
                call.error(
                    f"The virtual machine '{vm.name}' could not be shut down: the shutdown integration service "
                    "is not available (no guest operating system is running, or it has not finished booting). "
                    "Use -TurnOff to turn it off.",
                    "SimulationGap",
                    "InvalidOperation",
                    vm.name,
                )
                continue
            if vm.guest is not None and vm.guest.locked and not call.switch("Force"):
                # Stop-VM's docs: "If the virtual machine is locked, it is shut down immediately" with -Force
                # (https://learn.microsoft.com/powershell/module/hyper-v/stop-vm); without it, WMI's shutdown
                # returns 32781 "The machine is locked and cannot be shut down without the force option"
                # (https://learn.microsoft.com/windows/win32/hyperv_v2/msvm-shutdowncomponent-initiateshutdown).
                # What Stop-VM then reports (a prompt, an error, its ID) is not documented: refused, not guessed.
                raise CommandRejected(
                    f"The simulated host does not model Stop-VM without -Force on the locked guest of '{vm.name}': "
                    "Windows' answer to it is not documented (the shutdown component refuses a locked machine "
                    "without the force option).",
                    detail="SimulationGap",
                )
            await host.clock.sleep(1 if call.switch("Force") and vm.guest is not None and vm.guest.locked else 8)
            vm.state = "Off"
        vm.started_at = None
        if vm.guest is not None:
            vm.guest.ready_at = None
        if call.switch("Passthru"):
            out.append(vm_record(call, vm))
    return out


@cmdlet("Restart-VM", "Name VM Force Wait For Timeout Delay Passthru AsJob")
async def restart_vm(call: Call) -> list[Any]:
    host = call.host
    for vm in vms_for(call):
        if vm.state != "Running":
            call.error(
                f"{GAP}the virtual machine '{vm.name}' is not running.", "SimulationGap", "NotImplemented", vm.name
            )
            continue
        host.boot_guest(vm)
        if call.switch("Wait") and vm.guest is not None and vm.guest.heartbeat_works:
            await host.clock.sleep(vm.guest.boot_seconds)
    return []


@cmdlet("Remove-VMSavedState", "VMName VM")
def remove_saved_state(call: Call) -> list[Any]:
    for vm in vms_for(call, call.names("VMName") or None):
        if vm.state != "Saved":
            call.error(
                f"{GAP}'{vm.name}' is {vm.state}, not Saved, so it has no saved state to remove.",
                "SimulationGap",
                "NotImplemented",
                vm.name,
            )
            continue
        vm.state = "Off"
    return []


def processor_record(vm: SimVM) -> dict[str, Any]:
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "Count": vm.processor_count,
        "ExposeVirtualizationExtensions": vm.expose_virtualization_extensions,
    }


@cmdlet("Get-VMProcessor", "VMName VM")
def get_vm_processor(call: Call) -> list[Any]:
    return [processor_record(vm) for vm in vms_for(call, call.names("VMName") or None)]


@cmdlet("Set-VMProcessor", "VMName VM Count ExposeVirtualizationExtensions Passthru")
def set_vm_processor(call: Call) -> list[Any]:
    host = call.host
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        count = call.get("Count")
        expose = call.get("ExposeVirtualizationExtensions")
        changes = (count is not None and count != vm.processor_count) or (
            expose is not None and expose != vm.expose_virtualization_extensions
        )
        if changes and not _must_be_off(
            call,
            vm,
            f"Failed to modify device 'Processor'.\nCannot change the processor functionality of "
            f"virtual machine '{vm.name}' while it is running.",
        ):
            continue
        if count is not None:
            if count < 1 or count > host.state.cpu.logical:
                call.error(
                    f"{GAP}the virtual machine '{vm.name}' cannot have {count} virtual processors; this "
                    f"host has {host.state.cpu.logical} logical processors.",
                    "SimulationGap",
                    "NotImplemented",
                    vm.name,
                )
                continue
            vm.processor_count = count
        if expose is not None:
            vm.expose_virtualization_extensions = expose
        if call.switch("Passthru"):
            out.append(processor_record(vm))
    return out


def memory_record(vm: SimVM) -> dict[str, Any]:
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "Startup": vm.memory_startup,
        "DynamicMemoryEnabled": vm.dynamic_memory,
        "Minimum": vm.memory_minimum,
        "Maximum": vm.memory_maximum,
    }


@cmdlet("Get-VMMemory", "VMName VM")
def get_vm_memory(call: Call) -> list[Any]:
    return [memory_record(vm) for vm in vms_for(call, call.names("VMName") or None)]


@cmdlet("Set-VMMemory", "VMName VM DynamicMemoryEnabled StartupBytes MinimumBytes MaximumBytes Passthru")
def set_vm_memory(call: Call) -> list[Any]:
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        dynamic = call.get("DynamicMemoryEnabled")
        startup = call.get("StartupBytes")
        if vm.state == "Saved":
            _must_be_off(call, vm, "Failed to modify device 'Memory'.")
            continue
        if vm.state in ("Running", "Paused"):
            if dynamic is not None and dynamic != vm.dynamic_memory:
                call.error(
                    f"{GAP}Dynamic memory cannot be turned on or off while '{vm.name}' is running.",
                    "SimulationGap",
                    "NotImplemented",
                    vm.name,
                )
                continue
            guest = vm.guest
            nested_running = guest is not None and guest.host.state.hypervisor_running
            if startup is not None and startup != vm.memory_startup and (nested_running or vm.dynamic_memory):
                reason = (
                    (
                        "Hyper-V is running inside the virtual machine, so its memory can only be changed "
                        "while it is turned off"
                    )
                    if nested_running
                    else ("the startup memory of a VM with dynamic memory can only be changed while it is off")
                )
                call.error(f"{GAP}'{vm.name}': {reason}.", "SimulationGap", "NotImplemented", vm.name)
                continue
        if startup is not None:
            if startup < 32 * MB or startup % (2 * MB):
                call.error(
                    f"{GAP}the startup memory of '{vm.name}' must be at least 32 MB and a multiple of 2 MB.",
                    "SimulationGap",
                    "NotImplemented",
                    vm.name,
                )
                continue
            vm.memory_startup = startup
        if dynamic is not None:
            vm.dynamic_memory = dynamic
        if call.get("MinimumBytes") is not None:
            vm.memory_minimum = call.get("MinimumBytes")
        if call.get("MaximumBytes") is not None:
            vm.memory_maximum = call.get("MaximumBytes")
        if call.switch("Passthru"):
            out.append(memory_record(vm))
    return out


def adapter_record(vm: SimVM, adapter: SimAdapter) -> dict[str, Any]:
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "Name": adapter.name,
        "Id": adapter.id,
        "SwitchName": adapter.switch_name,
        "MacAddress": adapter.mac,
        "DynamicMacAddressEnabled": adapter.dynamic_mac,
        "MacAddressSpoofing": adapter.mac_spoofing,
        "IsManagementOs": False,
    }


def adapters_for(call: Call) -> list[tuple[SimVM, SimAdapter]]:
    host = call.host
    if call.input and not call.has("VMName"):
        ids = {str(o.get("Id")) for o in call.input if isinstance(o, dict)}
        return [(vm, a) for vm in host.vms for a in vm.adapters if a.id in ids]
    pairs = []
    name = call.get("Name")
    for vm in vms_for(call, call.names("VMName") or None):
        for adapter in vm.adapters:
            if name is None or adapter.name.lower() == str(name).lower():
                pairs.append((vm, adapter))
    return pairs


@cmdlet("Get-VMNetworkAdapter", "VMName VM Name All")
def get_vm_network_adapter(call: Call) -> list[Any]:
    return [adapter_record(vm, a) for vm, a in adapters_for(call)]


@cmdlet("Set-VMNetworkAdapter", "VMName VMNetworkAdapter Name MacAddressSpoofing Passthru")
def set_vm_network_adapter(call: Call) -> list[Any]:
    out = []
    for vm, adapter in adapters_for(call):
        spoofing = call.get("MacAddressSpoofing")
        if spoofing is not None:
            adapter.mac_spoofing = "On" if str(spoofing).lower() == "on" else "Off"
        if call.switch("Passthru"):
            out.append(adapter_record(vm, adapter))
    return out


@cmdlet("Connect-VMNetworkAdapter", "VMName Name SwitchName Passthru")
def connect_vm_network_adapter(call: Call) -> list[Any]:
    switch_name = str(call.get("SwitchName"))
    switch = call.host.find_switch(switch_name)
    if switch is None:
        raise call.fail(
            f'Hyper-V was unable to find a virtual switch with name "{switch_name}".',
            "InvalidParameter",
            "InvalidArgument",
            switch_name,
        )
    for _, adapter in adapters_for(call):
        adapter.switch_name = switch.name
    return []


@cmdlet("Add-VMNetworkAdapter", "VMName Name SwitchName Passthru")
def add_vm_network_adapter(call: Call) -> list[Any]:
    switch_name = call.get("SwitchName")
    if switch_name is not None and call.host.find_switch(switch_name) is None:
        raise call.fail(
            f'Hyper-V was unable to find a virtual switch with name "{switch_name}".',
            "InvalidParameter",
            "InvalidArgument",
            switch_name,
        )
    out = []
    for vm in vms_for(call, call.names("VMName") or None):
        adapter = SimAdapter(name=call.get("Name", "Network Adapter"), switch_name=switch_name)
        vm.adapters.append(adapter)
        if call.switch("Passthru"):
            out.append(adapter_record(vm, adapter))
    return out


@cmdlet("Update-VMVersion", "Name VMName VM Force")
def update_vm_version(call: Call) -> list[Any]:
    host = call.host
    for vm in vms_for(call, call.names("Name") or call.names("VMName") or None):
        if not _must_be_off(call, vm, f"Cannot upgrade the configuration version of '{vm.name}'."):
            continue
        vm.version = host.state.default_version
    return []


@cmdlet(
    "Set-VM",
    "Name VMName VM CheckpointType AutomaticCheckpointsEnabled Notes ProcessorCount "
    "MemoryStartupBytes StaticMemory DynamicMemory Passthru",
)
def set_vm(call: Call) -> list[Any]:
    out = []
    for vm in vms_for(call, call.names("Name") or call.names("VMName") or None):
        if call.get("CheckpointType") is not None:
            vm.checkpoint_type = str(call.get("CheckpointType"))
        if call.get("AutomaticCheckpointsEnabled") is not None:
            vm.automatic_checkpoints = bool(call.get("AutomaticCheckpointsEnabled"))
        if call.get("Notes") is not None:
            vm.notes = str(call.get("Notes"))
        if call.get("ProcessorCount") is not None:
            if not _must_be_off(call, vm, "Failed to modify device 'Processor'."):
                continue
            vm.processor_count = int(call.get("ProcessorCount"))
        if call.switch("StaticMemory") or call.switch("DynamicMemory"):
            if not _must_be_off(call, vm, "Failed to modify device 'Memory'."):
                continue
            vm.dynamic_memory = call.switch("DynamicMemory")
        if call.get("MemoryStartupBytes") is not None:
            vm.memory_startup = int(call.get("MemoryStartupBytes"))
        if call.switch("Passthru"):
            out.append(vm_record(call, vm))
    return out


@cmdlet("Checkpoint-VM", "Name VM SnapshotName Passthru")
def checkpoint_vm(call: Call) -> list[Any]:
    for vm in vms_for(call):
        if vm.checkpoint_type == "Disabled":
            call.error(f"{GAP}checkpoints are disabled for '{vm.name}'.", "SimulationGap", "NotImplemented", vm.name)
            continue
        vm.checkpoints.append(SimCheckpoint(call.get("SnapshotName") or f"{vm.name} - checkpoint"))
    return []


@cmdlet("Get-VMSnapshot", "VMName VM Name")
def get_vm_snapshot(call: Call) -> list[Any]:
    return [
        {"VMName": vm.name, "Name": c.name, "Id": c.id}
        for vm in vms_for(call, call.names("VMName") or None)
        for c in vm.checkpoints
    ]


@cmdlet("Remove-VMSnapshot", "VMName VM Name IncludeAllChildSnapshots")
def remove_vm_snapshot(call: Call) -> list[Any]:
    wanted = call.names("Name")
    for vm in vms_for(call, call.names("VMName") or None):
        vm.checkpoints = [c for c in vm.checkpoints if wanted and c.name not in wanted]
    return []


# Each integration service by the Id suffix Get-VMIntegrationService reports ("Microsoft:<VMId>\<suffix>"), and its
# Name, which Windows localizes. Ids: https://github.com/dsccommunity/HyperVDsc/issues/76 (Guest Service Interface),
# https://github.com/pluralsight/PS-AutoLab-Env/issues/237 (Heartbeat, a serialized record), the other four as
# public Hyper-V DSC configurations list them beside their German names; German names: a German host's listing in
# https://github.com/docker/for-win/issues/409 and https://github.com/PlagueHO/LabBuilder/issues/183.
INTEGRATION_SERVICES: dict[str, tuple[str, dict[str, str]]] = {
    "Guest Service Interface": ("6C09BB55-D683-4DA0-8931-C9BF705F6480", {"de": "Gastdienstschnittstelle"}),
    "Heartbeat": ("84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47", {"de": "Takt"}),
    "Key-Value Pair Exchange": ("2A34B1C2-FD73-4043-8A5B-DD2159BC743F", {"de": "Austausch von Schlüsselwertepaaren"}),
    "Shutdown": ("9F8233AC-BE49-4C79-8EE3-E7E1985B2077", {"de": "Herunterfahren"}),
    "Time Synchronization": ("2497F4DE-E9FA-4204-80E4-4B75C46419C0", {"de": "Zeitsynchronisierung"}),
    "VSS": ("5CED1297-4598-4915-A5FC-AD21BB4D02A4", {"de": "VSS"}),
}
MODELLED_LANGUAGES = ("en", "de")


def _language(call: Call) -> str:
    language = call.host.state.os.locale.split("-")[0].lower()
    if language not in MODELLED_LANGUAGES:
        raise CommandRejected(
            f"The simulated host does not know the integration services' names in "
            f"{call.host.state.os.locale}; it models English and German hosts only.",
            detail="SimulationGap",
        )
    return language


def service_name(service: str, language: str) -> str:
    """A service's Name as Windows shows it in that language."""
    return INTEGRATION_SERVICES[service][1].get(language, service) if language != "en" else service


def service_id(vm: SimVM, service: str) -> str:
    return f"Microsoft:{vm.id.upper()}\\{INTEGRATION_SERVICES[service][0]}"


def _named(call: Call, vm: SimVM, language: str) -> list[str]:
    """The services -Name selects (localized names, any case); a name none has is refused as Windows refuses it."""
    wanted = call.names("Name")
    if not wanted:
        return list(vm.integration_services)
    found = []
    for name in wanted:
        key = next((k for k in vm.integration_services if service_name(k, language).lower() == name.lower()), None)
        if key is not None:
            found.append(key)
        elif language == "de":
            # A German host's answer to an English name (https://github.com/PlagueHO/LabBuilder/issues/183).
            call.error(
                "Ein Parameter ist ungültig. Es wurde keine Integrationskomponente mit dem angegebenen Namen gefunden.",
                "InvalidParameter",
                "InvalidArgument",
                vm.name,
            )
        else:
            raise CommandRejected(
                f"The simulated host does not know Windows' English error for an integration "
                f"service named '{name}' that '{vm.name}' does not have.",
                detail="SimulationGap",
            )
    return found


def _service_record(call: Call, vm: SimVM, service: str, language: str) -> dict[str, Any]:
    enabled = vm.integration_services[service]
    ok = enabled and call.host.vm_ready(vm)
    return {
        "VMName": vm.name,
        "VMId": vm.id,
        "Name": service_name(service, language),
        "Id": service_id(vm, service),
        "Enabled": enabled,
        "PrimaryStatusDescription": "OK" if ok else "No Contact",
        "SecondaryStatusDescription": "OK" if ok else None,
    }


@cmdlet("Get-VMIntegrationService", "VMName VM Name")
def get_vm_integration_service(call: Call) -> list[Any]:
    language = _language(call)
    return [
        _service_record(call, vm, service, language)
        for vm in vms_for(call, call.names("VMName") or None)
        for service in _named(call, vm, language)
    ]


@cmdlet("Enable-VMIntegrationService", "VMName VM Name VMIntegrationService Passthru")
def enable_vm_integration_service(call: Call) -> list[Any]:
    language = _language(call)
    if call.input and not call.has("VMName"):
        ids = {str(o.get("Id")).lower() for o in call.input if isinstance(o, dict)}
        for vm in call.host.vms:
            for service in vm.integration_services:
                if service_id(vm, service).lower() in ids:
                    vm.integration_services[service] = True
        return []
    for vm in vms_for(call, call.names("VMName") or None):
        for service in _named(call, vm, language):
            vm.integration_services[service] = True
    return []


@cmdlet("Remove-VM", "Name VM Force Passthru")
def remove_vm(call: Call) -> list[Any]:
    host = call.host
    for vm in vms_for(call):
        if not _must_be_off(call, vm, f"Cannot delete '{vm.name}'."):
            continue
        host.vms.remove(vm)
    return []
