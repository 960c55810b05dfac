"""The simulated host remembers between runs: a complete versioned state, saved atomically per profile."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from core.clock import ScaledClock
from core.commands import Command, Credential, Script
from core.paths import resource
from core.provision.guest import direct_runner, wait_until_ready
from core.provision.guest_hyperv import GuestHyperV
from core.provision.inner import InnerVm, InnerVmPlan
from core.provision.network import NetworkPlan, apply
from core.runners.simulated import SimulatedRunner
from core.session import Session
from core.sim.handlers.nested import install_guest_os
from core.sim.host import DEFAULT_PROFILE, SimHost
from core.sim.state import StateUnreadable
from core.sim.store import open_host, store_dir, store_name
from tests.conftest import ROOT, TEST_SPEED

GB = 1024**3
GOOD = Credential("Administrator", "Lab-Passw0rd!")
ISO = "C:\\ISO\\WindowsServer2022.iso"
BOOT_SPEED = 1000.0  # slow enough that the state is saved long before a 45 s boot ends
SAVED = store_dir  # called inside each test: NESTWIZ_HOME is per test


class PausableClock(ScaledClock):
    """A scaled clock that can be stopped, so that two hosts are compared at the very same simulated time."""

    def __init__(self, speed: float) -> None:
        super().__init__(speed)
        self.frozen: float | None = None

    def now(self) -> float:
        return super().now() if self.frozen is None else self.frozen

    def pause(self) -> None:
        self.frozen = self.now()

    def move_to(self, now: float) -> None:
        if self.frozen is None:
            super().move_to(now)
        else:
            self.frozen = now


async def _chain(host: SimHost) -> SimulatedRunner:
    """The default nested chain with core functions (as test_inner_vm.py drives it), plus a fresh VM with a DVD,
    notes, a checkpoint and an OS installed from its ISO, and a folder: every kind of state the host keeps."""
    vm = host.find_vms("Lab-Host01")[0]
    vm.expose_virtualization_extensions, vm.dynamic_memory, vm.memory_startup = True, False, 4 * GB
    runner = SimulatedRunner(host)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    guest = direct_runner(runner, "Lab-Host01", GOOD)
    await apply(runner, guest, NetworkPlan(), "Lab-Host01")
    await InnerVm(runner, guest, "Lab-Host01", InnerVmPlan(iso_path=ISO), NetworkPlan()).run()
    await runner.run(Command.of("New-Item", Path="C:\\VMs", ItemType="Directory"))
    await runner.run(
        Command.of(
            "New-VM",
            Name="Fresh",
            Generation=2,
            MemoryStartupBytes=2 * GB,
            NewVHDPath="C:\\VMs\\Fresh.vhdx",
            NewVHDSizeBytes=60 * GB,
        )
    )
    await runner.run(Command.of("Add-VMDvdDrive", VMName="Fresh", Path=ISO))
    await runner.run(Script.of("Set-FirstBootDvd.ps1", VMName="Fresh"))
    await runner.run(Command.of("Set-VM", Name="Fresh", Notes="made by the round-trip test"))
    await runner.run(Command.of("Checkpoint-VM", Name="Fresh", SnapshotName="before the OS"))
    await runner.run(Command.of("Start-VM", Name="Fresh"))
    await install_guest_os(host, "Fresh", "LabAdmin", "Typed-Passw0rd", seconds=60)
    await runner.run(Command.of("New-Item", Path="C:\\Labs\\Empty", ItemType="Directory"))
    return runner


QUESTIONS = [
    Command.of("Get-VM"),
    Command.of("Get-VMSwitch"),
    Command.of("Get-VMNetworkAdapter", VMName="*"),
    Command.of("Get-VMHardDiskDrive", VMName="*"),
    Command.of("Get-VMDvdDrive", VMName="*"),
    Command.of("Get-VMSnapshot", VMName="*"),
    Command.of("Get-VMIntegrationService", VMName="*"),
    Command.of("Get-VMFirmware", VMName="*"),
    Command.of("Get-ChildItem", Path="C:\\*"),
    Command.of("Get-CimInstance", ClassName="Win32_LogicalDisk"),
]
GUEST_QUESTIONS = [
    Command.of("Get-VM"),
    Command.of("Get-VMSwitch"),
    Command.of("Get-NetNat"),
    Command.of("Get-NetIPAddress"),
    Command.of("Get-CimInstance", ClassName="Win32_OperatingSystem"),
    Command.of("Get-WindowsFeature", Name="Hyper-V"),
]


async def _answers(runner: SimulatedRunner) -> list[object]:
    out: list[object] = [(await runner.run(q)).output for q in QUESTIONS]
    guest = direct_runner(runner, "Lab-Host01", GOOD)
    out += [(await guest.run(q)).output for q in GUEST_QUESTIONS]
    return out


async def test_the_whole_chain_survives_a_round_trip_through_json():
    clock = PausableClock(TEST_SPEED)
    host = SimHost.from_profile(clock=clock)
    runner = await _chain(host)
    clock.pause()
    saved = json.loads(json.dumps(host.to_state()))
    again_clock = PausableClock(TEST_SPEED)
    again_clock.pause()
    again = SimHost.from_state(saved, clock=again_clock)
    assert again.to_state() == saved == host.to_state()
    assert again_clock.now() == clock.now()

    inner = again.find_vms("Lab-Host01")[0].guest.host
    assert inner.parent is again and inner.clock is again_clock
    assert inner.find_vms("NestWiz-Inner") and inner.nats and inner.ip_addresses and inner.state.hypervisor_running
    fresh = again.find_vms("Fresh")[0]
    assert fresh.id == host.find_vms("Fresh")[0].id and fresh.notes and fresh.checkpoints and fresh.guest.installed
    assert again.history == [] and again.fail_next == {}
    assert await _answers(SimulatedRunner(again)) == await _answers(runner)


def test_state_from_another_version_or_with_missing_parts_is_refused():
    host = SimHost.from_profile(clock=ScaledClock(TEST_SPEED))
    saved = host.to_state()
    with pytest.raises(StateUnreadable, match="version"):
        SimHost.from_state({**saved, "version": 99})
    broken = json.loads(json.dumps(saved))
    del broken["host"]["vms"][0]["memory_startup"]
    with pytest.raises(StateUnreadable, match="missing memory_startup"):
        SimHost.from_state(broken)
    broken = json.loads(json.dumps(saved))
    broken["host"]["vms"][0]["processor_count"] = "two"
    clock = ScaledClock(TEST_SPEED)
    before = clock.now()
    with pytest.raises(StateUnreadable, match="processor_count"):
        SimHost.from_state(broken, clock=clock)
    assert clock.now() - before < TEST_SPEED  # refused state leaves the caller's clock where it was


async def test_a_change_is_saved_and_the_next_open_finds_it():
    host = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    assert (SAVED() / f"{DEFAULT_PROFILE}.json").is_file() and host.store_note is None
    runner = SimulatedRunner(host)
    record = (await runner.run(Command.of("New-VM", Name="Kept", Generation=2))).first()
    saves = host.store.saves
    await runner.run(Command.of("Get-VM"))
    assert host.store.saves == saves  # a question changes nothing, so nothing is written
    again = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    (kept,) = again.find_vms("Kept")
    assert kept.id == record["Id"] and kept.generation == 2


async def test_hosts_built_from_a_profile_directly_are_not_saved():
    host = SimHost.from_profile(clock=ScaledClock(TEST_SPEED))
    await SimulatedRunner(host).run(Command.of("New-VM", Name="Passing", Generation=2))
    assert host.store is None and not SAVED().exists()


async def test_the_clock_resumes_from_the_saved_time():
    host = open_host(DEFAULT_PROFILE, clock=ScaledClock(BOOT_SPEED))
    runner = SimulatedRunner(host)
    await runner.run(Command.of("Start-VM", Name="Lab-Host01"))
    ready_at = host.find_vms("Lab-Host01")[0].guest.ready_at
    saved_now = json.loads((SAVED() / f"{DEFAULT_PROFILE}.json").read_text())["now"]
    assert ready_at - saved_now > 40  # saved while the guest boots (45 simulated seconds)

    clock = PausableClock(BOOT_SPEED)
    clock.pause()
    again = open_host(DEFAULT_PROFILE, clock=clock)
    vm = again.find_vms("Lab-Host01")[0]
    assert clock.now() == saved_now and vm.state == "Running" and vm.guest.ready_at == ready_at
    assert not again.vm_ready(vm) and again.heartbeat(vm) == "NoContact"
    clock.move_to(ready_at - 0.5)
    assert not again.vm_ready(vm)
    clock.move_to(ready_at)
    assert again.vm_ready(vm) and again.heartbeat(vm) == "OkApplicationsUnknown"

    live = ScaledClock(BOOT_SPEED)
    open_host(DEFAULT_PROFILE, clock=live)
    assert live.now() >= saved_now


@pytest.mark.parametrize("content", [b"{not json", b"", b'{"format": 1}', b"\xff\xfe garbage"])
def test_an_unreadable_file_is_set_aside_and_the_host_starts_afresh(content):
    path = SAVED() / f"{DEFAULT_PROFILE}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    host = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    assert host.store_note.startswith(
        "The simulated host's saved state could not be read and was set aside; it starts afresh."
    )
    assert (SAVED() / f"{DEFAULT_PROFILE}.json.unreadable").read_bytes() == content
    assert [vm.name for vm in host.vms] == ["Lab-Host01", "Ubuntu-Dev"]
    assert json.loads(path.read_text())["format"] == "nestwiz-simulated-host"


async def test_truncated_or_other_version_files_are_set_aside_never_over_an_earlier_one():
    host = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    await SimulatedRunner(host).run(Command.of("New-VM", Name="Lost", Generation=2))
    path = SAVED() / f"{DEFAULT_PROFILE}.json"
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    first = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    assert first.store_note and not first.find_vms("Lost")
    data = json.loads(whole)
    data["version"] = 99
    path.write_text(json.dumps(data))
    second = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    assert "version 99" in second.store_note
    assert (SAVED() / f"{DEFAULT_PROFILE}.json.unreadable").read_bytes() == whole[: len(whole) // 2]
    assert json.loads((SAVED() / f"{DEFAULT_PROFILE}.json.unreadable.2").read_text())["version"] == 99


async def test_reset_starts_from_the_profile():
    host = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    await SimulatedRunner(host).run(Command.of("New-VM", Name="Gone", Generation=2))
    fresh = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED), reset=True)
    assert not fresh.find_vms("Gone") and fresh.store_note is None
    assert not open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED)).find_vms("Gone")


async def test_a_trainers_profile_file_is_saved_under_its_stem(tmp_path):
    own = tmp_path / "my-lab.toml"
    shutil.copy(resource("profiles", "laptop-8gb.toml"), own)
    assert store_name(str(own)) == "my-lab" and store_name("laptop-8gb") == "laptop-8gb"
    host = open_host(str(own), clock=ScaledClock(TEST_SPEED))
    assert host.state.total_memory == 8 * GB
    await SimulatedRunner(host).run(Command.of("New-VM", Name="Trainer", Generation=2))
    assert (SAVED() / "my-lab.json").is_file()
    assert open_host(str(own), clock=ScaledClock(TEST_SPEED)).find_vms("Trainer")
    moved = tmp_path / "elsewhere" / "my-lab.toml"
    moved.parent.mkdir()
    own.rename(moved)
    assert open_host(str(moved), clock=ScaledClock(TEST_SPEED)).find_vms("Trainer")  # the file may move


async def test_a_saved_state_of_another_profile_by_the_same_name_is_not_taken(tmp_path):
    host = open_host("laptop-8gb", clock=ScaledClock(TEST_SPEED))
    await SimulatedRunner(host).run(Command.of("New-VM", Name="Shipped", Generation=2))
    own = tmp_path / "laptop-8gb.toml"
    shutil.copy(resource("profiles", "win11-home.toml"), own)
    other = open_host(str(own), clock=ScaledClock(TEST_SPEED))
    assert not other.find_vms("Shipped") and other.store_note and "laptop-8gb" in other.store_note
    assert (SAVED() / "laptop-8gb.json.unreadable").is_file()


def test_unknown_profiles_are_refused_with_the_known_names(tmp_path):
    with pytest.raises(ValueError, match=r"Known profiles: .*intel-laptop-win11-pro"):
        open_host("no-such-profile")
    with pytest.raises(ValueError, match="Known profiles"):
        store_name("no-such-profile")
    with pytest.raises(ValueError, match="profile file"):
        open_host(str(tmp_path / "missing.toml"))
    assert not SAVED().exists()


async def test_the_session_continues_the_demo_host_and_can_reset_it():
    session = Session(sim_speed=TEST_SPEED)
    runner = session.use_simulated("laptop-8gb")
    await runner.run(Command.of("New-VM", Name="Demo", Generation=2))
    again = Session(sim_speed=TEST_SPEED)
    again.use_simulated("laptop-8gb")
    assert again.sim_host.find_vms("Demo")
    fresh = Session(sim_speed=TEST_SPEED, sim_reset=True)
    fresh.use_simulated("laptop-8gb")
    assert not fresh.sim_host.find_vms("Demo") and fresh.sim_reset is False
    fresh.use_simulated("laptop-8gb")  # the reset was for the first host opened, not every one
    assert fresh.sim_host.store is not None


LOOP = textwrap.dedent("""
    import asyncio
    from core.clock import ScaledClock
    from core.commands import Command
    from core.runners.simulated import SimulatedRunner
    from core.sim.store import open_host

    async def main():
        runner = SimulatedRunner(open_host("intel-laptop-win11-pro", clock=ScaledClock(100000.0)))
        await runner.run(Command.of("New-Item", Path="C:\\VMs", ItemType="Directory", Force=True))
        for i in range(1, 100000):
            name = f"Loop-{i:05}"
            await runner.run(Command.of("New-VM", Name=name, Generation=2, MemoryStartupBytes=512 * 1024**2,
                                        NewVHDPath=f"C:\\\\VMs\\\\{name}.vhdx", NewVHDSizeBytes=1024**3))
            await runner.run(Command.of("Set-VM", Name=name, Notes=f"note {i}"))
            print(i, flush=True)

    asyncio.run(main())
""")


def test_a_process_killed_mid_run_leaves_the_state_of_its_last_finished_command(tmp_path):
    script = tmp_path / "loop.py"
    script.write_text(LOOP)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(script)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        printed = 0
        deadline = time.monotonic() + 60
        while printed < 12 and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            printed = int(line)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
    assert printed >= 12, process.stderr.read() if process.stderr else ""

    path = SAVED() / f"{DEFAULT_PROFILE}.json"
    json.loads(path.read_text())  # whole JSON, whatever moment the kill came at
    host = open_host(DEFAULT_PROFILE, clock=ScaledClock(TEST_SPEED))
    assert host.store_note is None
    loops = [vm for vm in host.vms if vm.name.startswith("Loop-")]
    assert len(loops) >= printed
    assert [vm.name for vm in loops] == [f"Loop-{i:05}" for i in range(1, len(loops) + 1)]
    for number, vm in enumerate(loops, start=1):
        (disk,) = vm.disks
        assert host.has_file(disk.path) and vm.memory_startup == 512 * 1024**2
        assert vm.notes in ("", f"note {number}")
    assert all(vm.notes for vm in loops[:-1])  # only the last one can have been killed between its two commands
    vhds = [p for p in host.file_names.values() if p.startswith("C:\\VMs\\Loop-")]
    assert len(vhds) == len(loops)


def test_saved_files_name_no_paths(tmp_path):
    own = tmp_path / "Classroom A.toml"
    shutil.copy(resource("profiles", "win11-home.toml"), own)
    open_host(str(own), clock=ScaledClock(TEST_SPEED))
    assert [p.name for p in Path(SAVED()).iterdir()] == ["Classroom A.json"]
