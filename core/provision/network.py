"""The inner VM's network, as an explained choice: a switch bridged out of the outer VM, or NAT inside it."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from core.commands import Command, Pipeline, Runnable
from core.errors import NestWizError
from core.i18n import translate
from core.runners.base import Runner

BRIDGE = "bridge"
NAT = "nat"
MODES = (NAT, BRIDGE)
GUEST_NIC = "Ethernet"  # the name Windows gives the outer VM's first network adapter
DEFAULT_NAT_SWITCH = "NestWiz-NAT"
DEFAULT_BRIDGE_SWITCH = "NestWiz-External"
DEFAULT_PREFIX = "192.168.100.0/24"
DEFAULT_DNS = "1.1.1.1"


class NetworkSetupFailed(NestWizError):
    pass


@dataclass(frozen=True)
class NetworkPlan:
    mode: str = NAT
    switch_name: str = DEFAULT_NAT_SWITCH
    prefix: str = DEFAULT_PREFIX  # NAT only: the internal network, e.g. 192.168.100.0/24
    dns: str = DEFAULT_DNS

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"network mode must be one of {MODES}, not {self.mode!r}")
        for text in (self.switch_name, self.prefix, self.dns):
            if not text.isascii():
                raise ValueError(f"network settings must be plain ASCII: {text!r}")

    @property
    def network(self) -> ipaddress.IPv4Network:
        return ipaddress.IPv4Network(self.prefix, strict=True)

    @property
    def prefix_length(self) -> int:
        return self.network.prefixlen

    @property
    def gateway(self) -> str:
        return str(self.network.network_address + 1)

    def inner_address(self, index: int = 0) -> str:
        """The static address for the index-th inner VM: after the gateway, from .10 on."""
        return str(self.network.network_address + 10 + index)

    @property
    def nat_name(self) -> str:
        return self.switch_name

    @property
    def interface_alias(self) -> str:
        return f"vEthernet ({self.switch_name})"

    def as_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, "switch_name": self.switch_name, "prefix": self.prefix, "dns": self.dns}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NetworkPlan:
        return cls(**{k: str(data[k]) for k in ("mode", "switch_name", "prefix", "dns") if k in data})


def validate_prefix(prefix: str) -> str | None:
    """A sentence saying what is wrong with a NAT prefix, or None when it is usable."""
    try:
        network = ipaddress.IPv4Network(prefix, strict=True)
    except ValueError:
        return translate("network", "'{prefix}' is not a network prefix such as {example}.").format(
            prefix=prefix, example=DEFAULT_PREFIX
        )
    if not network.is_private:
        return translate("network", "{prefix} is not a private network; use one such as {example}.").format(
            prefix=prefix, example=DEFAULT_PREFIX
        )
    if network.prefixlen > 29:
        return translate("network", "{prefix} is too small: it leaves no room for inner VMs; use /24.").format(
            prefix=prefix
        )
    return None


def static_addressing(plan: NetworkPlan, index: int = 0) -> str:
    """What to type inside the inner VM's OS: a sentence, then the commands (ASCII, ready to paste in PowerShell)."""
    sentence = translate("network", "IP address {address}/{length}, gateway {gateway}, DNS {dns}.").format(
        address=plan.inner_address(index), length=plan.prefix_length, gateway=plan.gateway, dns=plan.dns
    )
    heading = translate("network", "Inside the inner VM, in PowerShell as Administrator:")
    commands = (
        f'New-NetIPAddress -InterfaceAlias "Ethernet" -IPAddress {plan.inner_address(index)} '
        f"-PrefixLength {plan.prefix_length} -DefaultGateway {plan.gateway}\n"
        f'netsh interface ip add dnsserver "Ethernet" address={plan.dns}'
    )
    return f"{sentence}\n{heading}\n{commands}"


def explain(plan: NetworkPlan) -> str:
    if plan.mode == BRIDGE:
        return translate(
            "network",
            "Bridged: a virtual switch inside the outer VM, bound to the outer VM's own network adapter. "
            "Inner VMs sit on the same network as the outer VM and get their addresses from it (DHCP), like any "
            "other machine there. For their packets to cross two virtual switches, the host must allow MAC address "
            "spoofing on the outer VM's network adapters. Best on your own network; often impossible in a public "
            "cloud.",
        )
    return (
        translate(
            "network",
            "NAT: an internal virtual switch inside the outer VM, a gateway address on it, and a NAT network "
            "that translates the inner VMs' private addresses to the outer VM's address. No MAC address spoofing is "
            "needed, so it works where spoofing is not allowed. Nothing hands out addresses on that switch (Windows "
            "client editions have no DHCP server), so each inner VM gets a static address, the gateway and a DNS "
            "server.",
        )
        + "\n\n"
        + static_addressing(plan)
    )


@dataclass
class NetworkFacts:
    """What exists before anything changes: NATs and switches in the guest, spoofing on the host."""

    nats: list[dict[str, Any]] = field(default_factory=list)
    guest_switches: list[str] = field(default_factory=list)
    guest_addresses: list[dict[str, Any]] = field(default_factory=list)
    spoofing_off: list[str] = field(default_factory=list)  # the outer VM's adapters without MAC spoofing
    guest_nic: str = GUEST_NIC  # the outer VM's own network adapter, as its Windows names it

    def other_nats(self, plan: NetworkPlan) -> list[dict[str, Any]]:
        return [n for n in self.nats if str(n.get("Name", "")).lower() != plan.nat_name.lower()]

    def prefix_conflict(self, plan: NetworkPlan) -> str | None:
        """The NAT prefix must not hold an address the outer VM already uses elsewhere."""
        if plan.mode != NAT:
            return None
        for record in self.guest_addresses:
            address, alias = str(record.get("IPAddress", "")), str(record.get("InterfaceAlias", ""))
            try:
                inside = ipaddress.IPv4Address(address) in plan.network
            except ValueError:
                continue
            if inside and alias.lower() != plan.interface_alias.lower():
                return translate(
                    "network",
                    "{prefix} overlaps the outer VM's own address {address} on '{alias}'; choose another "
                    "private prefix, such as 192.168.200.0/24.",
                ).format(prefix=plan.prefix, address=address, alias=alias)
        return None

    def nat_warning(self, plan: NetworkPlan) -> str | None:
        others = self.other_nats(plan)
        if plan.mode != NAT or not others:
            return None
        names = ", ".join(f"'{n.get('Name')}' ({n.get('InternalIPInterfaceAddressPrefix')})" for n in others)
        # Microsoft's NAT guide supports one NAT network per host and says that several place the system into an
        # unknown state (https://learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/setup-nat-network);
        # it does not say that a second New-NetNat is refused, so NestWiz does not claim it.
        return translate(
            "network",
            "Windows supports one NAT network per machine: Microsoft's NAT guide warns that several can "
            "leave the machine's networking in an unknown state. The outer VM already has the NAT network {names} "
            "(often created by Docker or WSL), so NestWiz does not add a second one. Remove it with Remove-NetNat if "
            "nothing needs it, reuse its prefix, or choose the bridged network.",
        ).format(names=names)


def spoofing_fix(vm_name: str) -> Pipeline:
    """Run on the host: let the outer VM's adapters send frames with the inner VMs' MAC addresses."""
    return Command.of("Get-VMNetworkAdapter", VMName=vm_name) | Command.of(
        "Set-VMNetworkAdapter", MacAddressSpoofing="On"
    )


async def inspect(host: Runner, guest: Runner, vm_name: str) -> NetworkFacts:
    facts = NetworkFacts()
    facts.nats = [n for n in (await guest.run(Command.of("Get-NetNat"))).output if isinstance(n, dict)]
    switches = (await guest.run(Command.of("Get-VMSwitch"), check=False)).output
    facts.guest_switches = [str(s.get("Name")) for s in switches if isinstance(s, dict)]
    facts.guest_addresses = [
        a for a in (await guest.run(Command.of("Get-NetIPAddress", AddressFamily="IPv4"))).output if isinstance(a, dict)
    ]
    physical = [a for a in (await guest.run(Command.of("Get-NetAdapter", Physical=True))).output if isinstance(a, dict)]
    up = [a for a in physical if str(a.get("Status")) == "Up"] or physical
    if up:
        facts.guest_nic = str(up[0].get("Name"))
    adapters = (await host.run(Command.of("Get-VMNetworkAdapter", VMName=vm_name))).output
    facts.spoofing_off = [
        str(a.get("Name")) for a in adapters if isinstance(a, dict) and str(a.get("MacAddressSpoofing")) != "On"
    ]
    return facts


@dataclass(frozen=True)
class Change:
    """One command of the network setup and where it runs ("host" or "guest")."""

    where: str
    command: Runnable
    why: str


def changes(plan: NetworkPlan, facts: NetworkFacts, vm_name: str) -> list[Change]:
    """Only what is missing: running the setup twice changes nothing the second time."""
    out: list[Change] = []
    has_switch = plan.switch_name.lower() in (s.lower() for s in facts.guest_switches)
    if plan.mode == BRIDGE:
        if facts.spoofing_off:
            out.append(
                Change(
                    "host",
                    spoofing_fix(vm_name),
                    translate("network", "MAC address spoofing on {vm}'s adapters, so inner VMs' frames pass").format(
                        vm=vm_name
                    ),
                )
            )
        if not has_switch:
            out.append(
                Change(
                    "guest",
                    Command.of(
                        "New-VMSwitch", Name=plan.switch_name, NetAdapterName=facts.guest_nic, AllowManagementOS=True
                    ),
                    translate("network", "a switch inside the outer VM, bridged to its network adapter"),
                )
            )
        return out
    if not has_switch:
        out.append(
            Change(
                "guest",
                Command.of("New-VMSwitch", Name=plan.switch_name, SwitchType="Internal"),
                translate("network", "an internal switch inside the outer VM for the inner VMs"),
            )
        )
    if not any(str(a.get("IPAddress")) == plan.gateway for a in facts.guest_addresses):
        out.append(
            Change(
                "guest",
                Command.of(
                    "New-NetIPAddress",
                    InterfaceAlias=plan.interface_alias,
                    IPAddress=plan.gateway,
                    PrefixLength=plan.prefix_length,
                ),
                translate("network", "the gateway address {gateway} on the internal switch").format(
                    gateway=plan.gateway
                ),
            )
        )
    if not any(str(n.get("Name", "")).lower() == plan.nat_name.lower() for n in facts.nats):
        out.append(
            Change(
                "guest",
                Command.of("New-NetNat", Name=plan.nat_name, InternalIPInterfaceAddressPrefix=plan.prefix),
                translate("network", "the NAT network {prefix}").format(prefix=plan.prefix),
            )
        )
    return out


async def apply(host: Runner, guest: Runner, plan: NetworkPlan, vm_name: str) -> list[Change]:
    """Check, then make only the missing changes; refuse a second NAT network before Windows does."""
    facts = await inspect(host, guest, vm_name)
    conflict = facts.prefix_conflict(plan)
    if conflict:
        raise NetworkSetupFailed(conflict)
    warning = facts.nat_warning(plan)
    todo = changes(plan, facts, vm_name)
    if warning and any(c.command.name == "New-NetNat" for c in todo):
        raise NetworkSetupFailed(warning, detail=str(facts.nats))
    for change in todo:
        await (host if change.where == "host" else guest).run(change.command)
    return todo
