"""The host checks: each turns facts into pass / warn / fail / unknown, a sentence, and a remedy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.host import remedies
from core.host.facts import HostFacts
from core.host.remedies import Remedy

GB = 1024**3
INTEL_MIN_BUILD = 14393  # Windows 10 1607 / Server 2016: VM configuration version 8.0
AMD_MIN_BUILD_CLIENT = 22000  # Windows 11
AMD_MIN_BUILD_SERVER = 20348  # Windows Server 2022
INTEL_MIN_VERSION = (8, 0)
AMD_MIN_VERSION = (9, 3)
# OperatingSystemSKU values of Home editions (sysinfoapi GetProductInfo): Core, Core N, Core China,
# Core Single Language, and the older Home Basic / Home Premium and their N variants.
HOME_SKUS = frozenset({98, 99, 100, 101, 2, 3, 5, 26})
DEFAULT_VHD_PATH = "C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks"


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Plan:
    """What the user plans: memory for the outer VM, the inner VM, what the host keeps, and the disks' folder."""

    outer_vm_memory: int = 4 * GB
    inner_vm_memory: int = 2 * GB
    host_reserve: int = 2 * GB
    vhdx_folder: str | None = None  # None: Hyper-V's default folder on the host
    disk_needed: int = 30 * GB

    @property
    def memory_needed(self) -> int:
        return self.outer_vm_memory + self.inner_vm_memory + self.host_reserve

    @property
    def memory_for_vms(self) -> int:
        return self.outer_vm_memory + self.inner_vm_memory


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    status: Status
    sentence: str
    facts: dict[str, Any] = field(default_factory=dict)
    remedy: Remedy | None = None
    essential: bool = True  # an unknown essential check leaves the diagnosis incomplete

    @property
    def blocks(self) -> bool:
        return self.status is Status.FAIL or (self.essential and self.status is Status.UNKNOWN)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "status": str(self.status), "sentence": self.sentence,
                "facts": self.facts, "remedy": self.remedy.as_dict() if self.remedy else None,
                "essential": self.essential, "blocks": self.blocks}


def _gb(value: int | None) -> str:
    return "?" if value is None else f"{value / GB:.1f} GB"


def _hyperv_running(f: HostFacts) -> bool:
    """Hyper-V's own hypervisor runs here: the feature is on and a hypervisor is present."""
    return bool(f.hypervisor_present) and f.feature_state == "Enabled"


def check_build(f: HostFacts) -> Check:
    vendor = f.cpu_vendor
    facts = {"BuildNumber": f.build, "ProductType": f.product_type, "Manufacturer": f.cpu.manufacturer,
             "Processor": f.cpu.name}
    title = "Windows version for this processor"
    if f.build is None or vendor is None or f.product_type is None:
        return Check("os-build", title, Status.UNKNOWN, "NestWiz could not tell the Windows build or the processor "
                     f"maker: {f.why_unknown('BuildNumber', 'Processors', 'ProductType', 'OS')}.", facts)
    if vendor == "intel":
        if f.build >= INTEL_MIN_BUILD:
            return Check("os-build", title, Status.PASS, f"Intel processor on Windows build {f.build}: nested "
                         "virtualization is supported (build 14393 or later, VM configuration version 8.0).", facts)
        return Check("os-build", title, Status.FAIL, f"Windows build {f.build} is too old for nested "
                     "virtualization; Intel processors need Windows 10 1607 or Windows Server 2016 (build 14393) "
                     "or later.", facts, remedies.upgrade_windows(f))
    if vendor == "amd":
        needed = AMD_MIN_BUILD_SERVER if f.is_server else AMD_MIN_BUILD_CLIENT
        name = "Windows Server 2022" if f.is_server else "Windows 11"
        if f.build >= needed:
            return Check("os-build", title, Status.PASS, f"AMD processor on Windows build {f.build}: nested "
                         f"virtualization is supported ({name} or later, VM configuration version 9.3).", facts)
        return Check("os-build", title, Status.FAIL, f"On AMD processors nested virtualization needs {name} "
                     f"(build {needed} or later); this computer runs build {f.build}.", facts,
                     remedies.upgrade_windows(f))
    return Check("os-build", title, Status.FAIL, f"Hyper-V nests only on Intel and AMD processors; this one is "
                 f"made by '{f.cpu.manufacturer}'.", facts)


def check_edition(f: HostFacts) -> Check:
    facts = {"OperatingSystemSKU": f.sku, "EditionId": f.edition_id, "Caption": f.caption}
    title = "Windows edition"
    home = (f.sku in HOME_SKUS) if f.sku is not None else (
        None if f.edition_id is None else f.edition_id.lower().startswith("core"))
    if home is None:
        return Check("edition", title, Status.UNKNOWN, "NestWiz could not tell the Windows edition: "
                     f"{f.why_unknown('OperatingSystemSKU', 'OS')}.", facts)
    if home:
        return Check("edition", title, Status.FAIL, "This is a Home edition of Windows, which has no Hyper-V.",
                     facts, remedies.upgrade_edition())
    return Check("edition", title, Status.PASS, "This edition of Windows includes Hyper-V.", facts)


def check_virtualization(f: HostFacts) -> Check:
    cpu = f.cpu
    facts = {"HypervisorPresent": f.hypervisor_present, "VMMonitorModeExtensions": cpu.vmx,
             "VirtualizationFirmwareEnabled": cpu.firmware_enabled, "SystemModel": f.system_model}
    title = "Virtualization extensions (VT-x / AMD-V)"
    name = "AMD-V" if f.cpu_vendor == "amd" else "VT-x"
    in_vm = f.is_virtual_machine
    if f.hypervisor_present and (not in_vm or _hyperv_running(f)):
        return Check("virtualization", title, Status.PASS, f"A hypervisor already runs on this computer, which "
                     f"proves that {name} works and is enabled in the firmware (Windows then reports the processor "
                     "flags as off; NestWiz does not read them).", facts)
    if cpu.vmx is None or cpu.firmware_enabled is None:
        if f.hypervisor_present is None and cpu.vmx is None:
            why = f.why_unknown("HypervisorPresent", "Processors", "ComputerSystem")
        else:
            why = f.why_unknown("Processors")
        return Check("virtualization", title, Status.UNKNOWN, f"NestWiz could not read the processor's "
                     f"virtualization flags: {why}.", facts)
    if in_vm and not (cpu.vmx and cpu.firmware_enabled):
        return Check("virtualization", title, Status.FAIL, f"This computer is a virtual machine and its hypervisor "
                     f"does not pass {name} through, so Hyper-V cannot run here.", facts,
                     remedies.parent_nesting(f))
    if not cpu.vmx:
        return Check("virtualization", title, Status.FAIL, f"The processor has no {name} (VM monitor mode "
                     "extensions); Hyper-V cannot run on it.", facts)
    if not cpu.firmware_enabled:
        return Check("virtualization", title, Status.FAIL, f"The processor supports {name}, but it is turned off "
                     "in the firmware (BIOS/UEFI).", facts, remedies.firmware(f))
    if f.dep is False:
        facts["DataExecutionPrevention_Available"] = False
        return Check("virtualization", title, Status.FAIL, "Data Execution Prevention (the NX / XD bit), which "
                     "Hyper-V requires, is turned off in the firmware.", facts, remedies.firmware(f))
    return Check("virtualization", title, Status.PASS, f"The processor supports {name} and the firmware enables "
                 "it.", facts)


def check_slat(f: HostFacts) -> Check:
    cpu = f.cpu
    facts = {"HypervisorPresent": f.hypervisor_present, "SecondLevelAddressTranslationExtensions": cpu.slat}
    title = "Second level address translation (EPT / NPT)"
    name = "NPT (RVI)" if f.cpu_vendor == "amd" else "EPT"
    if f.hypervisor_present and (not f.is_virtual_machine or _hyperv_running(f)):
        return Check("slat", title, Status.PASS, f"A hypervisor already runs, which proves {name} works.", facts)
    if cpu.slat is None:
        return Check("slat", title, Status.UNKNOWN, f"NestWiz could not read whether the processor has {name}: "
                     f"{f.why_unknown('Processors', 'HypervisorPresent')}.", facts)
    if not cpu.slat:
        if f.is_virtual_machine:
            return Check("slat", title, Status.FAIL, f"This virtual machine's hypervisor does not pass {name} "
                         "through.", facts, remedies.parent_nesting(f))
        return Check("slat", title, Status.FAIL, f"The processor has no {name}, which Hyper-V requires.", facts)
    return Check("slat", title, Status.PASS, f"The processor has {name}.", facts)


def check_feature(f: HostFacts) -> Check:
    facts = {"Kind": f.feature_kind, "Name": f.feature_name, "State": f.feature_state,
             "HyperVModule": f.hyperv_module, "Elevated": f.elevated}
    title = "Hyper-V feature"
    state = f.feature_state
    if state is None and f.vhd_path is not None:
        state = "Enabled"  # Get-VMHost answered: the Virtual Machine Management service runs
        facts["State"] = "Enabled (Get-VMHost answered)"
    home = f.sku in HOME_SKUS if f.sku is not None else False
    if state is None:
        if home:
            return Check("hyperv-feature", title, Status.FAIL, "Hyper-V cannot be installed on a Home edition.",
                         facts)
        why = f.why_unknown("HyperVFeature")
        if f.elevated is False:
            return Check("hyperv-feature", title, Status.UNKNOWN, "Windows tells whether Hyper-V is installed only "
                         "to an administrator, and NestWiz does not run as one.", facts, remedies.elevate())
        return Check("hyperv-feature", title, Status.UNKNOWN, f"NestWiz could not tell whether Hyper-V is "
                     f"installed: {why}.", facts)
    if state == "Enabled":
        return Check("hyperv-feature", title, Status.PASS, "Hyper-V is installed.", facts)
    if state == "EnablePending":
        return Check("hyperv-feature", title, Status.FAIL, "Hyper-V is installed but Windows must restart to "
                     "finish.", facts, remedies.restart())
    if home:
        return Check("hyperv-feature", title, Status.FAIL, "Hyper-V cannot be installed on a Home edition.", facts)
    remedy = remedies.enable_hyperv(f) if f.elevated is not False else remedies.elevate()
    extra = "" if f.elevated is not False else " Installing it needs administrator rights."
    return Check("hyperv-feature", title, Status.FAIL, f"Hyper-V is not installed.{extra}", facts, remedy)


def check_hypervisor(f: HostFacts) -> Check:
    facts = {"HypervisorPresent": f.hypervisor_present, "FeatureState": f.feature_state}
    title = "Hyper-V hypervisor running"
    if f.hypervisor_present is None:
        return Check("hypervisor", title, Status.UNKNOWN, "NestWiz could not tell whether a hypervisor runs: "
                     f"{f.why_unknown('HypervisorPresent', 'ComputerSystem')}.", facts, essential=False)
    if f.feature_state not in ("Enabled", None) and not (f.feature_state is None and f.vhd_path):
        return Check("hypervisor", title, Status.UNKNOWN, "The hypervisor starts once Hyper-V is installed and "
                     "Windows has restarted.", facts, essential=False)
    if f.hypervisor_present:
        return Check("hypervisor", title, Status.PASS, "The Hyper-V hypervisor is running.", facts)
    if f.feature_state is None:
        return Check("hypervisor", title, Status.UNKNOWN, "No hypervisor runs yet; it starts once Hyper-V is "
                     "installed and Windows has restarted.", facts, essential=False)
    return Check("hypervisor", title, Status.FAIL, "Hyper-V is installed but its hypervisor is not running.",
                 facts, remedies.hypervisor_launch())


def check_reboot(f: HostFacts) -> Check:
    facts = {"RebootPending": f.reboot_pending}
    title = "Pending restart"
    if f.reboot_pending is None:
        return Check("reboot", title, Status.UNKNOWN, "NestWiz could not tell whether Windows waits for a "
                     f"restart: {f.why_unknown('RebootPending')}.", facts, essential=False)
    if f.reboot_pending:
        return Check("reboot", title, Status.WARN, "Windows is waiting for a restart to finish installing "
                     "updates or features; restart before creating VMs.", facts, remedies.restart())
    return Check("reboot", title, Status.PASS, "No restart is pending.", facts)


def check_permissions(f: HostFacts) -> Check:
    facts = {"Elevated": f.elevated, "HyperVAdministrators (S-1-5-32-578)": f.hyperv_admin}
    title = "Permissions"
    if f.elevated:
        return Check("permissions", title, Status.PASS, "NestWiz runs as administrator.", facts)
    if f.elevated is None and f.hyperv_admin is None:
        return Check("permissions", title, Status.UNKNOWN, "NestWiz could not tell whether it runs as "
                     f"administrator: {f.why_unknown('Elevated')}.", facts, remedies.elevate())
    if f.hyperv_admin:
        if f.feature_state == "Enabled" or (f.feature_state is None and f.vhd_path):
            return Check("permissions", title, Status.PASS, "You are a member of Hyper-V Administrators, which "
                         "is enough to create and configure VMs.", facts)
        return Check("permissions", title, Status.WARN, "You are a member of Hyper-V Administrators, but "
                     "installing Hyper-V needs an administrator.", facts, remedies.elevate())
    return Check("permissions", title, Status.FAIL, "NestWiz does not run as administrator and you are not a member "
                 "of Hyper-V Administrators, so it cannot manage Hyper-V.", facts, remedies.elevate())


def check_memory(f: HostFacts, plan: Plan) -> Check:
    facts = {"TotalPhysicalMemory": f.total_memory, "FreePhysicalMemory": f.free_memory,
             "PlannedOuterVM": plan.outer_vm_memory, "PlannedInnerVM": plan.inner_vm_memory,
             "HostReserve": plan.host_reserve}
    title = "Memory"
    if f.total_memory is None:
        return Check("memory", title, Status.UNKNOWN, "NestWiz could not read how much memory this computer has: "
                     f"{f.why_unknown('ComputerSystem', 'OS')}.", facts, essential=False)
    plan_text = (f"the plan needs {_gb(plan.memory_needed)} (outer VM {_gb(plan.outer_vm_memory)} + inner VM "
                 f"{_gb(plan.inner_vm_memory)} + {_gb(plan.host_reserve)} for Windows)")
    # TotalPhysicalMemory reads a little under the installed size (firmware reservations): allow 5 %.
    if f.total_memory < plan.memory_needed * 0.95:
        return Check("memory", title, Status.FAIL, f"This computer has {_gb(f.total_memory)} of memory; "
                     f"{plan_text}.", facts, remedies.lower_memory_plan())
    if f.free_memory is not None and f.free_memory < plan.memory_for_vms:
        return Check("memory", title, Status.WARN, f"{_gb(f.free_memory)} of {_gb(f.total_memory)} is free now; "
                     f"the VMs need {_gb(plan.memory_for_vms)}. Close applications or stop other VMs before "
                     "starting them.", facts, remedies.lower_memory_plan())
    return Check("memory", title, Status.PASS, f"{_gb(f.total_memory)} installed, {_gb(f.free_memory)} free; "
                 f"{plan_text}.", facts)


def check_disk(f: HostFacts, plan: Plan) -> Check:
    folder = plan.vhdx_folder or f.vhd_path or DEFAULT_VHD_PATH
    volume = f.volume_for(folder)
    facts = {"Folder": folder, "Volume": volume.drive if volume else None,
             "FreeSpace": volume.free if volume else None, "Needed": plan.disk_needed}
    title = "Disk space for the virtual hard disks"
    if f.volumes is None:
        return Check("disk", title, Status.UNKNOWN, "NestWiz could not read the disks' free space: "
                     f"{f.why_unknown('Volumes')}.", facts, essential=False)
    if volume is None or volume.free is None:
        return Check("disk", title, Status.UNKNOWN, f"NestWiz found no local disk for {folder}.", facts,
                     essential=False)
    if volume.free < plan.disk_needed:
        return Check("disk", title, Status.FAIL, f"{volume.drive} has {_gb(volume.free)} free for {folder}; the "
                     f"VMs need about {_gb(plan.disk_needed)}.", facts, remedies.free_disk())
    if volume.free < 2 * plan.disk_needed:
        return Check("disk", title, Status.WARN, f"{volume.drive} has {_gb(volume.free)} free; enough for the VMs "
                     f"(about {_gb(plan.disk_needed)}) but little room for them to grow.", facts, remedies.free_disk())
    return Check("disk", title, Status.PASS, f"{volume.drive} has {_gb(volume.free)} free for {folder}.", facts)


def check_versions(f: HostFacts) -> Check:
    needed = AMD_MIN_VERSION if f.cpu_vendor == "amd" else INTEL_MIN_VERSION
    text = f"{needed[0]}.{needed[1]}"
    facts = {"SupportedVersions": f.supported_versions, "DefaultVersion": f.default_version, "Needed": text}
    title = "VM configuration versions"
    versions = f.supported_version_tuples
    if not versions:
        why = ("they are listed once Hyper-V is installed" if f.feature_state not in ("Enabled", None)
               else f.why_unknown("SupportedVersions", "HyperV"))
        return Check("config-version", title, Status.UNKNOWN, f"NestWiz could not read the VM configuration "
                     f"versions this host supports: {why}.", facts, essential=False)
    best = versions[-1]
    if best >= needed:
        return Check("config-version", title, Status.PASS, f"This host supports VM configuration versions up to "
                     f"{best[0]}.{best[1]}; nesting needs {text} or later.", facts)
    return Check("config-version", title, Status.FAIL, f"This host supports VM configuration versions only up to "
                 f"{best[0]}.{best[1]}; nested virtualization on this processor needs {text}.", facts,
                 remedies.upgrade_windows(f))


def check_vbs(f: HostFacts) -> Check:
    running = f.security_services_running or []
    facts = {"VirtualizationBasedSecurityStatus": f.vbs_status, "SecurityServicesRunning": running}
    title = "Virtualization-based security and Memory Integrity"
    if f.vbs_status is None:
        return Check("vbs", title, Status.UNKNOWN, "NestWiz could not read the VBS status; it does not matter for "
                     "Hyper-V nesting.", facts, essential=False)
    if f.vbs_status == 2:
        what = "Memory Integrity (HVCI)" if 2 in running else "Virtualization-based security"
        return Check("vbs", title, Status.PASS, f"{what} is on. It does not block Hyper-V nested virtualization "
                     "(VM configuration version 8.0 or later), but while it runs VMware Workstation and VirtualBox "
                     "cannot offer nested virtualization to their VMs.", facts)
    return Check("vbs", title, Status.PASS, "Virtualization-based security is off; it would not block Hyper-V "
                 "nesting either way.", facts)


def check_is_vm(f: HostFacts) -> Check:
    facts = {"Manufacturer": f.system_manufacturer, "Model": f.system_model,
             "HypervisorPresent": f.hypervisor_present}
    title = "Physical or virtual machine"
    in_vm = f.is_virtual_machine
    if in_vm is None:
        return Check("host-is-vm", title, Status.UNKNOWN, "NestWiz could not read the system maker and model: "
                     f"{f.why_unknown('ComputerSystem')}.", facts, essential=False)
    if in_vm:
        return Check("host-is-vm", title, Status.WARN, f"This computer is itself a virtual machine "
                     f"({f.system_manufacturer} {f.system_model}). Nesting works only where its own hypervisor "
                     "exposes virtualization extensions to it, and the VMs inside will be slower.", facts,
                     remedies.parent_nesting(f))
    return Check("host-is-vm", title, Status.PASS, "This is a physical computer.", facts)


def check_other_hypervisors(f: HostFacts) -> Check:
    facts = {"Software": f.software}
    title = "Other virtualization software"
    if f.software is None:
        return Check("other-hypervisors", title, Status.UNKNOWN, "NestWiz could not list the installed programs.",
                     facts, essential=False)
    if not f.software:
        return Check("other-hypervisors", title, Status.PASS, "Neither VMware Workstation nor VirtualBox is "
                     "installed.", facts)
    names = ", ".join(f.software)
    return Check("other-hypervisors", title, Status.WARN, f"{names} is installed. It keeps working alongside "
                 "Hyper-V (VMware Workstation 15.5.5 and later, VirtualBox 6 and later run on the Windows Hypervisor "
                 "Platform), more slowly, and without nested virtualization for its own VMs.", facts)


HostCheck = Callable[[HostFacts], Check]
CHECKS: tuple[HostCheck, ...] = (
    check_edition, check_build, check_virtualization, check_slat, check_feature, check_hypervisor, check_reboot,
    check_permissions, check_versions, check_vbs, check_is_vm, check_other_hypervisors,
)


def run_checks(facts: HostFacts, plan: Plan | None = None) -> list[Check]:
    plan = plan or Plan()
    checks = [check(facts) for check in CHECKS]
    checks.insert(8, check_memory(facts, plan))
    checks.insert(9, check_disk(facts, plan))
    return checks
