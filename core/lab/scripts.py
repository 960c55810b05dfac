"""Each lab step's part of the exported script: Windows PowerShell 5.1, guarded by the step's own check.

The values reach these lines only as variables of the script's param() block (see core.lab.export); inside the
outer VM they travel as -ArgumentList values. No user value is ever written into a line here, comments included."""

from __future__ import annotations

from core.commands import Command, Variable, quote, render
from core.lab.plan import LabPlan
from core.provision.export import block, first_boot_dvd_lines, outer_checks, outer_params, outer_steps
from core.provision.guest_hyperv import CLIENT_FEATURE, MODULE_FEATURE, SERVER_ROLE
from core.provision.inner import GUEST_SERVICE_ID
from core.provision.network import BRIDGE
from core.vm import NESTING_MEMORY

V = Variable
INSTALL_WAIT_SECONDS = 4 * 3600  # Setup from the ISO by hand, then the first boot
BOOT_WAIT_SECONDS = 1800  # a restart inside the guest

WAIT_FOR_GUEST = """function Wait-NestWizGuest {
    # The outer VM's OS answers PowerShell Direct with the guest credential, within a time limit. A refused
    # credential stops the wait at once: PowerShell reports it as a PSDirectException (InvalidCredential,
    # PowerShell/PowerShell engine/remoting/common/RemoteSessionHyperVSocket.cs), told apart by its type, not by
    # its text, which is in the host's language. Anything else means the guest is still starting.
    param([string]$Name, [pscredential]$Credential, [int]$TimeoutSeconds)
    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    while ((Get-Date) -lt $deadline) {
        $state = Get-VM -Name $Name
        if ($state.State -eq 'Running' -and $state.Heartbeat -like 'Ok*') {
            try {
                $session = New-PSSession -VMName $Name -Credential $Credential -ErrorAction Stop
                Remove-PSSession -Session $session
                return
            }
            catch {
                if ($_.Exception.GetType().Name -eq 'PSDirectException') {
                    throw "The operating system inside '$Name' refused the guest user name or password."
                }
                Write-Verbose -Message $_.Exception.Message
            }
        }
        Start-Sleep -Seconds 5
    }
    throw "The outer VM '$Name' did not answer PowerShell Direct within $TimeoutSeconds seconds."
}"""

HYPERV_IN_GUEST = f"""$restart = Invoke-Command -VMName $VMName -Credential $GuestCredential -ScriptBlock {{
    # Client editions get the optional feature, Windows Server the role; either needs a restart to start.
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    if ($os.ProductType -eq 1) {{
        $feature = Get-WindowsOptionalFeature -Online -FeatureName '{CLIENT_FEATURE}'
        if ($feature.State -ne 'Enabled') {{
            Enable-WindowsOptionalFeature -Online -FeatureName '{CLIENT_FEATURE}' -All -NoRestart | Out-Null
            $true
        }}
    }}
    else {{
        $role = Get-WindowsFeature -Name '{SERVER_ROLE}'
        if (-not $role.Installed) {{
            Install-WindowsFeature -Name '{SERVER_ROLE}' -IncludeManagementTools | Out-Null
            $true
        }}
        # The PowerShell module is a feature of its own: a role enabled another way (DISM's -All) lacks it.
        $module = Get-WindowsOptionalFeature -Online -FeatureName '{MODULE_FEATURE}'
        if ($module.State -ne 'Enabled') {{
            Enable-WindowsOptionalFeature -Online -FeatureName '{MODULE_FEATURE}' -All -NoRestart | Out-Null
            $true
        }}
    }}
}}
if ($restart) {{
    # The restart ends the session under the call (PSSessionStateBroken, from the Hyper-V socket's
    # PSRemotingTransportException): expected here, so only another failure stops the script.
    try {{
        Invoke-Command -VMName $VMName -Credential $GuestCredential -ErrorAction Stop -ScriptBlock {{
            Restart-Computer -Force
        }}
    }}
    catch {{
        $ended = $_.FullyQualifiedErrorId -like 'PSSessionStateBroken*' -or
            $_.Exception.GetType().Name -eq 'PSRemotingTransportException'
        if (-not $ended) {{
            throw
        }}
    }}
    Start-Sleep -Seconds 15
    Wait-NestWizGuest -Name $VMName -Credential $GuestCredential -TimeoutSeconds {BOOT_WAIT_SECONDS}
}}"""


def _param(type_name: str, name: str, value: str | int, help_text: str) -> list[str]:
    literal = str(value) if isinstance(value, int) else quote(value)
    return [f"    # {help_text}", f"    [{type_name}]${name} = {literal}"]


def lab_params(plan: LabPlan) -> list[list[str]]:
    net, inner = plan.network, plan.inner
    entries = outer_params(plan.outer.options)
    entries += [
        _param("string", "GuestUser", plan.guest.user, "An administrator of the outer VM's OS."),
        _param("string", "LabSwitchName", net.switch_name, "The inner VMs' switch inside the outer VM."),
    ]
    if net.mode != BRIDGE:
        entries += [
            _param("string", "NatPrefix", net.prefix, "The NAT network inside the outer VM."),
            _param("string", "Gateway", net.gateway, "The outer VM's address on that network."),
            _param("int", "PrefixLength", net.prefix_length, "The NAT network's prefix length."),
        ]
    entries += [
        _param("string", "InnerVMName", inner.name, "The inner VM, inside the outer VM."),
        _param("Int64", "InnerMemoryBytes", inner.memory, "Its static memory."),
        _param("string", "InnerVhdPath", inner.guest_vhd, "Its disk, inside the outer VM."),
        _param("UInt64", "InnerDiskBytes", inner.disk_size, "The largest size its disk may grow to."),
    ]
    if inner.iso_path:
        entries += [
            _param("string", "InnerIsoPath", inner.iso_path, "Its installation ISO, on this host."),
            _param("string", "InnerGuestIso", inner.guest_iso, "Where the ISO goes inside the outer VM."),
        ]
    entries.append(["    # Left out: asked for once when the script starts.", "    [pscredential]$GuestCredential"])
    return entries


def _existing_vm() -> list[str]:
    return [
        "# ---- The outer VM: the existing VM of this name, exactly one -----------------------------------------",
        "$vm = @(Get-VM | Where-Object { $_.Name -eq $VMName })",
        *block("$vm.Count -ne 1", "throw \"Exactly one VM must be named '$VMName'; found $($vm.Count).\""),
        "$vm = $vm[0]",
    ]


def nesting(plan: LabPlan) -> list[str]:
    vm = V("vm")
    lines = [
        "",
        "# ---- Nesting: the settings Microsoft's Enable-NestedVm.ps1 applies, each only when missing ---------",
        "$vm = Get-VM -Name $VMName",
        "$processor = Get-VMProcessor -VM $vm",
        "$memory = Get-VMMemory -VM $vm",
        *block(
            f"-not $processor.ExposeVirtualizationExtensions -or $memory.DynamicMemoryEnabled -or "
            f"$memory.Startup -lt {NESTING_MEMORY}",
            *block(
                "$vm.State -ne 'Off'",
                "throw \"Turn '$VMName' off first: its processor and memory settings change only while it is off.\"",
            ),
            render(Command.of("Set-VMProcessor", VM=vm, ExposeVirtualizationExtensions=True)),
            render(Command.of("Set-VMMemory", VM=vm, DynamicMemoryEnabled=False, StartupBytes=V("MemoryStartupBytes"))),
        ),
    ]
    if plan.nesting.mac_spoofing:
        lines.append(
            "Get-VMNetworkAdapter -VM $vm | Where-Object { $_.MacAddressSpoofing -ne 'On' } | "
            + render(Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On"))
        )
    return lines


def guest_os(plan: LabPlan) -> list[str]:
    wait = INSTALL_WAIT_SECONDS if plan.outer.mode == "new" and plan.guest.install else BOOT_WAIT_SECONDS
    lines = ["", "# ---- The guest OS: the outer VM started, and its OS answering PowerShell Direct -----------------"]
    if plan.outer.mode == "new" and plan.guest.install:
        lines.append(
            "# A new VM starts from its ISO: install Windows in its console (vmconnect), with the account below."
        )
    lines += [
        *block(
            "-not $GuestCredential",
            "$GuestCredential = Get-Credential -UserName $GuestUser -Message 'An administrator of the outer VM'",
        ),
        *block("(Get-VM -Name $VMName).State -ne 'Running'", render(Command.of("Start-VM", Name=V("VMName")))),
        f"Wait-NestWizGuest -Name $VMName -Credential $GuestCredential -TimeoutSeconds {wait}",
    ]
    return lines


def network(plan: LabPlan) -> list[str]:
    lines = ["", "# ---- The inner VMs' network, inside the outer VM -------------------------------------------------"]
    if plan.network.mode == BRIDGE:
        lines += [
            "Get-VMNetworkAdapter -VMName $VMName | Where-Object { $_.MacAddressSpoofing -ne 'On' } | "
            + render(Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On")),
            "Invoke-Command -VMName $VMName -Credential $GuestCredential -ArgumentList $LabSwitchName -ScriptBlock {",
            "    param([string]$SwitchName)",
            "    $nic = Get-NetAdapter -Physical | Where-Object { $_.Status -eq 'Up' } | Select-Object -First 1",
            *(
                "    " + line
                for line in block(
                    "-not (Get-VMSwitch | Where-Object { $_.Name -eq $SwitchName })",
                    "New-VMSwitch -Name $SwitchName -NetAdapterName $nic.Name -AllowManagementOS $true | Out-Null",
                )
            ),
            "}",
        ]
        return lines
    lines += [
        "Invoke-Command -VMName $VMName -Credential $GuestCredential "
        "-ArgumentList $LabSwitchName, $NatPrefix, $Gateway, $PrefixLength -ScriptBlock {",
        "    param([string]$SwitchName, [string]$Prefix, [string]$Gateway, [int]$Length)",
        *(
            "    " + line
            for line in block(
                "-not (Get-VMSwitch | Where-Object { $_.Name -eq $SwitchName })",
                render(
                    Command.of("New-VMSwitch", Name=V("SwitchName"), SwitchType="Internal") | Command.of("Out-Null")
                ),
            )
        ),
        *(
            "    " + line
            for line in block(
                "-not (Get-NetIPAddress | Where-Object { $_.IPAddress -eq $Gateway })",
                "New-NetIPAddress -InterfaceAlias ('vEthernet (' + $SwitchName + ')') -IPAddress $Gateway "
                "-PrefixLength $Length | Out-Null",
            )
        ),
        *(
            "    " + line
            for line in block(
                "-not (Get-NetNat | Where-Object { $_.Name -eq $SwitchName })",
                render(
                    Command.of("New-NetNat", Name=V("SwitchName"), InternalIPInterfaceAddressPrefix=V("Prefix"))
                    | Command.of("Out-Null")
                ),
            )
        ),
        "}",
    ]
    return lines


def inner_vm(plan: LabPlan) -> list[str]:
    iso = bool(plan.inner.iso_path)
    lines = ["", "# ---- The inner VM, inside the outer VM -----------------------------------------------------------"]
    if iso:
        lines += [
            "$copied = Invoke-Command -VMName $VMName -Credential $GuestCredential -ArgumentList $InnerGuestIso "
            "-ScriptBlock {",
            "    param([string]$Path)",
            "    Test-Path -LiteralPath $Path",
            "}",
            *block(
                "-not $copied",
                # By its Id: the service's Name is localized (microsoft/MSLab#422).
                "Get-VMIntegrationService -VMName $VMName | Where-Object { $_.Id -like "
                f"'*\\{GUEST_SERVICE_ID}' }} | Enable-VMIntegrationService",
                render(
                    Command.of(
                        "Copy-VMFile",
                        Name=V("VMName"),
                        SourcePath=V("InnerIsoPath"),
                        DestinationPath=V("InnerGuestIso"),
                        FileSource="Host",
                        CreateFullPath=True,
                    )
                ),
            ),
        ]
    arguments = "$InnerVMName, $InnerMemoryBytes, $LabSwitchName, $InnerVhdPath, $InnerDiskBytes" + (
        ", $InnerGuestIso" if iso else ""
    )
    new_vm = Command.of(
        "New-VM",
        Name=V("Name"),
        Generation=2,
        MemoryStartupBytes=V("Memory"),
        SwitchName=V("SwitchName"),
        NewVHDPath=V("VhdPath"),
        NewVHDSizeBytes=V("DiskBytes"),
    )
    body = [
        "$vm = @(Get-VM | Where-Object { $_.Name -eq $Name })",
        *block("$vm.Count -gt 1", "throw \"More than one VM inside the outer VM is named '$Name'.\""),
        "$folder = Split-Path -Path $VhdPath -Parent",
        *block(
            "$vm.Count -eq 0 -and $folder -and -not (Test-Path -LiteralPath $folder)",
            render(Command.of("New-Item", ItemType="Directory", Path=V("folder"), Force=True) | Command.of("Out-Null")),
        ),
        *block(
            "$vm.Count -eq 0",
            render(new_vm) + " | Out-Null",
            *([render(Command.of("Add-VMDvdDrive", VMName=V("Name"), Path=V("Iso")))] if iso else []),
        ),
        *(
            ["$inner = Get-VM -Name $Name", *block("$inner.State -eq 'Off'", *first_boot_dvd_lines("inner"))]
            if iso
            else []
        ),
        *block("(Get-VM -Name $Name).State -ne 'Running'", render(Command.of("Start-VM", Name=V("Name")))),
    ]
    lines += [
        f"Invoke-Command -VMName $VMName -Credential $GuestCredential -ArgumentList {arguments} -ScriptBlock {{",
        "    param([string]$Name, [long]$Memory, [string]$SwitchName, [string]$VhdPath, [uint64]$DiskBytes"
        + (", [string]$Iso)" if iso else ")"),
        *("    " + line for line in body),
        "}",
        "Write-Output \"The lab is ready: '$InnerVMName' runs inside '$VMName'.\"",
    ]
    return lines


def outer_vm(plan: LabPlan) -> list[str]:
    if plan.outer.mode == "new":
        return outer_checks(plan.outer.options) + outer_steps(plan.outer.options, closing=False)
    return _existing_vm()


def guest_hyperv(plan: LabPlan) -> list[str]:
    return [
        "",
        "# ---- Hyper-V inside the outer VM, across its restart ---------------------------------------------",
        HYPERV_IN_GUEST,
    ]


def host(plan: LabPlan) -> list[str]:
    return ["# The host's own checks are the #Requires lines above: Hyper-V's module and an elevated session."]
