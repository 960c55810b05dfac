"""The simulated host's answers to NestWiz's fixed scripts, computed from the same state its cmdlets use."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from core.commands import Script
from core.results import ErrorRecord
from core.sim.engine import RecordSink, Terminating
from core.sim.handlers import system
from core.sim.model import SID_ADMINISTRATORS, SID_HYPERV_ADMINISTRATORS

if TYPE_CHECKING:
    from core.sim.host import SimHost

ScriptHandler = Callable[["SimHost", Script, RecordSink], Awaitable[list[Any]]]
SCRIPTS: dict[str, ScriptHandler] = {}
# Every module that answers a fixed script (with @script), imported before a script is looked up: product modules
# never import the simulator, so none of them can be relied on to have loaded its handler.
SCRIPT_MODULES = ("core.sim.handlers", "core.sim.scripts_enable", "core.sim.scripts_nested")


def script(name: str) -> Callable[[ScriptHandler], ScriptHandler]:
    def register(fn: ScriptHandler) -> ScriptHandler:
        SCRIPTS[name.lower()] = fn
        return fn

    return register


def load_script_modules() -> None:
    for name in SCRIPT_MODULES:
        importlib.import_module(name)


async def run_script(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    load_script_modules()
    handler = SCRIPTS.get(runnable.name.lower())
    if handler is None:
        raise Terminating(
            ErrorRecord(
                f"The simulated host does not know the script '{runnable.name}'; it runs only NestWiz's own scripts.",
                "ScriptNotSimulated",
                "ObjectNotFound",
                runnable.name,
            )
        )
    return await handler(host, runnable, sink)


class _Probe:
    """Adapter so the probe can reuse the CIM record builders, which take a call."""

    def __init__(self, host: SimHost) -> None:
        self.host = host


@script("Get-HostFacts.ps1")
async def host_facts(host: SimHost, runnable: Script, sink: RecordSink) -> list[Any]:
    s = host.state
    probe: Any = _Probe(host)
    os_ = system.os_record(probe)
    device_guard = system.device_guard_record(probe)
    facts: dict[str, Any] = {
        "ProbeVersion": 2,
        "Errors": [],
        "OS": {
            k: os_[k]
            for k in (
                "Caption",
                "Version",
                "BuildNumber",
                "ProductType",
                "OperatingSystemSKU",
                "TotalVisibleMemorySize",
                "FreePhysicalMemory",
                "DataExecutionPrevention_Available",
            )
        },
        "EditionId": s.os.edition_id,
        "Processors": system.processor_records(probe),
        "ComputerSystem": {k: v for k, v in system.computer_system_record(probe).items() if k != "Name"},
        "SystemEnclosure": system.system_enclosure_record(probe),
        "Volumes": [{k: d[k] for k in ("DeviceID", "Size", "FreeSpace")} for d in system.logical_disk_records(probe)],
        "Elevated": s.elevated,
        "HyperVAdministrator": SID_HYPERV_ADMINISTRATORS in s.group_sids,
        "GroupSids": list(s.group_sids) if s.elevated else [sid for sid in s.group_sids if sid != SID_ADMINISTRATORS],
        "RebootPending": s.reboot_pending,
        "DeviceGuard": {"SecurityServicesConfigured": list(device_guard["SecurityServicesRunning"]), **device_guard},
        "Software": list(s.software),
        "PSVersion": f"5.1.{s.os.build}.1000",
        "ExecutionPolicy": s.execution_policy,
    }
    feature = s.features.get(s.hyperv_feature)
    if not s.elevated and not s.os.is_server:
        facts["Errors"].append(
            {
                "Section": "HyperVFeature",
                "ErrorId": "Microsoft.Dism.Commands.GetWindowsOptionalFeatureCommand",
                "Message": "The requested operation requires elevation.",
            }
        )
    elif s.os.is_server:
        state = feature or "Available"
        facts["HyperVFeature"] = {
            "Name": "Hyper-V",
            "Kind": "Role",
            "Installed": state == "Enabled",
            "InstallState": {"Enabled": "Installed", "EnablePending": "InstallPending"}.get(state, "Available"),
        }
    elif feature is None:
        facts["Errors"].append(
            {
                "Section": "HyperVFeature",
                "ErrorId": "Microsoft.Dism.Commands.GetWindowsOptionalFeatureCommand",
                "Message": f"Feature name {s.hyperv_feature} is unknown.",
            }
        )
    else:
        facts["HyperVFeature"] = {"Name": s.hyperv_feature, "Kind": "OptionalFeature", "State": feature}
    module = s.hyperv_module  # Get-Module -ListAvailable -Name Hyper-V: the module feature, not the role
    facts["HyperVModule"] = module
    if module:
        facts["SupportedVersions"] = list(s.supported_versions)
        facts["DefaultVersion"] = s.default_version
        facts["VMHost"] = {"VirtualHardDiskPath": s.vhd_path, "VirtualMachinePath": s.vm_path}
    await host.clock.sleep(1)
    return [facts]
