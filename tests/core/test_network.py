"""The inner VM's network: NAT and bridged plans as data, checked before changed, the one-NAT limit, ASCII only."""

from __future__ import annotations

import pytest

from core.commands import Command, Credential, render
from core.errors import CommandRejected
from core.provision.guest import direct_runner, wait_until_ready
from core.provision.guest_hyperv import GuestHyperV
from core.provision.network import (
    BRIDGE,
    DEFAULT_BRIDGE_SWITCH,
    NAT,
    NetworkFacts,
    NetworkPlan,
    NetworkSetupFailed,
    apply,
    changes,
    explain,
    static_addressing,
    validate_prefix,
)
from core.runners.simulated import SimulatedRunner
from tests.ps_lint import lint

GB = 1024**3
GOOD = Credential("Administrator", "Lab-Passw0rd!")


async def _guest_with_hyperv(sim_host):
    host = sim_host(speed=2000.0)
    vm = host.find_vms("Lab-Host01")[0]
    vm.expose_virtualization_extensions, vm.dynamic_memory, vm.memory_startup = True, False, 4 * GB
    runner = SimulatedRunner(host)
    await wait_until_ready(runner, "Lab-Host01", GOOD)
    await GuestHyperV(runner, "Lab-Host01", GOOD).run()
    return host, vm, runner, direct_runner(runner, "Lab-Host01", GOOD)


def test_nat_plan_as_data_follows_microsofts_steps_in_ascii():
    plan = NetworkPlan()
    todo = changes(plan, NetworkFacts(), "Lab-Host01")
    assert [(c.where, c.command) for c in todo] == [
        ("guest", Command.of("New-VMSwitch", Name="NestWiz-NAT", SwitchType="Internal")),
        (
            "guest",
            Command.of(
                "New-NetIPAddress", InterfaceAlias="vEthernet (NestWiz-NAT)", IPAddress="192.168.100.1", PrefixLength=24
            ),
        ),
        ("guest", Command.of("New-NetNat", Name="NestWiz-NAT", InternalIPInterfaceAddressPrefix="192.168.100.0/24")),
    ]
    for change in todo:
        text = render(change.command)
        assert text.isascii() and lint(text) == []
    assert explain(plan).isascii()
    assert "192.168.100.10/24, gateway 192.168.100.1" in static_addressing(plan)
    assert lint(static_addressing(plan).split("\n", 2)[2], native=["netsh"]) == []


def test_bridge_plan_needs_spoofing_on_the_host_only_when_off():
    plan = NetworkPlan(BRIDGE, DEFAULT_BRIDGE_SWITCH)
    todo = changes(plan, NetworkFacts(spoofing_off=["Network Adapter"]), "Lab-Host01")
    assert [c.where for c in todo] == ["host", "guest"]
    assert render(todo[0].command) == (
        "Get-VMNetworkAdapter -VMName 'Lab-Host01' | Set-VMNetworkAdapter -MacAddressSpoofing 'On'"
    )
    assert render(todo[1].command) == (
        "New-VMSwitch -Name 'NestWiz-External' -NetAdapterName 'Ethernet' -AllowManagementOS $true"
    )
    assert changes(plan, NetworkFacts(guest_switches=["nestwiz-external"]), "Lab-Host01") == []
    assert explain(plan).isascii() and "MAC address spoofing" in explain(plan)


def test_settings_are_validated():
    assert validate_prefix("192.168.100.0/24") is None
    assert "not a network prefix" in validate_prefix("192.168.100.1/24")
    assert "not a private network" in validate_prefix("8.8.8.0/24")
    with pytest.raises(ValueError):
        NetworkPlan(mode="wifi")
    with pytest.raises(ValueError):
        NetworkPlan(switch_name="NAT\u2013switch")
    assert NetworkPlan.from_dict(NetworkPlan(BRIDGE, "X").as_dict()) == NetworkPlan(BRIDGE, "X")


async def test_nat_inside_the_outer_vm_end_to_end_and_twice(sim_host):
    host, vm, runner, guest = await _guest_with_hyperv(sim_host)
    done = await apply(runner, guest, NetworkPlan(), "Lab-Host01")
    assert [c.command.name for c in done] == ["New-VMSwitch", "New-NetIPAddress", "New-NetNat"]
    inside = vm.guest.host
    assert [n.name for n in inside.nats] == ["NestWiz-NAT"] and host.nats == []
    assert inside.find_switch("NestWiz-NAT").switch_type == "Internal"
    assert await apply(runner, guest, NetworkPlan(), "Lab-Host01") == []


async def test_bridge_end_to_end_turns_spoofing_on_at_the_host(sim_host):
    _host, vm, runner, guest = await _guest_with_hyperv(sim_host)
    done = await apply(runner, guest, NetworkPlan(BRIDGE, DEFAULT_BRIDGE_SWITCH), "Lab-Host01")
    assert [(c.where, c.command.name) for c in done] == [
        ("host", "Get-VMNetworkAdapter | Set-VMNetworkAdapter"),
        ("guest", "New-VMSwitch"),
    ]
    assert all(a.mac_spoofing == "On" for a in vm.adapters)
    assert vm.guest.host.find_switch(DEFAULT_BRIDGE_SWITCH).switch_type == "External"


async def test_another_nat_network_is_reported_and_none_is_added(sim_host):
    _host, vm, runner, guest = await _guest_with_hyperv(sim_host)
    await guest.run(Command.of("New-NetNat", Name="WSLNat", InternalIPInterfaceAddressPrefix="172.20.0.0/16"))
    with pytest.raises(NetworkSetupFailed) as info:
        await apply(runner, guest, NetworkPlan(), "Lab-Host01")
    assert "one NAT network per machine" in info.value.message and "'WSLNat' (172.20.0.0/16)" in info.value.message
    assert info.value.message.isascii()
    assert vm.guest.host.find_switch("NestWiz-NAT") is None  # nothing half-done
    assert "unknown state" in info.value.message and "would be refused" not in info.value.message
    # What Windows does with a second NAT network is not documented: the simulated host refuses to guess.
    with pytest.raises(CommandRejected, match="second NAT network") as gap:
        await guest.run(Command.of("New-NetNat", Name="Second", InternalIPInterfaceAddressPrefix="10.9.0.0/24"))
    assert gap.value.detail == "SimulationGap" and [n.name for n in vm.guest.host.nats] == ["WSLNat"]
    assert NetworkPlan().mode == NAT


def test_the_bridge_binds_to_the_adapter_the_guest_reports():
    plan = NetworkPlan(BRIDGE, DEFAULT_BRIDGE_SWITCH)
    (change,) = changes(plan, NetworkFacts(guest_nic="Ethernet 2"), "Lab-Host01")
    assert change.command == Command.of(
        "New-VMSwitch", Name="NestWiz-External", NetAdapterName="Ethernet 2", AllowManagementOS=True
    )


def test_a_nat_prefix_over_the_outer_vms_own_network_is_refused():
    facts = NetworkFacts(
        guest_addresses=[
            {"IPAddress": "192.168.100.57", "InterfaceAlias": "Ethernet"},
            {"IPAddress": "192.168.100.1", "InterfaceAlias": "vEthernet (NestWiz-NAT)"},
        ]
    )
    assert "overlaps the outer VM's own address 192.168.100.57 on 'Ethernet'" in facts.prefix_conflict(NetworkPlan())
    assert facts.prefix_conflict(NetworkPlan(prefix="192.168.200.0/24")) is None
    assert facts.prefix_conflict(NetworkPlan(BRIDGE, DEFAULT_BRIDGE_SWITCH)) is None


async def test_the_network_undo_cmdlets_on_the_simulated_host(sim_runner):
    runner = sim_runner()
    host = runner.host
    await runner.run(Command.of("New-NetNat", Name="LabNat", InternalIPInterfaceAddressPrefix="192.168.50.0/24"))
    await runner.run(
        Command.of("New-NetIPAddress", IPAddress="192.168.50.1", InterfaceAlias="Ethernet", PrefixLength=24)
    )
    await runner.run(Command.of("Remove-NetNat", Name="labnat", Confirm=False))
    await runner.run(Command.of("Remove-NetIPAddress", IPAddress="192.168.50.1", Confirm=False))
    assert host.nats == [] and host.ip_addresses == []
    # Nothing matches: the CDXML query's not-found record (PowerShell's QueryJobBase.cs), not a silent success.
    for command, cim_class, prop, value in (
        (Command.of("Remove-NetNat", Name="LabNat", Confirm=False), "MSFT_NetNat", "Name", "LabNat"),
        (
            Command.of("Remove-NetIPAddress", IPAddress="192.168.50.1", Confirm=False),
            "MSFT_NetIPAddress",
            "IPAddress",
            "192.168.50.1",
        ),
    ):
        result = await runner.run(command, check=False)
        [record] = result.errors
        assert record.message == (
            f"No {cim_class} objects found with property '{prop}' equal to '{value}'.  Verify "
            "the value of the property and retry."
        )
        assert record.category == "ObjectNotFound" and record.target == value
        assert record.error_id.startswith(f"CmdletizationQuery_NotFound_{prop},{command.name}")
    # What the docs leave open (a prompt unasked, wildcards) is refused, not guessed.
    for command in (
        Command.of("Remove-NetNat", Name="LabNat"),
        Command.of("Remove-NetIPAddress", IPAddress="192.168.*", Confirm=False),
        Command.of("Remove-NetIPAddress", Confirm=False),
    ):
        with pytest.raises(CommandRejected):
            await runner.run(command)
