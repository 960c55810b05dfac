"""The host checks: each turns facts into pass / warn / fail / unknown, a sentence, and a remedy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.host import remedies
from core.host.facts import AMD, INTEL, HostFacts
from core.host.remedies import Remedy
from core.i18n import translate

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
        return {
            "id": self.id,
            "title": self.title,
            "status": str(self.status),
            "sentence": self.sentence,
            "facts": self.facts,
            "remedy": self.remedy.as_dict() if self.remedy else None,
            "essential": self.essential,
            "blocks": self.blocks,
        }


def _gb(value: int | None) -> str:
    return "?" if value is None else translate("rules", "{size} GB").format(size=f"{value / GB:.1f}")


def _hyperv_running(f: HostFacts) -> bool:
    """Hyper-V's own hypervisor runs here: the feature is on and a hypervisor is present."""
    return bool(f.hypervisor_present) and f.feature_state == "Enabled"


def check_build(f: HostFacts) -> Check:
    vendor = f.cpu_vendor
    facts = {
        "BuildNumber": f.build,
        "ProductType": f.product_type,
        "Manufacturer": f.cpu.manufacturer,
        "Processor": f.cpu.name,
    }
    title = translate("rules", "Windows version for this processor")
    if f.build is None or vendor is None or f.product_type is None:
        return Check(
            "os-build",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not tell the Windows build or the processor maker: {why}.").format(
                why=f.why_unknown("BuildNumber", "Processors", "ProductType", "OS")
            ),
            facts,
        )
    if vendor == INTEL:
        if f.build >= INTEL_MIN_BUILD:
            return Check(
                "os-build",
                title,
                Status.PASS,
                translate(
                    "rules",
                    "Intel processor on Windows build {build}: nested virtualization is supported (build "
                    "14393 or later, VM configuration version 8.0).",
                ).format(build=f.build),
                facts,
            )
        return Check(
            "os-build",
            title,
            Status.FAIL,
            translate(
                "rules",
                "Windows build {build} is too old for nested virtualization; Intel processors need Windows 10 "
                "1607 or Windows Server 2016 (build 14393) or later.",
            ).format(build=f.build),
            facts,
            remedies.upgrade_windows(f),
        )
    if vendor == AMD:
        needed = AMD_MIN_BUILD_SERVER if f.is_server else AMD_MIN_BUILD_CLIENT
        name = "Windows Server 2022" if f.is_server else "Windows 11"
        if f.build >= needed:
            return Check(
                "os-build",
                title,
                Status.PASS,
                translate(
                    "rules",
                    "AMD processor on Windows build {build}: nested virtualization is supported ({name} or "
                    "later, VM configuration version 9.3).",
                ).format(build=f.build, name=name),
                facts,
            )
        return Check(
            "os-build",
            title,
            Status.FAIL,
            translate(
                "rules",
                "On AMD processors nested virtualization needs {name} (build {needed} or later); this "
                "computer runs build {build}.",
            ).format(name=name, needed=needed, build=f.build),
            facts,
            remedies.upgrade_windows(f),
        )
    return Check(
        "os-build",
        title,
        Status.FAIL,
        translate("rules", "Hyper-V nests only on Intel and AMD processors; this one is made by '{maker}'.").format(
            maker=f.cpu.manufacturer
        ),
        facts,
    )


def check_edition(f: HostFacts) -> Check:
    facts = {"OperatingSystemSKU": f.sku, "EditionId": f.edition_id, "Caption": f.caption}
    title = translate("rules", "Windows edition")
    home = (
        (f.sku in HOME_SKUS)
        if f.sku is not None
        else (None if f.edition_id is None else f.edition_id.lower().startswith("core"))
    )
    if home is None:
        return Check(
            "edition",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not tell the Windows edition: {why}.").format(
                why=f.why_unknown("OperatingSystemSKU", "OS")
            ),
            facts,
        )
    if home:
        return Check(
            "edition",
            title,
            Status.FAIL,
            translate("rules", "This is a Home edition of Windows, which has no Hyper-V."),
            facts,
            remedies.upgrade_edition(),
        )
    return Check("edition", title, Status.PASS, translate("rules", "This edition of Windows includes Hyper-V."), facts)


def check_virtualization(f: HostFacts) -> Check:
    cpu = f.cpu
    facts = {
        "HypervisorPresent": f.hypervisor_present,
        "VMMonitorModeExtensions": cpu.vmx,
        "VirtualizationFirmwareEnabled": cpu.firmware_enabled,
        "SystemModel": f.system_model,
    }
    title = translate("rules", "Virtualization extensions (VT-x / AMD-V)")
    name = "AMD-V" if f.cpu_vendor == AMD else "VT-x"
    in_vm = f.is_virtual_machine
    if f.hypervisor_present and (not in_vm or _hyperv_running(f)):
        return Check(
            "virtualization",
            title,
            Status.PASS,
            translate(
                "rules",
                "A hypervisor already runs on this computer, which proves that {name} works and is enabled in "
                "the firmware (Windows then reports the processor flags as off; NestWiz does not read them).",
            ).format(name=name),
            facts,
        )
    if cpu.vmx is None or cpu.firmware_enabled is None:
        if f.hypervisor_present is None and cpu.vmx is None:
            why = f.why_unknown("HypervisorPresent", "Processors", "ComputerSystem")
        else:
            why = f.why_unknown("Processors")
        return Check(
            "virtualization",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not read the processor's virtualization flags: {why}.").format(why=why),
            facts,
        )
    if in_vm and not (cpu.vmx and cpu.firmware_enabled):
        return Check(
            "virtualization",
            title,
            Status.FAIL,
            translate(
                "rules",
                "This computer is a virtual machine and its hypervisor does not pass {name} through, so "
                "Hyper-V cannot run here.",
            ).format(name=name),
            facts,
            remedies.parent_nesting(f),
        )
    if not cpu.vmx:
        return Check(
            "virtualization",
            title,
            Status.FAIL,
            translate(
                "rules", "The processor has no {name} (VM monitor mode extensions); Hyper-V cannot run on it."
            ).format(name=name),
            facts,
        )
    if not cpu.firmware_enabled:
        return Check(
            "virtualization",
            title,
            Status.FAIL,
            translate(
                "rules", "The processor supports {name}, but it is turned off in the firmware (BIOS/UEFI)."
            ).format(name=name),
            facts,
            remedies.firmware(f),
        )
    if f.dep is False:
        facts["DataExecutionPrevention_Available"] = False
        return Check(
            "virtualization",
            title,
            Status.FAIL,
            translate(
                "rules",
                "Data Execution Prevention (the NX / XD bit), which Hyper-V requires, is turned off in the firmware.",
            ),
            facts,
            remedies.firmware(f),
        )
    return Check(
        "virtualization",
        title,
        Status.PASS,
        translate("rules", "The processor supports {name} and the firmware enables it.").format(name=name),
        facts,
    )


def check_slat(f: HostFacts) -> Check:
    cpu = f.cpu
    facts = {"HypervisorPresent": f.hypervisor_present, "SecondLevelAddressTranslationExtensions": cpu.slat}
    title = translate("rules", "Second level address translation (EPT / NPT)")
    name = "NPT (RVI)" if f.cpu_vendor == AMD else "EPT"
    if f.hypervisor_present and (not f.is_virtual_machine or _hyperv_running(f)):
        return Check(
            "slat",
            title,
            Status.PASS,
            translate("rules", "A hypervisor already runs, which proves {name} works.").format(name=name),
            facts,
        )
    if cpu.slat is None:
        return Check(
            "slat",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not read whether the processor has {name}: {why}.").format(
                name=name, why=f.why_unknown("Processors", "HypervisorPresent")
            ),
            facts,
        )
    if not cpu.slat:
        if f.is_virtual_machine:
            return Check(
                "slat",
                title,
                Status.FAIL,
                translate("rules", "This virtual machine's hypervisor does not pass {name} through.").format(name=name),
                facts,
                remedies.parent_nesting(f),
            )
        return Check(
            "slat",
            title,
            Status.FAIL,
            translate("rules", "The processor has no {name}, which Hyper-V requires.").format(name=name),
            facts,
        )
    return Check("slat", title, Status.PASS, translate("rules", "The processor has {name}.").format(name=name), facts)


def check_feature(f: HostFacts) -> Check:
    facts = {
        "Kind": f.feature_kind,
        "Name": f.feature_name,
        "State": f.feature_state,
        "HyperVModule": f.hyperv_module,
        "Elevated": f.elevated,
    }
    title = translate("rules", "Hyper-V feature")
    state = f.feature_state
    if state is None and f.vhd_path is not None:
        state = "Enabled"  # Get-VMHost answered: the Virtual Machine Management service runs
        facts["State"] = "Enabled (Get-VMHost answered)"
    home = f.sku in HOME_SKUS if f.sku is not None else False
    if state is None:
        if home:
            return Check(
                "hyperv-feature",
                title,
                Status.FAIL,
                translate("rules", "Hyper-V cannot be installed on a Home edition."),
                facts,
            )
        why = f.why_unknown("HyperVFeature")
        if f.elevated is False:
            return Check(
                "hyperv-feature",
                title,
                Status.UNKNOWN,
                translate(
                    "rules",
                    "Windows tells whether Hyper-V is installed only to an administrator, and NestWiz does "
                    "not run as one.",
                ),
                facts,
                remedies.elevate(),
            )
        return Check(
            "hyperv-feature",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not tell whether Hyper-V is installed: {why}.").format(why=why),
            facts,
        )
    if state == "Enabled":
        return Check("hyperv-feature", title, Status.PASS, translate("rules", "Hyper-V is installed."), facts)
    if state == "EnablePending":
        return Check(
            "hyperv-feature",
            title,
            Status.FAIL,
            translate("rules", "Hyper-V is installed but Windows must restart to finish."),
            facts,
            remedies.restart(),
        )
    if home:
        return Check(
            "hyperv-feature",
            title,
            Status.FAIL,
            translate("rules", "Hyper-V cannot be installed on a Home edition."),
            facts,
        )
    if f.elevated is not False:
        return Check(
            "hyperv-feature",
            title,
            Status.FAIL,
            translate("rules", "Hyper-V is not installed."),
            facts,
            remedies.enable_hyperv(f),
        )
    return Check(
        "hyperv-feature",
        title,
        Status.FAIL,
        translate("rules", "Hyper-V is not installed. Installing it needs administrator rights."),
        facts,
        remedies.elevate(),
    )


def check_hypervisor(f: HostFacts) -> Check:
    facts = {"HypervisorPresent": f.hypervisor_present, "FeatureState": f.feature_state}
    title = translate("rules", "Hyper-V hypervisor running")
    if f.hypervisor_present is None:
        return Check(
            "hypervisor",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not tell whether a hypervisor runs: {why}.").format(
                why=f.why_unknown("HypervisorPresent", "ComputerSystem")
            ),
            facts,
            essential=False,
        )
    if f.feature_state not in ("Enabled", None) and not (f.feature_state is None and f.vhd_path):
        return Check(
            "hypervisor",
            title,
            Status.UNKNOWN,
            translate("rules", "The hypervisor starts once Hyper-V is installed and Windows has restarted."),
            facts,
            essential=False,
        )
    if f.hypervisor_present:
        return Check("hypervisor", title, Status.PASS, translate("rules", "The Hyper-V hypervisor is running."), facts)
    if f.feature_state is None:
        return Check(
            "hypervisor",
            title,
            Status.UNKNOWN,
            translate(
                "rules", "No hypervisor runs yet; it starts once Hyper-V is installed and Windows has restarted."
            ),
            facts,
            essential=False,
        )
    return Check(
        "hypervisor",
        title,
        Status.FAIL,
        translate("rules", "Hyper-V is installed but its hypervisor is not running."),
        facts,
        remedies.hypervisor_launch(),
    )


def check_reboot(f: HostFacts) -> Check:
    facts = {"RebootPending": f.reboot_pending}
    title = translate("rules", "Pending restart")
    if f.reboot_pending is None:
        return Check(
            "reboot",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not tell whether Windows waits for a restart: {why}.").format(
                why=f.why_unknown("RebootPending")
            ),
            facts,
            essential=False,
        )
    if f.reboot_pending:
        return Check(
            "reboot",
            title,
            Status.WARN,
            translate(
                "rules",
                "Windows is waiting for a restart to finish installing updates or features; restart before "
                "creating VMs.",
            ),
            facts,
            remedies.restart(),
        )
    return Check("reboot", title, Status.PASS, translate("rules", "No restart is pending."), facts)


def check_permissions(f: HostFacts) -> Check:
    facts = {"Elevated": f.elevated, "HyperVAdministrators (S-1-5-32-578)": f.hyperv_admin}
    title = translate("rules", "Permissions")
    if f.elevated:
        return Check("permissions", title, Status.PASS, translate("rules", "NestWiz runs as administrator."), facts)
    if f.elevated is None and f.hyperv_admin is None:
        return Check(
            "permissions",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not tell whether it runs as administrator: {why}.").format(
                why=f.why_unknown("Elevated")
            ),
            facts,
            remedies.elevate(),
        )
    if f.hyperv_admin:
        if f.feature_state == "Enabled" or (f.feature_state is None and f.vhd_path):
            return Check(
                "permissions",
                title,
                Status.PASS,
                translate(
                    "rules", "You are a member of Hyper-V Administrators, which is enough to create and configure VMs."
                ),
                facts,
            )
        return Check(
            "permissions",
            title,
            Status.WARN,
            translate(
                "rules", "You are a member of Hyper-V Administrators, but installing Hyper-V needs an administrator."
            ),
            facts,
            remedies.elevate(),
        )
    return Check(
        "permissions",
        title,
        Status.FAIL,
        translate(
            "rules",
            "NestWiz does not run as administrator and you are not a member of Hyper-V Administrators, so it "
            "cannot manage Hyper-V.",
        ),
        facts,
        remedies.elevate(),
    )


def check_memory(f: HostFacts, plan: Plan) -> Check:
    facts = {
        "TotalPhysicalMemory": f.total_memory,
        "FreePhysicalMemory": f.free_memory,
        "PlannedOuterVM": plan.outer_vm_memory,
        "PlannedInnerVM": plan.inner_vm_memory,
        "HostReserve": plan.host_reserve,
    }
    title = translate("rules", "Memory")
    if f.total_memory is None:
        return Check(
            "memory",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not read how much memory this computer has: {why}.").format(
                why=f.why_unknown("ComputerSystem", "OS")
            ),
            facts,
            essential=False,
        )
    plan_text = translate(
        "rules", "the plan needs {needed} (outer VM {outer} + inner VM {inner} + {reserve} for Windows)"
    ).format(
        needed=_gb(plan.memory_needed),
        outer=_gb(plan.outer_vm_memory),
        inner=_gb(plan.inner_vm_memory),
        reserve=_gb(plan.host_reserve),
    )
    # TotalPhysicalMemory reads a little under the installed size (firmware reservations): allow 5 %.
    if f.total_memory < plan.memory_needed * 0.95:
        return Check(
            "memory",
            title,
            Status.FAIL,
            translate("rules", "This computer has {total} of memory; {plan}.").format(
                total=_gb(f.total_memory), plan=plan_text
            ),
            facts,
            remedies.lower_memory_plan(),
        )
    if f.free_memory is not None and f.free_memory < plan.memory_for_vms:
        return Check(
            "memory",
            title,
            Status.WARN,
            translate(
                "rules",
                "{free} of {total} is free now; the VMs need {needed}. Close applications or stop other VMs "
                "before starting them.",
            ).format(free=_gb(f.free_memory), total=_gb(f.total_memory), needed=_gb(plan.memory_for_vms)),
            facts,
            remedies.lower_memory_plan(),
        )
    return Check(
        "memory",
        title,
        Status.PASS,
        translate("rules", "{total} installed, {free} free; {plan}.").format(
            total=_gb(f.total_memory), free=_gb(f.free_memory), plan=plan_text
        ),
        facts,
    )


def check_disk(f: HostFacts, plan: Plan) -> Check:
    folder = plan.vhdx_folder or f.vhd_path or DEFAULT_VHD_PATH
    volume = f.volume_for(folder)
    facts = {
        "Folder": folder,
        "Volume": volume.drive if volume else None,
        "FreeSpace": volume.free if volume else None,
        "Needed": plan.disk_needed,
    }
    title = translate("rules", "Disk space for the virtual hard disks")
    if f.volumes is None:
        return Check(
            "disk",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not read the disks' free space: {why}.").format(
                why=f.why_unknown("Volumes")
            ),
            facts,
            essential=False,
        )
    if volume is None or volume.free is None:
        return Check(
            "disk",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz found no local disk for {folder}.").format(folder=folder),
            facts,
            essential=False,
        )
    if volume.free < plan.disk_needed:
        return Check(
            "disk",
            title,
            Status.FAIL,
            translate("rules", "{drive} has {free} free for {folder}; the VMs need about {needed}.").format(
                drive=volume.drive, free=_gb(volume.free), folder=folder, needed=_gb(plan.disk_needed)
            ),
            facts,
            remedies.free_disk(),
        )
    if volume.free < 2 * plan.disk_needed:
        return Check(
            "disk",
            title,
            Status.WARN,
            translate(
                "rules",
                "{drive} has {free} free; enough for the VMs (about {needed}) but little room for them to grow.",
            ).format(drive=volume.drive, free=_gb(volume.free), needed=_gb(plan.disk_needed)),
            facts,
            remedies.free_disk(),
        )
    return Check(
        "disk",
        title,
        Status.PASS,
        translate("rules", "{drive} has {free} free for {folder}.").format(
            drive=volume.drive, free=_gb(volume.free), folder=folder
        ),
        facts,
    )


def check_versions(f: HostFacts) -> Check:
    needed = AMD_MIN_VERSION if f.cpu_vendor == AMD else INTEL_MIN_VERSION
    text = f"{needed[0]}.{needed[1]}"
    facts = {"SupportedVersions": f.supported_versions, "DefaultVersion": f.default_version, "Needed": text}
    title = translate("rules", "VM configuration versions")
    # 254.0 (Prerelease) and 255.0 (Experimental) are listed on some hosts but are not releases (HyperVDsc#55).
    versions = [v for v in f.supported_version_tuples if v < (254, 0)]
    if not versions:
        why = (
            translate("rules", "they are listed once Hyper-V is installed")
            if f.feature_state not in ("Enabled", None)
            else f.why_unknown("SupportedVersions", "HyperV")
        )
        return Check(
            "config-version",
            title,
            Status.UNKNOWN,
            translate(
                "rules", "NestWiz could not read the VM configuration versions this host supports: {why}."
            ).format(why=why),
            facts,
            essential=False,
        )
    best = versions[-1]
    if best >= needed:
        return Check(
            "config-version",
            title,
            Status.PASS,
            translate(
                "rules", "This host supports VM configuration versions up to {best}; nesting needs {needed} or later."
            ).format(best=f"{best[0]}.{best[1]}", needed=text),
            facts,
        )
    return Check(
        "config-version",
        title,
        Status.FAIL,
        translate(
            "rules",
            "This host supports VM configuration versions only up to {best}; nested virtualization on this "
            "processor needs {needed}.",
        ).format(best=f"{best[0]}.{best[1]}", needed=text),
        facts,
        remedies.upgrade_windows(f),
    )


def check_vbs(f: HostFacts) -> Check:
    running = f.security_services_running or []
    facts = {"VirtualizationBasedSecurityStatus": f.vbs_status, "SecurityServicesRunning": running}
    title = translate("rules", "Virtualization-based security and Memory Integrity")
    if f.vbs_status is None:
        return Check(
            "vbs",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not read the VBS status; it does not matter for Hyper-V nesting."),
            facts,
            essential=False,
        )
    if f.vbs_status == 2:
        what = (
            translate("rules", "Memory Integrity (HVCI)")
            if 2 in running
            else translate("rules", "Virtualization-based security")
        )
        return Check(
            "vbs",
            title,
            Status.PASS,
            translate(
                "rules",
                "{what} is on. It does not block Hyper-V nested virtualization (VM configuration version 8.0 "
                "or later), but while it runs VMware Workstation and VirtualBox cannot offer nested virtualization to "
                "their VMs.",
            ).format(what=what),
            facts,
        )
    return Check(
        "vbs",
        title,
        Status.PASS,
        translate("rules", "Virtualization-based security is off; it would not block Hyper-V nesting either way."),
        facts,
    )


def check_is_vm(f: HostFacts) -> Check:
    facts = {"Manufacturer": f.system_manufacturer, "Model": f.system_model, "HypervisorPresent": f.hypervisor_present}
    title = translate("rules", "Physical or virtual machine")
    in_vm = f.is_virtual_machine
    if in_vm is None:
        return Check(
            "host-is-vm",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not read the system maker and model: {why}.").format(
                why=f.why_unknown("ComputerSystem")
            ),
            facts,
            essential=False,
        )
    if in_vm:
        return Check(
            "host-is-vm",
            title,
            Status.WARN,
            translate(
                "rules",
                "This computer is itself a virtual machine ({maker} {model}). Nesting works only where its own "
                "hypervisor exposes virtualization extensions to it, and the VMs inside will be slower.",
            ).format(maker=f.system_manufacturer, model=f.system_model),
            facts,
            remedies.parent_nesting(f),
        )
    return Check("host-is-vm", title, Status.PASS, translate("rules", "This is a physical computer."), facts)


def check_other_hypervisors(f: HostFacts) -> Check:
    facts = {"Software": f.software}
    title = translate("rules", "Other virtualization software")
    if f.software is None:
        return Check(
            "other-hypervisors",
            title,
            Status.UNKNOWN,
            translate("rules", "NestWiz could not list the installed programs."),
            facts,
            essential=False,
        )
    if not f.software:
        return Check(
            "other-hypervisors",
            title,
            Status.PASS,
            translate("rules", "Neither VMware Workstation nor VirtualBox is installed."),
            facts,
        )
    return Check(
        "other-hypervisors",
        title,
        Status.WARN,
        translate(
            "rules",
            "{names} is installed. It keeps working alongside Hyper-V (VMware Workstation 15.5.5 and later, "
            "VirtualBox 6 and later run on the Windows Hypervisor Platform), more slowly, and without nested "
            "virtualization for its own VMs.",
        ).format(names=", ".join(f.software)),
        facts,
    )


HostCheck = Callable[[HostFacts], Check]
CHECKS: tuple[HostCheck, ...] = (
    check_edition,
    check_build,
    check_virtualization,
    check_slat,
    check_feature,
    check_hypervisor,
    check_reboot,
    check_permissions,
    check_versions,
    check_vbs,
    check_is_vm,
    check_other_hypervisors,
)


def run_checks(facts: HostFacts, plan: Plan | None = None) -> list[Check]:
    plan = plan or Plan()
    checks = [check(facts) for check in CHECKS]
    checks.insert(8, check_memory(facts, plan))
    checks.insert(9, check_disk(facts, plan))
    return checks
