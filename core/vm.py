"""One model of a VM's nesting readiness: what Hyper-V reports about it, what blocks nesting, and each fix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.commands import Command, Pipeline, Script
from core.i18n import translate
from core.runners.base import Runner

GB = 1024**3
NESTING_MEMORY = 4 * GB  # Microsoft's script offers 4 GB; less leaves little room for the nested VMs
INTEL_MIN_VERSION = (8, 0)
AMD_MIN_VERSION = (9, 3)
STATE_SCRIPT = "Get-VmNestingState.ps1"

# Msvm_ComputerSystem EnabledState numbers as Hyper-V's VMState enum reports them.
VM_STATE_NAMES: dict[int, str] = {
    1: "Other",
    2: "Running",
    3: "Off",
    4: "Stopping",
    6: "Saved",
    9: "Paused",
    10: "Starting",
    11: "Reset",
    32773: "Saving",
    32776: "Pausing",
    32777: "Resuming",
    32779: "FastSaved",
    32780: "FastSaving",
}
_STATE_BY_LOWER = {name.lower(): name for name in VM_STATE_NAMES.values()}
# States in which the VM holds memory or a saved image and settings cannot change.
SAVED_STATES = frozenset({"Saved", "FastSaved"})
RUNNING_STATES = frozenset(VM_STATE_NAMES.values()) - SAVED_STATES - {"Off"}


def vm_state(value: Any) -> str:
    """The VMState name from a name (any case) or its number, as Get-VM output may carry either."""
    if isinstance(value, bool):
        raise ValueError(f"not a VM state: {value!r}")
    if isinstance(value, int):
        return VM_STATE_NAMES.get(value, f"Unknown ({value})")
    text = str(value).strip()
    if text.isdigit():
        return vm_state(int(text))
    return _STATE_BY_LOWER.get(text.lower(), text)


def spoofing_on(value: Any) -> bool:
    """MacAddressSpoofing is Hyper-V's OnOffState: On = 1, Off = 2; names in any case."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value not in (1, 2):
            raise ValueError(f"not an OnOffState: {value!r}")
        return value == 1
    text = str(value).strip().lower()
    if text in ("on", "1"):
        return True
    if text in ("off", "2", ""):
        return False
    raise ValueError(f"not an OnOffState: {value!r}")


def version_tuple(version: str) -> tuple[int, int]:
    major, _, minor = str(version).strip().partition(".")
    try:
        return int(major), int(minor.partition(".")[0] or 0)
    except ValueError:
        return (0, 0)


def gigabytes(size: int) -> str:
    amount = f"{size / GB:g}" if size % (GB // 4) == 0 else f"{size / GB:.2f}"
    return translate("readiness", "{amount} GB").format(amount=amount)


def state_word(state: str) -> str:
    """A VMState name as it reads in a sentence ("running", "off"), in the reader's language."""
    words = {
        "Other": translate("readiness", "other"),
        "Running": translate("readiness", "running"),
        "Off": translate("readiness", "off"),
        "Stopping": translate("readiness", "stopping"),
        "Saved": translate("readiness", "saved"),
        "Paused": translate("readiness", "paused"),
        "Starting": translate("readiness", "starting"),
        "Reset": translate("readiness", "reset"),
        "Saving": translate("readiness", "saving"),
        "Pausing": translate("readiness", "pausing"),
        "Resuming": translate("readiness", "resuming"),
        "FastSaved": translate("readiness", "fastsaved"),
        "FastSaving": translate("readiness", "fastsaving"),
    }
    return words.get(state, state.lower())


def state_title(state: str) -> str:
    """A VMState name for a column heading's cell: Hyper-V's own name, or its translation capitalised."""
    word = state_word(state)
    return state if word == state.lower() else word[:1].upper() + word[1:]


@dataclass(frozen=True)
class AdapterInfo:
    name: str
    switch_name: str | None
    mac_spoofing: bool

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> AdapterInfo:
        switch = record.get("SwitchName")
        return cls(
            str(record.get("Name") or "Network Adapter"),
            str(switch) if switch else None,
            spoofing_on(record.get("MacAddressSpoofing", "Off")),
        )


@dataclass(frozen=True)
class VmInfo:
    """What decides whether a VM can host nested VMs, read in one round trip."""

    name: str
    state: str
    generation: int
    version: str
    memory_startup: int
    dynamic_memory: bool
    processor_count: int
    expose_extensions: bool
    adapters: tuple[AdapterInfo, ...] = ()
    checkpoints: int = 0
    id: str = ""

    @property
    def version_tuple(self) -> tuple[int, int]:
        return version_tuple(self.version)

    @property
    def off(self) -> bool:
        return self.state == "Off"

    @property
    def saved(self) -> bool:
        return self.state in SAVED_STATES

    @property
    def running(self) -> bool:
        return self.state in RUNNING_STATES

    @property
    def spoofing_everywhere(self) -> bool:
        return all(a.mac_spoofing for a in self.adapters)

    @classmethod
    def from_state(cls, record: Mapping[str, Any]) -> VmInfo:
        """From one object of Get-VmNestingState.ps1."""
        adapters = record.get("Adapters") or []
        if isinstance(adapters, Mapping):
            adapters = [adapters]
        return cls(
            name=str(record["Name"]),
            state=vm_state(record.get("State", "Other")),
            generation=int(record.get("Generation") or 1),
            version=str(record.get("Version") or "0.0"),
            memory_startup=int(record.get("MemoryStartup") or 0),
            dynamic_memory=bool(record.get("DynamicMemoryEnabled")),
            processor_count=int(record.get("ProcessorCount") or 1),
            expose_extensions=bool(record.get("ExposeVirtualizationExtensions")),
            adapters=tuple(AdapterInfo.from_record(a) for a in adapters),
            checkpoints=int(record.get("CheckpointCount") or 0),
            id=str(record.get("Id") or ""),
        )

    @classmethod
    def from_records(
        cls,
        vm: Mapping[str, Any],
        processor: Mapping[str, Any],
        memory: Mapping[str, Any],
        adapters: Iterable[Mapping[str, Any]] = (),
        checkpoints: int = 0,
    ) -> VmInfo:
        """From the outputs of Get-VM, Get-VMProcessor, Get-VMMemory and Get-VMNetworkAdapter for one VM."""
        return cls(
            name=str(vm["Name"]),
            state=vm_state(vm.get("State", "Other")),
            generation=int(vm.get("Generation") or 1),
            version=str(vm.get("Version") or "0.0"),
            memory_startup=int(memory.get("Startup") or vm.get("MemoryStartup") or 0),
            dynamic_memory=bool(memory.get("DynamicMemoryEnabled", vm.get("DynamicMemoryEnabled"))),
            processor_count=int(processor.get("Count") or vm.get("ProcessorCount") or 1),
            expose_extensions=bool(processor.get("ExposeVirtualizationExtensions")),
            adapters=tuple(AdapterInfo.from_record(a) for a in adapters),
            checkpoints=checkpoints,
            id=str(vm.get("Id") or vm.get("VMId") or ""),
        )


def state_script(names: Sequence[str] | None = None) -> Script:
    return Script.of(STATE_SCRIPT, Name=tuple(names) if names is not None else None)


async def read_vms(runner: Runner, names: Sequence[str] | None = None) -> list[VmInfo]:
    """The named VMs (exact names, any characters) or all of them, in one round trip."""
    result = await runner.run(state_script(names), timeout=120)
    return [VmInfo.from_state(record) for record in result.output if isinstance(record, Mapping)]


async def read_vm(runner: Runner, name: str) -> VmInfo:
    """One VM by its exact name; PowerShellError when Hyper-V has no VM of that name."""
    result = await runner.run(state_script([name]), timeout=120)
    return VmInfo.from_state(result.output[0])


class Severity(StrEnum):
    BLOCKER = "blocker"  # nesting cannot work until this is fixed
    ADVICE = "advice"  # works, but the user's choices or good sense want it fixed
    INFO = "info"  # worth knowing; nothing to fix


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    severity: Severity
    message: str
    fix: tuple[Command | Pipeline, ...] = ()
    fix_label: str = ""
    caution: str = ""  # what the fix costs, shown before the user consents


@dataclass(frozen=True)
class Readiness:
    vm: VmInfo
    items: tuple[ReadinessItem, ...] = field(default_factory=tuple)

    @property
    def blockers(self) -> tuple[ReadinessItem, ...]:
        return tuple(i for i in self.items if i.severity is Severity.BLOCKER)

    @property
    def ready(self) -> bool:
        return not self.blockers

    def item(self, key: str) -> ReadinessItem | None:
        return next((i for i in self.items if i.key == key), None)

    def keys(self) -> list[str]:
        return [i.key for i in self.items]


def required_version(cpu_vendor: str) -> tuple[int, int]:
    return AMD_MIN_VERSION if cpu_vendor == "AuthenticAMD" else INTEL_MIN_VERSION


def _dotted(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def assess(
    vm: VmInfo,
    *,
    cpu_vendor: str = "GenuineIntel",
    mac_spoofing: bool = True,
    memory_4gb: bool = True,
    needs_generation2: bool = False,
    host_default_version: str | None = None,
) -> Readiness:
    """Every blocker and piece of advice for nesting on `vm`, each with a sentence and its fix as commands.

    `mac_spoofing`: the user chose bridged networking for the nested VMs (MAC spoofing needed on each adapter).
    `host_default_version`: the version Update-VMVersion upgrades to (Get-VMHostSupportedVersion -Default)."""
    name = vm.name
    items: list[ReadinessItem] = []
    if vm.saved:
        items.append(
            ReadinessItem(
                "saved",
                Severity.BLOCKER,
                translate(
                    "readiness",
                    "'{name}' is in a saved state; its settings cannot change until the saved state is removed.",
                ).format(name=name),
                (Command.of("Remove-VMSavedState", VMName=name),),
                translate("readiness", "Remove the saved state"),
                translate(
                    "readiness",
                    "Removing the saved state discards the memory image: work not saved inside the "
                    "guest is lost, as if the power had failed.",
                ),
            )
        )
    elif vm.running:
        items.append(
            ReadinessItem(
                "running",
                Severity.BLOCKER,
                translate(
                    "readiness", "'{name}' is {state}; processor and memory settings change only while it is off."
                ).format(name=name, state=state_word(vm.state)),
                # -Force: a locked guest refuses a plain shutdown and a non-interactive session cannot answer for it
                # (https://learn.microsoft.com/powershell/module/hyper-v/stop-vm, -Force; VirtualEngine/Lability#87).
                (Command.of("Stop-VM", Name=name, Force=True),),
                translate("readiness", "Shut the VM down"),
                translate(
                    "readiness",
                    "The guest operating system is asked to shut down: save your work inside it "
                    "first. Programs that refuse to close can lose unsaved data.",
                ),
            )
        )
    wanted = required_version(cpu_vendor)
    if vm.version_tuple < wanted:
        vendor = "AMD" if cpu_vendor == "AuthenticAMD" else "Intel"
        sentence = translate(
            "readiness",
            "'{name}' has configuration version {version}; nesting on {vendor} processors needs {wanted} or later.",
        ).format(name=name, version=vm.version, vendor=vendor, wanted=_dotted(wanted))
        if host_default_version is not None and version_tuple(host_default_version) < wanted:
            items.append(
                ReadinessItem(
                    "version",
                    Severity.BLOCKER,
                    sentence
                    + " "
                    + translate(
                        "readiness",
                        "This host upgrades VMs only to {version}, so it cannot run nested VMs on this processor.",
                    ).format(version=host_default_version),
                )
            )
        else:
            items.append(
                ReadinessItem(
                    "version",
                    Severity.BLOCKER,
                    sentence,
                    (Command.of("Update-VMVersion", Name=name, Force=True),),
                    translate("readiness", "Upgrade the configuration version to {version}").format(
                        version=host_default_version or translate("readiness", "the host default")
                    ),
                    translate(
                        "readiness",
                        "An upgraded VM cannot be downgraded, and it no longer starts on hosts that "
                        "only support the old version.",
                    ),
                )
            )
    if not vm.expose_extensions:
        items.append(
            ReadinessItem(
                "extensions",
                Severity.BLOCKER,
                translate(
                    "readiness",
                    "'{name}' does not expose the processor's virtualization extensions, so Hyper-V "
                    "cannot run inside it.",
                ).format(name=name),
                (Command.of("Set-VMProcessor", VMName=name, ExposeVirtualizationExtensions=True),),
                translate("readiness", "Expose virtualization extensions"),
            )
        )
    if vm.dynamic_memory:
        items.append(
            ReadinessItem(
                "dynamic-memory",
                Severity.BLOCKER,
                translate(
                    "readiness",
                    "'{name}' uses dynamic memory; once Hyper-V runs inside it, its memory can no "
                    "longer grow or shrink.",
                ).format(name=name),
                (Command.of("Set-VMMemory", VMName=name, DynamicMemoryEnabled=False),),
                translate("readiness", "Turn dynamic memory off"),
            )
        )
    if vm.memory_startup < NESTING_MEMORY:
        items.append(
            ReadinessItem(
                "memory",
                Severity.ADVICE if memory_4gb else Severity.INFO,
                translate(
                    "readiness",
                    "'{name}' starts with {memory} of memory; with less than 4 GB there is little "
                    "room left for nested VMs.",
                ).format(name=name, memory=gigabytes(vm.memory_startup)),
                (Command.of("Set-VMMemory", VMName=name, StartupBytes=NESTING_MEMORY),) if memory_4gb else (),
                translate("readiness", "Set the startup memory to 4 GB") if memory_4gb else "",
            )
        )
    if vm.processor_count < 2:
        items.append(
            ReadinessItem(
                "processors",
                Severity.ADVICE,
                translate(
                    "readiness",
                    "'{name}' has one virtual processor; a Hyper-V host inside it needs at least two to be usable.",
                ).format(name=name),
                (Command.of("Set-VMProcessor", VMName=name, Count=2),),
                translate("readiness", "Give it two virtual processors"),
            )
        )
    if vm.generation == 1:
        items.append(
            ReadinessItem(
                "generation",
                Severity.BLOCKER if needs_generation2 else Severity.INFO,
                translate(
                    "readiness",
                    "'{name}' is a generation 1 VM: nesting works, but Secure Boot, a virtual TPM and "
                    "Windows 11 need generation 2, and the generation of a VM cannot be changed.",
                ).format(name=name),
            )
        )
    if mac_spoofing:
        off = [a for a in vm.adapters if not a.mac_spoofing]
        if off:
            names = ", ".join(f"'{a.name}'" for a in off)
            items.append(
                ReadinessItem(
                    "mac-spoofing",
                    Severity.BLOCKER,
                    translate(
                        "readiness",
                        "MAC address spoofing is off on {adapters} of '{name}'; without it the nested "
                        "VMs get no network through the bridged switch you chose.",
                    ).format(adapters=names, name=name),
                    (
                        Command.of("Get-VMNetworkAdapter", VMName=name)
                        | Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On"),
                    ),
                    translate("readiness", "Turn MAC address spoofing on for every adapter"),
                )
            )
        elif not vm.adapters:
            items.append(
                ReadinessItem(
                    "no-adapter",
                    Severity.INFO,
                    translate(
                        "readiness", "'{name}' has no network adapter, so its nested VMs will have no network either."
                    ).format(name=name),
                )
            )
    if vm.checkpoints:
        count = (
            translate("readiness", "one checkpoint")
            if vm.checkpoints == 1
            else translate("readiness", "{count} checkpoints").format(count=vm.checkpoints)
        )
        items.append(
            ReadinessItem(
                "checkpoints",
                Severity.INFO,
                translate(
                    "readiness",
                    "'{name}' has {count}. Checkpoints work with nesting from configuration version "
                    "8.0 on, but applying one taken before nesting was enabled brings the old settings back.",
                ).format(name=name, count=count),
            )
        )
    return Readiness(vm, tuple(items))


@dataclass(frozen=True)
class SettingCheck:
    """One setting read back after a change: whether it is in place, in a sentence."""

    key: str
    in_place: bool
    sentence: str
    informational: bool = False  # worth saying (the VM's state), but nothing that should or should not be in place


def settings_in_place(
    vm: VmInfo,
    *,
    mac_spoofing: bool = True,
    memory_4gb: bool = True,
    cpu_vendor: str | None = None,
) -> tuple[SettingCheck, ...]:
    """What nesting needs on `vm`, read back: each setting in place or not, as the user chose it."""
    name = vm.name
    checks = [
        SettingCheck(
            "extensions",
            vm.expose_extensions,
            translate("readiness", "Virtualization extensions are exposed.")
            if vm.expose_extensions
            else translate("readiness", "Virtualization extensions are still off: Hyper-V cannot run inside the VM."),
        ),
        SettingCheck(
            "dynamic-memory",
            not vm.dynamic_memory,
            translate("readiness", "Dynamic memory is off.")
            if not vm.dynamic_memory
            else translate("readiness", "Dynamic memory is still on."),
        ),
    ]
    if memory_4gb:
        enough = vm.memory_startup >= NESTING_MEMORY
        memory = gigabytes(vm.memory_startup)
        checks.append(
            SettingCheck(
                "memory",
                enough,
                translate("readiness", "Startup memory is {memory}.").format(memory=memory)
                if enough
                else translate("readiness", "Startup memory is still {memory}, not the 4 GB you chose.").format(
                    memory=memory
                ),
            )
        )
    if mac_spoofing:
        for adapter in vm.adapters:
            checks.append(
                SettingCheck(
                    f"mac-spoofing:{adapter.name}",
                    adapter.mac_spoofing,
                    (
                        translate("readiness", "MAC address spoofing is on for '{adapter}'.")
                        if adapter.mac_spoofing
                        else translate("readiness", "MAC address spoofing is still off for '{adapter}'.")
                    ).format(adapter=adapter.name),
                )
            )
    if cpu_vendor is not None:
        wanted = required_version(cpu_vendor)
        fits = vm.version_tuple >= wanted
        checks.append(
            SettingCheck(
                "version",
                fits,
                translate("readiness", "Configuration version {version} supports nesting.").format(version=vm.version)
                if fits
                else translate(
                    "readiness", "Configuration version {version} is older than the {wanted} nesting needs."
                ).format(version=vm.version, wanted=_dotted(wanted)),
            )
        )
    state = translate("readiness", "'{name}' is {state}.").format(name=name, state=state_word(vm.state))
    if vm.off:
        state += " " + translate("readiness", "Start it when you are ready; nothing started it again.")
    checks.append(SettingCheck("state", True, state, informational=True))
    return tuple(checks)


@dataclass(frozen=True)
class EnableOutcome:
    """What an enablement run did, told from the VM's settings read back afterwards (never from exit codes)."""

    method: str  # "script" | "direct"
    vm: VmInfo
    checks: tuple[SettingCheck, ...]
    errors: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return all(c.in_place for c in self.checks)

    @property
    def missing(self) -> tuple[SettingCheck, ...]:
        return tuple(c for c in self.checks if not c.in_place)

    def summary(self) -> str:
        if self.complete:
            return translate("readiness", "Nesting is set up on '{name}': every setting read back is in place.").format(
                name=self.vm.name
            )
        count = len(self.missing)
        if count == 1:
            return translate(
                "readiness", "Nesting is not fully set up on '{name}': {count} setting is not in place."
            ).format(name=self.vm.name, count=count)
        return translate(
            "readiness", "Nesting is not fully set up on '{name}': {count} settings are not in place."
        ).format(name=self.vm.name, count=count)
