"""Typed host facts, read robustly from the probe's output as Windows PowerShell 5.1 serializes it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from core.i18n import translate

SID_ADMINISTRATORS = "S-1-5-32-544"
# The CPUID vendor IDs Win32_Processor.Manufacturer reports, and core.vm compares with.
INTEL = "GenuineIntel"
AMD = "AuthenticAMD"
AZURE, AWS, GCP = "azure", "aws", "gcp"  # clouds recognised from SMBIOS strings (HostFacts.cloud)
AZURE_ASSET_TAG = "7783-7084-3265-9085-8269-3286-77"
SID_HYPERV_ADMINISTRATORS = "S-1-5-32-578"

# Microsoft.Dism.Commands.FeatureState, for a probe that let the enum through as a number.
FEATURE_STATES = {
    0: "Disabled",
    1: "DisablePending",
    2: "Enabled",
    3: "EnablePending",
    4: "Superseded",
    5: "PartiallyInstalled",
    6: "DisabledWithPayloadRemoved",
}
# Microsoft.PowerShell.ExecutionPolicy.
EXECUTION_POLICIES = {
    0: "Unrestricted",
    1: "RemoteSigned",
    2: "AllSigned",
    3: "Restricted",
    4: "Bypass",
    5: "Undefined",
}
_SERVER_STATES = {
    "installed": "Enabled",
    "installpending": "EnablePending",
    "available": "Disabled",
    "removed": "DisabledWithPayloadRemoved",
    "uninstallpending": "DisablePending",
}


# What ConvertTo-Json writes for an object deeper than its -Depth: the type's name.
_TYPE_NAME = re.compile(r"^System\.[A-Za-z0-9_.`\[\], ]*$")


class Unreadable(ValueError):
    """A value that is not what the probe should have sent; the reason names it for people."""


def unwrap(value: Any) -> Any:
    """Undo PowerShell 5.1's array wrapper: {"value": [...], "Count": n} becomes the list."""
    if isinstance(value, dict) and set(value) == {"value", "Count"} and isinstance(value["value"], list):
        return value["value"]
    return value


def as_list(value: Any) -> list[Any]:
    """A list, whether PowerShell sent one, an unwrapped single element, or nothing."""
    value = unwrap(value)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def as_items(value: Any, what: str) -> list[Any]:
    """Like as_list, but a type name where the list should be (serialized too shallow) is unreadable."""
    value = unwrap(value)
    if isinstance(value, str) and _TYPE_NAME.match(value):
        raise Unreadable(
            translate("facts", "{what} arrived as the type name '{name}' (serialized too shallow)").format(
                what=what, name=value[:60]
            )
        )
    return as_list(value)


def as_dict(value: Any, what: str) -> dict[str, Any]:
    value = unwrap(value)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, dict):
        if isinstance(value, str) and _TYPE_NAME.match(value):
            raise Unreadable(
                translate("facts", "{what} arrived as the type name '{name}' (serialized too shallow)").format(
                    what=what, name=value[:60]
                )
            )
        raise Unreadable(
            translate("facts", "{what} is {kind}, not an object").format(what=what, kind=type(value).__name__)
        )
    return value


def as_int(value: Any, what: str) -> int:
    value = unwrap(value)
    if isinstance(value, bool):
        raise Unreadable(translate("facts", "{what} is a boolean, not a number").format(what=what))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                number = float(value.strip())
            except ValueError:
                pass
            else:
                if math.isfinite(number):
                    return int(number)
    raise Unreadable(translate("facts", "{what} is {value}, not a number").format(what=what, value=repr(value)))


def as_bool(value: Any, what: str) -> bool:
    value = unwrap(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise Unreadable(translate("facts", "{what} is {value}, not true or false").format(what=what, value=repr(value)))


def as_str(value: Any, what: str) -> str:
    value = unwrap(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise Unreadable(translate("facts", "{what} is {value}, not text").format(what=what, value=repr(value)))


def parse_version(text: str) -> tuple[int, int] | None:
    major, _, minor = text.strip().partition(".")
    try:
        return int(major), int(minor.partition(".")[0] or 0)
    except ValueError:
        return None


@dataclass(frozen=True)
class Processor:
    manufacturer: str | None = None
    name: str | None = None
    cores: int | None = None
    logical: int | None = None
    vmx: bool | None = None
    slat: bool | None = None
    firmware_enabled: bool | None = None


@dataclass(frozen=True)
class DiskVolume:
    drive: str
    size: int | None
    free: int | None


@dataclass(frozen=True)
class ProbeError:
    section: str
    message: str
    error_id: str = ""


@dataclass
class HostFacts:
    """What the probe found. None means unknown; `unknown` says why, per section."""

    probe_version: int | None = None
    caption: str | None = None
    build: int | None = None
    product_type: int | None = None
    sku: int | None = None
    edition_id: str | None = None
    total_memory: int | None = None
    free_memory: int | None = None
    dep: bool | None = None
    processors: list[Processor] = field(default_factory=list)
    hypervisor_present: bool | None = None
    system_manufacturer: str | None = None
    system_model: str | None = None
    chassis_asset_tag: str | None = None  # Win32_SystemEnclosure.SMBIOSAssetTag
    volumes: list[DiskVolume] | None = None
    elevated: bool | None = None
    hyperv_admin: bool | None = None
    group_sids: list[str] | None = None
    feature_kind: str | None = None
    feature_name: str | None = None
    feature_state: str | None = None  # Enabled, EnablePending, Disabled, DisablePending, ...
    reboot_pending: bool | None = None
    vbs_status: int | None = None
    security_services_running: list[int] | None = None
    hyperv_module: bool | None = None
    supported_versions: list[str] | None = None
    default_version: str | None = None
    vhd_path: str | None = None
    vm_path: str | None = None
    software: list[str] | None = None
    execution_policy: str | None = None
    ps_version: str | None = None
    probe_errors: list[ProbeError] = field(default_factory=list)
    unknown: dict[str, str] = field(default_factory=dict)  # section -> why it is unknown
    raw: Any = None

    # ------------------------------------------------------------------ derived facts
    @property
    def cpu(self) -> Processor:
        return self.processors[0] if self.processors else Processor()

    @property
    def cpu_vendor(self) -> str | None:
        """INTEL ('GenuineIntel'), AMD ('AuthenticAMD'), another vendor's ID, or None when unknown."""
        return vendor_id(self.cpu.manufacturer, self.cpu.name)

    @property
    def is_server(self) -> bool | None:
        return None if self.product_type is None else self.product_type != 1

    @property
    def is_virtual_machine(self) -> bool | None:
        """The machine's own firmware says it is a virtual machine (vendor strings, never translated)."""
        if self.system_model is None and self.system_manufacturer is None:
            return None
        model = (self.system_model or "").lower()
        maker = (self.system_manufacturer or "").lower()
        if maker.startswith("microsoft") and "virtual machine" in model:
            return True
        markers = ("vmware", "virtualbox", "kvm", "qemu", "hvm domu", "bochs", "parallels", "google compute engine")
        return any(m in model or m in maker for m in markers) or maker in ("xen", "innotek gmbh", "amazon ec2")

    @property
    def cloud(self) -> str | None:
        """AZURE, AWS or GCP when the firmware's SMBIOS strings name that cloud; None for anything else."""
        maker = (self.system_manufacturer or "").strip().lower()
        model = (self.system_model or "").strip().lower()
        # Every Azure VM has this chassis asset tag (MicrosoftDocs/azure-docs
        # articles/automation/troubleshoot/update-agent-issues-linux.md; canonical/cloud-init
        # cloudinit/sources/azure/identity.py); a local Hyper-V VM has the same maker and model but not the tag.
        if (self.chassis_asset_tag or "").strip() == AZURE_ASSET_TAG:
            return AZURE
        # Nitro instances: system maker "Amazon EC2", model the instance type (the clock-bound crate's
        # src/daemon/autodetect/amazon.rs, after https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/
        # identify_ec2_instances.html). Older Xen instances say "Xen" and cannot nest: general advice for them.
        if maker == "amazon ec2":
            return AWS
        # Compute Engine's SMBIOS product name (canonical/cloud-init cloudinit/sources/DataSourceGCE.py reads it).
        if model == "google compute engine":
            return GCP
        return None

    @property
    def supported_version_tuples(self) -> list[tuple[int, int]]:
        found = [parse_version(v) for v in self.supported_versions or []]
        return sorted(v for v in found if v is not None)

    def volume_for(self, path: str) -> DiskVolume | None:
        drive = path.strip()[:2].upper()
        for volume in self.volumes or []:
            if volume.drive.upper() == drive:
                return volume
        return None

    def probe_error(self, section: str) -> ProbeError | None:
        return next((e for e in self.probe_errors if e.section.lower() == section.lower()), None)

    def why_unknown(self, *sections: str) -> str:
        for section in sections:
            if section in self.unknown:
                return self.unknown[section]
        return translate("facts", "the probe did not report it")


def vendor_id(manufacturer: str | None, name: str | None = None) -> str | None:
    """The CPUID vendor ID from Win32_Processor's Manufacturer (some drivers and VMs report 'AMD' or 'Intel'), else
    from the processor's name; None when neither tells."""
    maker = (manufacturer or "").strip()
    lowered = maker.lower()
    if lowered.startswith(("genuineintel", "intel")):
        return INTEL
    if lowered.startswith(("authenticamd", "amd", "advanced micro devices")):
        return AMD
    if maker:
        return maker
    words = re.findall(r"[a-z]+", (name or "").lower())  # "12th Gen Intel(R) Core(TM) i5", "AMD EPYC 7543"
    return INTEL if "intel" in words else AMD if "amd" in words else None


def _missing(label: str, error: ProbeError | None) -> str:
    if error is not None:
        return translate("facts", "the probe could not read {what}: {message}").format(
            what=label, message=error.message
        )
    return translate("facts", "the probe's answer has no {what}").format(what=label)


class _Reader:
    """Reads one section at a time; a section that cannot be read is recorded as unknown, never raised."""

    def __init__(self, raw: dict[str, Any], facts: HostFacts) -> None:
        self.raw = raw
        self.facts = facts

    def section(self, key: str, label: str) -> dict[str, Any] | None:
        if key not in self.raw or self.raw[key] is None:
            error = self.facts.probe_error(key)
            self.facts.unknown.setdefault(key, _missing(label, error))
            return None
        try:
            return as_dict(self.raw[key], label)
        except Unreadable as exc:
            self.facts.unknown.setdefault(key, str(exc))
            return None

    def value(self, key: str, label: str, convert: Any, source: dict[str, Any] | None = None) -> Any:
        src = self.raw if source is None else source
        if key not in src or src[key] is None:
            error = self.facts.probe_error(key)
            self.facts.unknown.setdefault(key, _missing(label, error))
            return None
        try:
            return convert(src[key], label)
        except Unreadable as exc:
            self.facts.unknown.setdefault(key, str(exc))
            return None

    def optional(self, source: dict[str, Any], key: str, label: str, convert: Any) -> Any:
        if source.get(key) is None:
            return None
        try:
            return convert(source[key], label)
        except Unreadable as exc:
            self.facts.unknown.setdefault(key, str(exc))
            return None


def parse_facts(raw: Any) -> HostFacts:
    """HostFacts from whatever the probe returned; never raises, unreadable parts become unknown."""
    facts = HostFacts(raw=raw)
    candidate = unwrap(raw)
    if isinstance(candidate, list):
        dicts = [item for item in candidate if isinstance(item, dict)]
        candidate = dicts[-1] if dicts else None
    if not isinstance(candidate, dict):
        facts.unknown["probe"] = (
            translate("facts", "the probe returned nothing")
            if raw in (None, [], "")
            else translate("facts", "the probe returned {kind} {text} instead of its facts").format(
                kind=type(raw).__name__, text=repr(str(raw)[:80])
            )
        )
        return facts
    try:
        errors = as_items(candidate.get("Errors"), translate("facts", "the probe's errors"))
    except Unreadable as exc:
        facts.unknown["Errors"] = str(exc)
        errors = []
    for item in errors:
        if isinstance(item, dict):
            facts.probe_errors.append(
                ProbeError(
                    str(item.get("Section", "?")), str(item.get("Message", "")), str(item.get("ErrorId", "") or "")
                )
            )
    r = _Reader(candidate, facts)
    facts.probe_version = r.optional(candidate, "ProbeVersion", translate("facts", "the probe version"), as_int)
    _read_os(r, facts)
    _read_cpu(r, facts)
    _read_computer_system(r, facts)
    _read_enclosure(r, facts)
    _read_identity(r, facts)
    _read_feature(r, facts)
    _read_rest(r, facts)
    return facts


def _read_os(r: _Reader, facts: HostFacts) -> None:
    os_ = r.section("OS", translate("facts", "the operating system (Win32_OperatingSystem)"))
    if os_ is not None:
        facts.caption = r.optional(os_, "Caption", translate("facts", "the Windows name"), as_str)
        facts.build = r.value("BuildNumber", translate("facts", "the Windows build number"), as_int, os_)
        facts.product_type = r.value("ProductType", translate("facts", "the product type"), as_int, os_)
        facts.sku = r.value("OperatingSystemSKU", translate("facts", "the edition SKU"), as_int, os_)
        free_kb = r.value("FreePhysicalMemory", translate("facts", "the free memory"), as_int, os_)
        facts.free_memory = None if free_kb is None else free_kb * 1024
        total_kb = r.optional(os_, "TotalVisibleMemorySize", translate("facts", "the visible memory"), as_int)
        if total_kb is not None:
            facts.total_memory = total_kb * 1024
        facts.dep = r.optional(os_, "DataExecutionPrevention_Available", translate("facts", "DEP"), as_bool)
    else:
        for key in ("BuildNumber", "ProductType", "OperatingSystemSKU", "FreePhysicalMemory"):
            facts.unknown.setdefault(key, facts.unknown["OS"])
    facts.edition_id = r.optional(r.raw, "EditionId", translate("facts", "the edition ID"), as_str)


def _read_cpu(r: _Reader, facts: HostFacts) -> None:
    if r.raw.get("Processors") is None:
        r.section("Processors", translate("facts", "the processor (Win32_Processor)"))
        return
    try:
        items = as_items(r.raw["Processors"], translate("facts", "the processors"))
    except Unreadable as exc:
        facts.unknown["Processors"] = str(exc)
        return
    for index, item in enumerate(items):
        try:
            cpu = as_dict(item, translate("facts", "processor {index}").format(index=index))
        except Unreadable as exc:
            facts.unknown.setdefault("Processors", str(exc))
            continue
        facts.processors.append(
            Processor(
                manufacturer=r.optional(cpu, "Manufacturer", translate("facts", "the processor maker"), as_str),
                name=r.optional(cpu, "Name", translate("facts", "the processor name"), as_str),
                cores=r.optional(cpu, "NumberOfCores", translate("facts", "the number of cores"), as_int),
                logical=r.optional(
                    cpu, "NumberOfLogicalProcessors", translate("facts", "the number of logical processors"), as_int
                ),
                vmx=r.optional(
                    cpu, "VMMonitorModeExtensions", translate("facts", "VM monitor mode extensions"), as_bool
                ),
                slat=r.optional(cpu, "SecondLevelAddressTranslationExtensions", translate("facts", "SLAT"), as_bool),
                firmware_enabled=r.optional(
                    cpu, "VirtualizationFirmwareEnabled", translate("facts", "virtualization in firmware"), as_bool
                ),
            )
        )
    if not facts.processors:
        facts.unknown.setdefault("Processors", translate("facts", "the probe reported no processor"))


def _read_computer_system(r: _Reader, facts: HostFacts) -> None:
    cs = r.section("ComputerSystem", translate("facts", "the computer system (Win32_ComputerSystem)"))
    if cs is None:
        facts.unknown.setdefault("HypervisorPresent", facts.unknown["ComputerSystem"])
        return
    facts.hypervisor_present = r.value(
        "HypervisorPresent", translate("facts", "whether a hypervisor runs"), as_bool, cs
    )
    facts.system_manufacturer = r.optional(cs, "Manufacturer", translate("facts", "the system maker"), as_str)
    facts.system_model = r.optional(cs, "Model", translate("facts", "the system model"), as_str)
    total = r.optional(cs, "TotalPhysicalMemory", translate("facts", "the installed memory"), as_int)
    if total is not None:
        facts.total_memory = total


def _read_enclosure(r: _Reader, facts: HostFacts) -> None:
    """The chassis asset tag; probes older than this field do not send the section, which is no error."""
    enclosure = r.raw.get("SystemEnclosure")
    if isinstance(enclosure, dict):
        facts.chassis_asset_tag = r.optional(
            enclosure, "SMBIOSAssetTag", translate("facts", "the chassis asset tag"), as_str
        )


def _read_identity(r: _Reader, facts: HostFacts) -> None:
    facts.elevated = r.value("Elevated", translate("facts", "whether NestWiz runs elevated"), as_bool)
    sids = r.raw.get("GroupSids")
    if sids is not None:
        try:
            facts.group_sids = [
                str(s) for s in as_items(sids, translate("facts", "the group SIDs")) if isinstance(s, str)
            ]
        except Unreadable as exc:
            facts.unknown["GroupSids"] = str(exc)
    admin = r.optional(r.raw, "HyperVAdministrator", translate("facts", "Hyper-V Administrators membership"), as_bool)
    if admin is None and facts.group_sids is not None:
        admin = SID_HYPERV_ADMINISTRATORS in facts.group_sids
    facts.hyperv_admin = admin


def _read_feature(r: _Reader, facts: HostFacts) -> None:
    feature = r.section("HyperVFeature", translate("facts", "the Hyper-V feature"))
    if feature is None:
        return
    kind = r.optional(feature, "Kind", translate("facts", "the feature kind"), as_str)
    facts.feature_kind = kind
    facts.feature_name = r.optional(feature, "Name", translate("facts", "the feature name"), as_str)
    state: str | None = None
    if kind == "Role" or "Installed" in feature or "InstallState" in feature:
        install_state = unwrap(feature.get("InstallState"))
        if isinstance(install_state, str):
            state = _SERVER_STATES.get(install_state.strip().lower())
        if state is None and feature.get("Installed") is not None:
            installed = r.optional(
                feature, "Installed", translate("facts", "whether the Hyper-V role is installed"), as_bool
            )
            state = None if installed is None else ("Enabled" if installed else "Disabled")
    else:
        raw_state = unwrap(feature.get("State"))
        if isinstance(raw_state, int) and not isinstance(raw_state, bool):
            state = FEATURE_STATES.get(raw_state)
        elif isinstance(raw_state, str):
            text = raw_state.strip()
            state = (
                FEATURE_STATES.get(int(text))
                if text.isdigit()
                else next((v for v in FEATURE_STATES.values() if v.lower() == text.lower()), None)
            )
    if state is None:
        facts.unknown["HyperVFeature"] = translate(
            "facts", "the Hyper-V feature's state {state} is not one NestWiz knows"
        ).format(state=f"{feature!r:.80}")
    facts.feature_state = state


def _volume(r: _Reader, item: Any) -> DiskVolume:
    v = as_dict(item, translate("facts", "a disk"))
    return DiskVolume(
        as_str(v.get("DeviceID"), translate("facts", "a drive letter")),
        r.optional(v, "Size", translate("facts", "a disk size"), as_int),
        r.optional(v, "FreeSpace", translate("facts", "a disk's free space"), as_int),
    )


def _read_rest(r: _Reader, facts: HostFacts) -> None:
    raw = r.raw
    volumes = raw.get("Volumes")
    if volumes is None:
        r.section("Volumes", translate("facts", "the disks (Win32_LogicalDisk)"))
    else:
        try:
            facts.volumes = [_volume(r, item) for item in as_items(volumes, translate("facts", "the disks"))]
        except Unreadable as exc:
            facts.unknown["Volumes"] = str(exc)
            facts.volumes = None
    facts.reboot_pending = r.value("RebootPending", translate("facts", "whether a restart is pending"), as_bool)
    dg = r.section("DeviceGuard", translate("facts", "virtualization-based security (Win32_DeviceGuard)"))
    if dg is not None:
        facts.vbs_status = r.optional(
            dg, "VirtualizationBasedSecurityStatus", translate("facts", "the VBS status"), as_int
        )
        running = []
        try:
            services = as_items(dg.get("SecurityServicesRunning"), translate("facts", "the running security services"))
            for item in services:
                running.append(as_int(item, translate("facts", "a running security service")))
        except Unreadable as exc:
            facts.unknown.setdefault("DeviceGuard", str(exc))
        facts.security_services_running = running
    facts.hyperv_module = r.optional(
        raw, "HyperVModule", translate("facts", "whether the Hyper-V module is present"), as_bool
    )
    if raw.get("SupportedVersions") is not None:
        try:
            versions = as_items(raw["SupportedVersions"], translate("facts", "the VM versions"))
            facts.supported_versions = [
                str(v) for v in versions if isinstance(v, str | int | float) and not isinstance(v, bool)
            ]
        except Unreadable as exc:
            facts.unknown["SupportedVersions"] = str(exc)
    elif (error := facts.probe_error("HyperV")) is not None:
        facts.unknown["SupportedVersions"] = translate("facts", "the probe could not read them: {message}").format(
            message=error.message
        )
    facts.default_version = r.optional(raw, "DefaultVersion", translate("facts", "the default VM version"), as_str)
    if raw.get("VMHost") is not None:
        try:
            vmhost = as_dict(raw["VMHost"], translate("facts", "the Hyper-V host settings"))
            facts.vhd_path = r.optional(
                vmhost, "VirtualHardDiskPath", translate("facts", "the virtual hard disk folder"), as_str
            )
            facts.vm_path = r.optional(
                vmhost, "VirtualMachinePath", translate("facts", "the virtual machine folder"), as_str
            )
        except Unreadable as exc:
            facts.unknown["VMHost"] = str(exc)
    if raw.get("Software") is not None:
        try:
            programs = as_items(raw["Software"], translate("facts", "the installed programs"))
            facts.software = [s for s in programs if isinstance(s, str)]
        except Unreadable as exc:
            facts.unknown["Software"] = str(exc)
    policy = unwrap(raw.get("ExecutionPolicy"))
    if isinstance(policy, int) and not isinstance(policy, bool):
        facts.execution_policy = EXECUTION_POLICIES.get(policy)
    elif isinstance(policy, str):
        facts.execution_policy = policy
    facts.ps_version = r.optional(raw, "PSVersion", translate("facts", "the PowerShell version"), as_str)
