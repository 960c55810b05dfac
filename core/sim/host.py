"""The simulated Windows/Hyper-V machine: state from a profile, a clock, and PowerShell execution."""

from __future__ import annotations

import copy
import tomllib
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.clock import Clock, ScaledClock
from core.commands import Command, Pipeline, Runnable, Script
from core.paths import resource
from core.reference import Reference
from core.results import ErrorRecord, Record, Result
from core.sim import DEFAULT_PROFILE as DEFAULT_PROFILE
from core.sim import DEMO_SPEED as DEMO_SPEED
from core.sim import engine
from core.sim.model import (
    GB,
    CpuInfo,
    HostState,
    OsInfo,
    SimAdapter,
    SimGuest,
    SimSwitch,
    SimVM,
    Volume,
)

if TYPE_CHECKING:
    from core.sim.store import HostStore

ROUND_TRIP_SECONDS = 0.02  # simulated seconds from sending a command to the host starting it


def profile_vm_id(story: str, name: str) -> str:
    """A profile VM's Id: the same each time its story starts (a name-based UUID, RFC 4122 version 5 layout).
    SHA-256 from CPython's built-in module, as core.enable.pins does: hashlib would load OpenSSL for it."""
    from core.enable.pins import sha256_hex

    digest = bytes.fromhex(sha256_hex(f"nestwiz-profile-vm|{story}|{name}".encode()))[:16]
    return str(uuid.UUID(bytes=digest, version=5))


def profiles_dir() -> Path:
    return resource("profiles")


def profile_names(*, include_guests: bool = False) -> list[str]:
    """Host profiles a user can pick; guest-only profiles describe the OS inside an outer VM."""
    names = []
    for path in sorted(profiles_dir().glob("*.toml")):
        with path.open("rb") as f:
            if include_guests or not tomllib.load(f).get("guest_only", False):
                names.append(path.stem)
    return names


def profile_path(name: str) -> Path:
    """A shipped profile's file, or a trainer's own: a path ending in .toml that exists."""
    own = Path(name)
    if own.suffix.lower() == ".toml" and own.is_file():
        return own
    return profiles_dir() / f"{name}.toml"


def load_profile(name: str) -> dict[str, Any]:
    path = profile_path(name)
    if not path.is_file() and name.lower().endswith(".toml"):
        raise ValueError(f"There is no simulated host profile file '{name}'.")
    if not path.is_file():
        known = ", ".join(profile_names(include_guests=True))
        raise ValueError(f"There is no simulated host profile named '{name}'. Known profiles: {known}.")
    with path.open("rb") as f:
        return tomllib.load(f)


class SimHost:
    """A simulated Windows machine with Hyper-V. A VM's guest OS is itself a SimHost."""

    def __init__(
        self,
        state: HostState,
        *,
        title: str = "Simulated host",
        description: str = "",
        clock: Clock | None = None,
        reference: Reference | None = None,
        profile: str = "",
    ) -> None:
        self.state = state
        self.title = title
        self.description = description
        self.profile = profile
        self.clock = clock or ScaledClock(DEMO_SPEED)
        self.reference = reference or Reference.default()
        self.vms: list[SimVM] = []
        self.switches: list[SimSwitch] = []
        self.nats: list[Any] = []
        self.ip_addresses: list[Any] = []
        self.files: dict[str, int] = {}  # path (case-insensitive key) -> size in bytes
        self.file_names: dict[str, str] = {}  # lower-case key -> path as written
        self.history: list[Runnable] = []
        self.boots = 0
        self.parent: SimHost | None = None  # the host whose VM this guest runs in
        self.directories: dict[str, str] = {}  # folders made with New-Item: lower-case key -> path as written
        self.fail_next: dict[str, str] = {}  # cmdlet or script name -> the error its next call fails with (tests)
        self.store: HostStore | None = None  # where an opened host saves itself after each round trip (store.py)
        self.store_note: str | None = None  # why its saved state was set aside, for the user to read
        # PSSessions the host's PowerShell process holds (handlers/direct.py): they live as long as that process, so
        # they are not part of the saved state.
        self.sessions: dict[str, Any] = {}
        self.session_count = 0
        self.consoles: list[str] = []  # the VMs a vmconnect window was opened for (Start-Process), in order
        self.run_once: dict[str, str] = {}  # HKCU RunOnce: value name -> command line
        self.signed_in_starts: list[tuple[list[str], bool]] = []  # (argv, elevated) of programs run at sign-in

    # ------------------------------------------------------------------ profiles
    @classmethod
    def from_profile(cls, name: str = DEFAULT_PROFILE, *, clock: Clock | None = None) -> SimHost:
        data = load_profile(name)
        host = cls.from_dict(data, clock=clock)
        host.profile = name
        return host

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, clock: Clock | None = None) -> SimHost:
        data = copy.deepcopy(data)
        data.pop("guest_only", None)
        state = HostState(
            os=OsInfo(**data.get("os", {})),
            cpu=CpuInfo(**data.get("cpu", {})),
        )
        memory = data.get("memory", {})
        state.total_memory = int(memory.get("total_gb", 32) * GB)
        state.free_memory = int(memory.get("free_gb", 20) * GB)
        state.volumes = [
            Volume(v["drive"], int(v["size_gb"] * GB), int(v["free_gb"] * GB)) for v in data.get("volumes", [])
        ] or state.volumes
        for key, value in data.get("host", {}).items():
            if not hasattr(state, key):
                raise ValueError(f"unknown host setting {key!r} in profile")
            setattr(state, key, value)
        host = cls(
            state, title=data.get("title", "Simulated host"), description=data.get("description", ""), clock=clock
        )
        for sw in data.get("switches", []):
            host.switches.append(SimSwitch(**sw))
        for path, size_gb in data.get("files", {}).items():
            host.add_file(path, int(size_gb * GB))
        for vm_data in data.get("vms", []):
            vm_data = dict(vm_data)
            adapters = [SimAdapter(**a) for a in vm_data.pop("adapters", [{}])]
            guest_data = vm_data.pop("guest", None)
            for key in ("memory_startup", "memory_minimum", "memory_maximum"):
                if f"{key}_gb" in vm_data:
                    vm_data[key] = int(vm_data.pop(f"{key}_gb") * GB)
            # A profile is one machine's story: its VMs keep their Ids each time the story starts afresh, as a
            # real host's VMs keep theirs (Hyper-V gives a VM its Id once, at New-VM).
            vm_data.setdefault("id", profile_vm_id(str(data.get("title", "")), str(vm_data.get("name"))))
            vm = SimVM(**vm_data, adapters=adapters)
            if guest_data is not None:
                vm.guest = host.make_guest(vm, guest_data)
            host.vms.append(vm)
            if vm.state == "Running":
                host.boot_guest(vm)
                if vm.guest is not None:
                    vm.guest.ready_at = host.clock.now()
        host.refresh_hypervisor()
        return host

    # ------------------------------------------------------------------ saved state
    def to_state(self) -> dict[str, Any]:
        """Everything a command can change, guests included, and the clock's time: JSON-able, versioned."""
        from core.sim import state

        return state.dump(self)

    @classmethod
    def from_state(cls, data: Any, *, clock: ScaledClock | None = None) -> SimHost:
        """The host `to_state` saved; `clock` (a demo clock if None) carries on from the saved time.

        Raises core.sim.state.StateUnreadable (a ValueError) for data that is not a saved host of this version.
        """
        from core.sim import state

        return state.load(data, clock=clock)

    def make_guest(self, vm: SimVM, data: dict[str, Any]) -> SimGuest:
        """The OS inside `vm`: a nested SimHost whose CPU shows what the VM exposes."""
        data = dict(data)
        profile_name = data.pop("profile", "guest-windows-server-2022")
        guest_host = SimHost.from_profile(profile_name, clock=self.clock)
        guest_host.parent = self
        guest = SimGuest(host=guest_host, **data)
        self.sync_guest_hardware(vm, guest)
        return guest

    def sync_guest_hardware(self, vm: SimVM, guest: SimGuest) -> None:
        g = guest.host.state
        g.cpu.manufacturer = self.state.cpu.manufacturer
        g.cpu.name = self.state.cpu.name
        g.cpu.logical = vm.processor_count
        g.cpu.cores = vm.processor_count
        exposed = vm.expose_virtualization_extensions and self.nesting_possible(vm)
        g.cpu.vmx = g.cpu.slat = g.cpu.firmware_enabled = exposed
        g.total_memory = vm.memory_startup
        g.free_memory = max(0, vm.memory_startup - 2 * GB)
        g.is_virtual_machine = True
        g.system_manufacturer = "Microsoft Corporation"
        g.system_model = "Virtual Machine"
        guest.host.refresh_hypervisor()

    # ------------------------------------------------------------------ rules shared by handlers
    def nesting_possible(self, vm: SimVM) -> bool:
        """Whether this host can expose virtualization extensions to `vm` (Intel 8.0+, AMD 9.3+ on 22000/20348+)."""
        return self.nesting_block_reason(vm) is None

    def nesting_block_reason(self, vm: SimVM) -> str | None:
        s = self.state
        if s.cpu.manufacturer == "AuthenticAMD":
            min_build = 20348 if s.os.is_server else 22000
            if s.os.build < min_build:
                return (
                    f"nested virtualization on AMD processors needs Windows 11 or Windows Server 2022 "
                    f"(build {min_build} or later); this host runs build {s.os.build}"
                )
            if vm.version_tuple < (9, 3):
                return (
                    f"nested virtualization on AMD processors needs VM configuration version 9.3 or later; "
                    f"'{vm.name}' is version {vm.version}"
                )
        elif vm.version_tuple < (8, 0):
            return f"nested virtualization needs VM configuration version 8.0 or later; '{vm.name}' is {vm.version}"
        return None

    def refresh_hypervisor(self) -> None:
        """The hypervisor runs after a boot with Hyper-V enabled on a CPU that can virtualize, or under VBS.

        CpuInfo holds the hardware truth; the CIM classes hide it once the hypervisor runs, as Windows does.
        """
        s = self.state
        capable = s.cpu.vmx and s.cpu.slat and s.cpu.firmware_enabled
        hyperv_on = s.features.get(s.hyperv_feature) == "Enabled"
        s.hypervisor_running = (hyperv_on and capable) or s.vbs_status == 2

    def find_vms(self, name: str) -> list[SimVM]:
        return [vm for vm in self.vms if vm.name.lower() == name.lower()]

    def find_switch(self, name: str) -> SimSwitch | None:
        return next((s for s in self.switches if s.name.lower() == name.lower()), None)

    def add_file(self, path: str, size: int) -> None:
        self.files[path.lower()] = size
        self.file_names[path.lower()] = path

    def has_file(self, path: str) -> bool:
        return path.lower() in self.files

    def remove_file(self, path: str) -> None:
        self.files.pop(path.lower(), None)
        self.file_names.pop(path.lower(), None)

    def used_vm_memory(self) -> int:
        return sum(vm.memory_startup for vm in self.vms if vm.state in ("Running", "Paused", "Starting"))

    def available_memory(self) -> int:
        return max(0, self.state.free_memory - self.used_vm_memory())

    def vm_ready(self, vm: SimVM) -> bool:
        """The guest OS has booted and answers (heartbeat OK, PowerShell Direct works)."""
        guest = vm.guest
        return (
            vm.state == "Running"
            and guest is not None
            and guest.installed
            and guest.ready_at is not None
            and self.clock.now() >= guest.ready_at
        )

    def heartbeat(self, vm: SimVM) -> str:
        if vm.state != "Running":
            return "Disabled" if vm.state == "Off" else "NoContact"
        if not vm.integration_services.get("Heartbeat", False):
            return "Disabled"
        guest = vm.guest
        if guest is None or not guest.installed or not guest.heartbeat_works or not self.vm_ready(vm):
            return "NoContact"
        return "OkApplicationsUnknown"

    def boot_guest(self, vm: SimVM) -> None:
        vm.started_at = self.clock.now()
        if vm.guest is not None:
            self.sync_guest_hardware(vm, vm.guest)
            vm.guest.ready_at = vm.started_at + vm.guest.boot_seconds
            vm.guest.host.boot()

    def boot(self) -> None:
        """A (re)boot of this machine: pending features take effect, the hypervisor starts if it can."""
        s = self.state
        for name, value in list(s.features.items()):
            if value == "EnablePending":
                s.features[name] = "Enabled"
            elif value == "DisablePending":
                s.features[name] = "Disabled"
        s.reboot_pending = False
        self.boots += 1
        self.refresh_hypervisor()
        self.sign_in()

    def sign_in(self) -> None:
        """The user signs in after a boot: HKCU's RunOnce entries run once, are deleted, and never run elevated.

        Windows runs a RunOnce command once and deletes it (https://learn.microsoft.com/windows-hardware/drivers/
        install/runonce-registry-key); the shell that starts it has the standard user's rights, even for an
        administrator under UAC (https://learn.microsoft.com/windows-server/security/user-account-control/
        user-account-control-overview).
        """
        from core.sim.handlers.process import command_line_to_argv

        entries, self.run_once = self.run_once, {}
        for line in entries.values():
            self.signed_in_starts.append((command_line_to_argv(line), False))

    # ------------------------------------------------------------------ execution
    async def execute(self, runnable: Runnable, sink: engine.RecordSink | None = None) -> Result:
        """Run a command, a pipeline or a fixed script; records stream to `sink` as they happen."""
        import core.sim.handlers
        import core.sim.scripts_enable  # noqa: F401  (registers Microsoft's script)

        result = Result(runnable)

        def collect(record: Record) -> None:
            result.add(record)
            if sink is not None:
                sink(record)

        self.history.append(runnable)
        # A round trip takes time, and the caller's event loop runs meanwhile (a real runner waits on a pipe or a
        # socket): without this, a page's chain of quick commands held the Qt thread for tens of milliseconds.
        await self.clock.sleep(ROUND_TRIP_SECONDS)
        try:
            if isinstance(runnable, Script):
                from core.sim.scripts import run_script

                self._injected(runnable.name)
                output = await run_script(self, runnable, collect)
            else:
                commands = runnable.commands if isinstance(runnable, Pipeline) else (runnable,)
                output = await self._pipeline(commands, collect)
            for item in output:
                collect(Record("output", item))
        except engine.Terminating as exc:
            result.failed = True
            collect(Record("error", exc.record))
        finally:
            if self.store is not None:
                self.store.round_trip_done(self)
        return result

    async def _pipeline(self, commands: tuple[Command, ...], sink: engine.RecordSink) -> list[Any]:
        data: list[Any] = []
        for index, command in enumerate(commands):
            self._injected(command.name)
            data = await engine.invoke(self, command, data, sink, piped=index > 0)
        return data

    def _injected(self, name: str) -> None:
        """A failure a test asked for with fail_next[name] (a cmdlet or a fixed script)."""
        injected = self.fail_next.pop(name, None)
        if injected is not None:
            raise engine.Terminating(ErrorRecord(injected, "InjectedFailure", "NotSpecified", name))

    def error(self, message: str, error_id: str, category: str = "InvalidOperation") -> ErrorRecord:
        return ErrorRecord(message, error_id, category)
