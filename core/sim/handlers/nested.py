"""Simulated cmdlets the nested chain needs: NAT, IP addresses and adapters inside a guest, files, inner VMs."""

from __future__ import annotations

import inspect
import ipaddress
from pathlib import PureWindowsPath
from typing import Any

from core.errors import CommandRejected
from core.sim.engine import HANDLERS, Call, cmdlet
from core.sim.handlers import system
from core.sim.model import MB, SERVER_HYPERV_FEATURE, SimIpAddress, SimNat

COPY_BYTES_PER_SECOND = 250 * MB  # Copy-VMFile over VMBus
GUEST_NIC = "Ethernet"  # the name Windows gives the outer VM's synthetic network adapter


# ---------------------------------------------------------------------------------------------- adapters and IP
def adapters(call: Call) -> list[dict[str, Any]]:
    """The guest's network adapters: its own NIC, plus a vEthernet adapter per switch the management OS shares."""
    host = call.host
    found = [
        {
            "Name": GUEST_NIC,
            "InterfaceAlias": GUEST_NIC,
            "InterfaceIndex": 4,
            "Status": "Up",
            "InterfaceDescription": "Microsoft Hyper-V Network Adapter",
            "MacAddress": "00-15-5D-01-A0-01",
        }
    ]
    for index, switch in enumerate(host.switches):
        if switch.switch_type == "Private" or not switch.allow_management_os:
            continue
        alias = f"vEthernet ({switch.name})"
        found.append(
            {
                "Name": alias,
                "InterfaceAlias": alias,
                "InterfaceIndex": 10 + index,
                "Status": "Up",
                "InterfaceDescription": f"Hyper-V Virtual Ethernet Adapter #{index + 2}",
                "MacAddress": f"00-15-5D-01-B0-{index + 1:02X}",
            }
        )
    return found


def _ip_record(ip: SimIpAddress) -> dict[str, Any]:
    return {
        "IPAddress": ip.address,
        "InterfaceAlias": ip.interface_alias,
        "PrefixLength": ip.prefix_length,
        "AddressFamily": "IPv4",
        "PrefixOrigin": "Manual",
        "DefaultGateway": ip.gateway,
    }


@cmdlet("Get-NetAdapter", "Name Physical")
def get_net_adapter(call: Call) -> list[Any]:
    found = adapters(call)
    if call.switch("Physical"):
        found = [a for a in found if not a["Name"].startswith("vEthernet")]
    names = call.names("Name")
    if not names:
        return found
    out = []
    for name in names:
        match = [a for a in found if a["Name"].lower() == name.lower()]
        if not match:
            call.error(
                f"No MSFT_NetAdapter objects found with property 'Name' equal to '{name}'.  Verify the value "
                "of the property and retry.",
                "CmdletizationQuery_NotFound_Name",
                "ObjectNotFound",
                name,
            )
        out.extend(match)
    return out


@cmdlet("Get-NetIPAddress", "InterfaceAlias AddressFamily IPAddress")
def get_net_ip_address(call: Call) -> list[Any]:
    aliases = {a.lower() for a in call.names("InterfaceAlias")}
    wanted = set(call.names("IPAddress"))
    return [
        _ip_record(ip)
        for ip in call.host.ip_addresses
        if (not aliases or ip.interface_alias.lower() in aliases) and (not wanted or ip.address in wanted)
    ]


@cmdlet("New-NetIPAddress", "IPAddress InterfaceAlias PrefixLength DefaultGateway AddressFamily")
def new_net_ip_address(call: Call) -> list[Any]:
    host = call.host
    aliases = (
        [str(call.get("InterfaceAlias"))]
        if call.has("InterfaceAlias")
        else [str(o.get("InterfaceAlias") or o.get("Name")) for o in call.input if isinstance(o, dict)]
    )
    address = str(call.get("IPAddress"))
    try:
        ipaddress.IPv4Address(address)
    except ValueError:
        # New-NetIPAddress's -IPAddress is a string handed to the CIM provider; what the provider answers for one
        # that is not an address was not found in a public record: a simulation refusal.
        raise call.fail(
            f"The simulated host does not know what Windows answers to New-NetIPAddress -IPAddress "
            f"'{address}', which is not an IPv4 address.",
            "SimulationGap",
            "NotImplemented",
            address,
        ) from None
    prefix = int(call.get("PrefixLength", 24))
    out = []
    known = {a["InterfaceAlias"].lower(): a["InterfaceAlias"] for a in adapters(call)}
    for alias in aliases:
        if alias.lower() not in known:
            call.error(
                f"No MSFT_NetIPInterface objects found with property 'InterfaceAlias' equal to '{alias}'.  "
                "Verify the value of the property and retry.",
                "CmdletizationQuery_NotFound_InterfaceAlias",
                "ObjectNotFound",
                alias,
            )
            continue
        if any(ip.address == address for ip in host.ip_addresses):
            # PowerShell 5.1's answer to an address the host already has: "Instance MSFT_NetIPAddress already exists",
            # InvalidArgument, "Windows System Error 87,New-NetIPAddress", target MSFT_NetIPAddress
            # (https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/338).
            call.error(
                "Instance MSFT_NetIPAddress already exists",
                "Windows System Error 87",
                "InvalidArgument",
                "MSFT_NetIPAddress",
            )
            continue
        ip = SimIpAddress(known[alias.lower()], address, prefix, call.get("DefaultGateway"))
        host.ip_addresses.append(ip)
        out.append(_ip_record(ip))
    return out


def _cim_not_found(call: Call, cim_class: str, prop: str, value: str) -> None:
    """What a CDXML cmdlet's query writes for a filter value that matched nothing: one non-terminating error per
    value, id CmdletizationQuery_NotFound_<property>, category ObjectNotFound, the value as its target. Source:
    PowerShell's src/Microsoft.PowerShell.Commands.Management/cimSupport/cmdletization/cim/QueryJobBase.cs
    (OnCompleted) and the CimJob_NotFound_SimpleGranularCase_Equality text in resources/CmdletizationResources.resx;
    a recorded instance: https://github.com/cloudfoundry/bosh-dns-release/issues/6 (Get-NetIPAddress -IPAddress)."""
    call.error(
        f"No {cim_class} objects found with property '{prop}' equal to '{value}'.  Verify the value of the "
        "property and retry.",
        f"CmdletizationQuery_NotFound_{prop}",
        "ObjectNotFound",
        value,
    )


def _without_prompt(call: Call) -> None:
    """These removals support ShouldProcess (Confirm and WhatIf, in the reference); whether they prompt unasked
    depends on a ConfirmImpact the docs do not state, so the simulated host runs them only with -Confirm:$false."""
    if call.get("Confirm") is not False or call.has("WhatIf"):
        raise CommandRejected(
            f"The simulated host runs {call.name} only with -Confirm:$false (and without -WhatIf); "
            "it runs only what NestWiz sends.",
            detail="SimulationGap",
        )


def _exact(call: Call, values: list[str]) -> None:
    """Whether these filters take wildcards is not documented: the simulated host refuses them rather than guess."""
    if any(ch in v for v in values for ch in "*?["):
        raise CommandRejected(
            f"The simulated host does not model wildcards in {call.name}'s filters.", detail="SimulationGap"
        )


@cmdlet("Remove-NetIPAddress", "IPAddress")
def remove_net_ip_address(call: Call) -> list[Any]:
    """Removes the IP addresses given by -IPAddress, on whichever interface holds them; one not-found error per
    address that matches none (https://learn.microsoft.com/en-us/powershell/module/nettcpip/remove-netipaddress).
    Without -IPAddress the query would match every address: NestWiz never sends that, so it is refused."""
    _without_prompt(call)
    wanted = call.names("IPAddress")
    if not wanted:
        raise CommandRejected("The simulated host removes IP addresses by -IPAddress only.", detail="SimulationGap")
    _exact(call, wanted)
    host = call.host
    for address in wanted:
        matches = [ip for ip in host.ip_addresses if ip.address == address]
        if not matches:
            _cim_not_found(call, "MSFT_NetIPAddress", "IPAddress", address)
            continue
        for ip in matches:
            host.ip_addresses.remove(ip)
    return []


# ---------------------------------------------------------------------------------------------- NAT
def _nat_record(nat: SimNat) -> dict[str, Any]:
    return {"Name": nat.name, "InternalIPInterfaceAddressPrefix": nat.internal_prefix, "Active": True}


@cmdlet("Get-NetNat", "Name")
def get_net_nat(call: Call) -> list[Any]:
    names = {n.lower() for n in call.names("Name")}
    nats = [n for n in call.host.nats if not names or n.name.lower() in names]
    if names and not nats:
        call.error(
            f"No MSFT_NetNat objects found with property 'Name' equal to '{call.names('Name')[0]}'.  Verify "
            "the value of the property and retry.",
            "CmdletizationQuery_NotFound_Name",
            "ObjectNotFound",
        )
    return [_nat_record(n) for n in nats]


@cmdlet("New-NetNat", "Name InternalIPInterfaceAddressPrefix")
def new_net_nat(call: Call) -> list[Any]:
    host = call.host
    prefix = str(call.get("InternalIPInterfaceAddressPrefix", ""))
    try:
        ipaddress.IPv4Network(prefix, strict=True)
    except ValueError:
        # What New-NetNat writes for a prefix that is not a network was not found in a public record.
        raise call.fail(
            f"The simulated host does not know what Windows answers to New-NetNat "
            f"-InternalIPInterfaceAddressPrefix '{prefix}', which is not an IPv4 network prefix.",
            "SimulationGap",
            "NotImplemented",
            prefix,
        ) from None
    if host.nats:
        # Microsoft's NAT guide supports one NAT network per host and says several place the system into an unknown
        # state (https://learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/setup-nat-network); what
        # New-NetNat does with a second one is not documented (a report that it works on Windows 11:
        # https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/1945), so it is refused, not guessed.
        raise CommandRejected(
            f"The simulated host does not model a second NAT network ('{call.get('Name')}' beside "
            f"'{host.nats[0].name}'): what Windows does with one is not documented.",
            detail="SimulationGap",
        )
    nat = SimNat(str(call.get("Name")), prefix)
    host.nats.append(nat)
    return [_nat_record(nat)]


@cmdlet("Remove-NetNat", "Name")
def remove_net_nat(call: Call) -> list[Any]:
    """Removes the NAT objects named by -Name, or every one when -Name is left out
    (https://learn.microsoft.com/en-us/powershell/module/nat/remove-netnat); a name that matches none writes the
    CDXML query's not-found error (see _cim_not_found)."""
    _without_prompt(call)
    host = call.host
    names = call.names("Name")
    _exact(call, names)
    if not names:
        host.nats.clear()
        return []
    for name in names:
        matches = [n for n in host.nats if n.name.lower() == name.lower()]
        if not matches:
            _cim_not_found(call, "MSFT_NetNat", "Name", name)
            continue
        for nat in matches:
            host.nats.remove(nat)
    return []


# ---------------------------------------------------------------------------------------------- files
@cmdlet("Copy-VMFile", "Name SourcePath DestinationPath FileSource CreateFullPath Force")
async def copy_vm_file(call: Call) -> list[Any]:
    host = call.host
    source = str(call.get("SourcePath"))
    destination = str(call.get("DestinationPath"))
    for name in call.names("Name"):
        matches = host.find_vms(name)
        if not matches:
            # Hyper-V's not-found answer, InvalidParameter / InvalidArgument, target the name (as Get-VM's:
            # https://github.com/canonical/multipass/issues/4204 shows the id form; see core.sim.handlers.vm.vms_for).
            call.error(
                f'Hyper-V was unable to find a virtual machine with name "{name}".',
                "InvalidParameter",
                "InvalidArgument",
                name,
            )
            continue
        vm = matches[0]
        if not vm.integration_services.get("Guest Service Interface", False) or not host.vm_ready(vm):
            # Copy-VMFile's answers below (no Guest Service Interface, no source, destination exists, guest disk
            # full) were not found in a public record: simulation refusals, not Windows-looking ids.
            call.error(
                f"The simulated host does not know what Windows answers to Copy-VMFile when the Guest "
                f"Service Interface of '{vm.name}' is not enabled or not responding.",
                "SimulationGap",
                "NotImplemented",
                vm.name,
            )
            continue
        if not host.has_file(source):
            call.error(
                f"The simulated host does not know what Windows answers to Copy-VMFile when the source file "
                f"'{source}' does not exist.",
                "SimulationGap",
                "NotImplemented",
                source,
            )
            continue
        guest = vm.guest
        assert guest is not None
        if guest.host.has_file(destination) and not call.switch("Force"):
            call.error(
                f"The simulated host does not know what Windows answers to Copy-VMFile without -Force when "
                f"'{destination}' already exists in the guest.",
                "SimulationGap",
                "NotImplemented",
                destination,
            )
            continue
        size = host.files[source.lower()]
        drive = destination[:2].upper()
        volume = next((v for v in guest.host.state.volumes if v.drive.upper() == drive), None)
        if volume is None or volume.free < size:
            call.error(
                f"The simulated host does not know what Windows answers to Copy-VMFile when the guest disk "
                f"has no room for '{destination}'.",
                "SimulationGap",
                "NotImplemented",
                destination,
            )
            continue
        steps = 4
        for step in range(steps):
            call.progress("Copy-VMFile", f"Copying {source} to {vm.name}", step * 100 // steps)
            await host.clock.sleep(size / COPY_BYTES_PER_SECOND / steps)
        volume.free -= size
        guest.host.add_file(destination, size)
    return []


# ---------------------------------------------------------------------------------------------- the guest OS install
OS_INSTALL_SECONDS = 420.0


async def simulate_os_install(host: Any, vm_name: str, seconds: float = OS_INSTALL_SECONDS) -> None:
    """What a person does in the console: install Windows from the ISO; the guest then reboots into it."""
    vm = host.find_vms(vm_name)[0]
    if vm.state != "Running" or vm.guest is None:
        raise ValueError(f"'{vm_name}' must be running, with an ISO in its DVD drive, to install its OS")
    await host.clock.sleep(seconds)
    vm.guest.installed = True
    vm.guest.ready_at = host.clock.now() + vm.guest.boot_seconds


def guest_profile_for_iso(iso_path: str) -> str:
    """The simulated OS an ISO installs: Windows Server from a Server ISO, Windows 11 Enterprise otherwise."""
    name = PureWindowsPath(iso_path).name.lower()
    return "guest-windows-server-2022" if "server" in name else "guest-windows-11-enterprise"


async def install_guest_os(
    host: Any, vm_name: str, user: str, password: str, seconds: float = OS_INSTALL_SECONDS
) -> None:
    """Setup run from the VM's ISO in its console: the OS that ISO holds, with the administrator account typed."""
    matches = host.find_vms(vm_name)
    if not matches:
        raise ValueError(f"there is no VM named '{vm_name}'")
    vm = matches[0]
    if vm.guest is None:
        iso = next((d.path for d in vm.dvds if d.path), None)
        if vm.state != "Running" or iso is None:
            raise ValueError(f"'{vm_name}' must be running, with an ISO in its DVD drive, to install its OS")
        if not vm.boots_from_iso():
            raise ValueError(
                f"'{vm_name}' did not start from its ISO: its firmware tries {vm.boot_order()[0]} first, "
                'then stops at "No operating system was loaded"'
            )
        vm.guest = host.make_guest(vm, {"profile": guest_profile_for_iso(iso), "installed": False})
    vm.guest.user = user
    vm.guest.password = password
    await simulate_os_install(host, vm_name, seconds)


# ---------------------------------------------------------------------------------------------- Hyper-V on servers
_enable_optional_feature = HANDLERS["enable-windowsoptionalfeature"]  # registered by system, imported above


@cmdlet("Enable-WindowsOptionalFeature", "Online FeatureName All NoRestart")
async def enable_windows_optional_feature(call: Call) -> list[Any]:
    """On Windows Server the Hyper-V role is also the optional feature Microsoft-Hyper-V: enabling either one
    installs the same thing (the fallback when Install-WindowsFeature fails), without the PowerShell module: -All adds
    parents, not the child Microsoft-Hyper-V-Management-PowerShell (see HYPERV_MODULE_FEATURE). Other cases are the
    usual cmdlet."""
    s = call.host.state
    names = call.names("FeatureName")
    if not (s.os.is_server and [n.lower() for n in names] == ["microsoft-hyper-v"]):
        outcome = _enable_optional_feature.fn(call)
        return list(await outcome if inspect.isawaitable(outcome) else outcome or [])
    if not s.elevated:  # see core.sim.handlers.system.get_windows_optional_feature
        raise call.fail("The requested operation requires elevation.", system.DISM_ERROR, "NotSpecified")
    if names[0] in s.feature_install_fails:
        raise call.fail(system.dism_install_failure(names[0]), "SimulationGap", "NotImplemented", names[0])
    for step in range(0, 101, 25):
        call.progress("Enable-WindowsOptionalFeature", f"Enabling {names[0]}", step)
        await call.host.clock.sleep(15)
    if s.features.get(SERVER_HYPERV_FEATURE) != "Enabled":
        s.features[SERVER_HYPERV_FEATURE] = "EnablePending"
        s.reboot_pending = True
    return [{"Online": True, "RestartNeeded": s.features[SERVER_HYPERV_FEATURE] == "EnablePending"}]
