"""The simulated machine's state: host facts, VMs and their devices, switches, NAT, files."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

GB = 1024**3
MB = 1024**2

# SIDs, never localized names: Administrators and Hyper-V Administrators.
SID_ADMINISTRATORS = "S-1-5-32-544"
SID_HYPERV_ADMINISTRATORS = "S-1-5-32-578"

CLIENT_HYPERV_FEATURE = "Microsoft-Hyper-V-All"
SERVER_HYPERV_FEATURE = "Hyper-V"
# The Hyper-V PowerShell module is its own optional feature (Hyper-V-PowerShell in Server Manager's names). Enabling
# Microsoft-Hyper-V with -All enables its parents only ("-All Enables all parent features of the specified feature":
# windows-powershell-docs docset/winserver2025-ps/Dism/Enable-WindowsOptionalFeature.md), not this child; the feature
# list of an enabled host shows it separately (kernelwernel/VMAware#296).
HYPERV_MODULE_FEATURE = "Microsoft-Hyper-V-Management-PowerShell"


@dataclass
class OsInfo:
    caption: str = "Microsoft Windows 11 Pro"
    build: int = 22631
    product_type: int = 1  # 1 workstation, 2 domain controller, 3 server
    sku: int = 48
    edition_id: str = "Professional"
    locale: str = "en-US"
    computer_name: str = "LAPTOP-NW01"

    @property
    def is_server(self) -> bool:
        return self.product_type != 1

    @property
    def version(self) -> str:
        return f"10.0.{self.build}"


@dataclass
class CpuInfo:
    manufacturer: str = "GenuineIntel"
    name: str = "Intel(R) Core(TM) i7-1185G7 @ 3.00GHz"
    cores: int = 4
    logical: int = 8
    vmx: bool = True  # VMMonitorModeExtensions: the CPU has VT-x / AMD-V
    slat: bool = True  # SecondLevelAddressTranslationExtensions: EPT / NPT
    firmware_enabled: bool = True  # VirtualizationFirmwareEnabled
    dep: bool = True


@dataclass
class Volume:
    drive: str
    size: int
    free: int


@dataclass
class SimAdapter:
    name: str = "Network Adapter"
    switch_name: str | None = None
    mac_spoofing: str = "Off"
    mac: str = "00155D000000"
    dynamic_mac: bool = True
    id: str = field(default_factory=lambda: str(uuid.uuid4()).upper())


@dataclass
class SimDisk:
    path: str
    controller_type: str = "SCSI"
    controller_number: int = 0
    controller_location: int = 0


@dataclass
class SimDvd:
    path: str | None
    controller_number: int = 0
    controller_location: int = 1


@dataclass
class SimCheckpoint:
    name: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass
class SimVM:
    name: str
    generation: int = 2
    version: str = "10.0"
    state: str = "Off"
    memory_startup: int = 4 * GB
    dynamic_memory: bool = False
    memory_minimum: int = 512 * MB
    memory_maximum: int = 1024 * GB
    processor_count: int = 2
    expose_virtualization_extensions: bool = False
    adapters: list[SimAdapter] = field(default_factory=list)
    disks: list[SimDisk] = field(default_factory=list)
    dvds: list[SimDvd] = field(default_factory=list)
    secure_boot: bool = True
    secure_boot_template: str = "MicrosoftWindows"
    first_boot_device: str | None = None  # set by Set-VMFirmware -FirstBootDevice; None: devices in order added
    tpm: bool = False
    key_protector: bool = False
    checkpoints: list[SimCheckpoint] = field(default_factory=list)
    checkpoint_type: str = "Production"
    automatic_checkpoints: bool = True
    path: str = "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V"
    notes: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_at: float | None = None  # simulated clock time of the last start
    guest: SimGuest | None = None
    integration_services: dict[str, bool] = field(
        default_factory=lambda: {
            "Guest Service Interface": False,
            "Heartbeat": True,
            "Key-Value Pair Exchange": True,
            "Shutdown": True,
            "Time Synchronization": True,
            "VSS": True,
        }
    )

    def boot_order(self) -> list[str]:
        """A generation 2 VM's firmware boot order: its devices in the order they were added (New-VM -NewVHDPath
        attaches the disk and the network adapter, Add-VMDvdDrive comes after them), unless -FirstBootDevice moved
        one to the front. Set-VMFirmware: "The boot order determines the order of the devices from which to boot"
        (https://learn.microsoft.com/en-us/powershell/module/hyper-v/set-vmfirmware); Get-VMFirmware reads it as
        BootOrder (https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vmfirmware)."""
        order = (
            ["HardDiskDrive"] * len(self.disks)
            + ["NetworkAdapter"] * len(self.adapters)
            + (["DvdDrive"] * len(self.dvds))
        )
        if self.first_boot_device in order:
            order.remove(self.first_boot_device)
            order.insert(0, self.first_boot_device)
        return order

    def boots_from_iso(self) -> bool:
        """Whether starting the VM runs Setup from its ISO: the first bootable device is a DVD drive holding one.
        An empty disk is not bootable; a network adapter without a PXE server fails, and the firmware then stops
        at "No operating system was loaded" rather than reach a DVD further down (resources/scripts/
        Set-FirstBootDvd.ps1, issue 13 M2)."""
        if self.generation != 2:
            return any(d.path for d in self.dvds)
        first = self.boot_order()[:1]
        return first == ["DvdDrive"] and any(d.path for d in self.dvds)

    @property
    def version_tuple(self) -> tuple[int, int]:
        major, _, minor = self.version.partition(".")
        return int(major), int(minor or 0)


@dataclass
class SimGuest:
    """The operating system inside a VM: itself a simulated host once installed."""

    host: Any  # core.sim.host.SimHost; Any to avoid an import cycle
    installed: bool = True
    user: str = "Administrator"
    password: str = "P@ssw0rd!"
    boot_seconds: float = 45.0
    heartbeat_works: bool = True
    ready_at: float | None = None  # simulated time at which the running guest answers
    locked: bool = False  # the guest's console is locked: Stop-VM shuts it down only with -Force


@dataclass
class SimSwitch:
    name: str
    switch_type: str = "Internal"  # Internal | Private | External
    net_adapter: str | None = None
    allow_management_os: bool = True
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass
class SimNat:
    name: str
    internal_prefix: str


@dataclass
class SimIpAddress:
    interface_alias: str
    address: str
    prefix_length: int
    gateway: str | None = None


@dataclass
class HostState:
    """What a probe can read off the machine, plus the Hyper-V configuration."""

    os: OsInfo = field(default_factory=OsInfo)
    cpu: CpuInfo = field(default_factory=CpuInfo)
    total_memory: int = 32 * GB
    free_memory: int = 20 * GB
    volumes: list[Volume] = field(default_factory=lambda: [Volume("C:", 1000 * GB, 400 * GB)])
    features: dict[str, str] = field(default_factory=dict)  # name -> Enabled/Disabled/EnablePending/...
    hypervisor_running: bool = False
    reboot_pending: bool = False
    elevated: bool = True
    group_sids: list[str] = field(default_factory=lambda: [SID_ADMINISTRATORS])
    vbs_status: int = 0  # Win32_DeviceGuard.VirtualizationBasedSecurityStatus: 0 off, 1 configured, 2 running
    hvci_running: bool = False
    is_virtual_machine: bool = False
    system_manufacturer: str = "Contoso"
    system_model: str = "Laptop 14"
    chassis_asset_tag: str = ""  # Win32_SystemEnclosure.SMBIOSAssetTag (Azure VMs: facts.AZURE_ASSET_TAG)
    software: list[str] = field(default_factory=list)
    supported_versions: list[str] = field(default_factory=lambda: ["8.0", "9.0", "9.1", "9.2", "9.3", "10.0", "11.0"])
    default_version: str = "11.0"
    vm_path: str = "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V"
    vhd_path: str = "C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks"
    execution_policy: str = "Restricted"
    feature_install_fails: list[str] = field(default_factory=list)  # feature names whose install fails

    @property
    def hyperv_feature(self) -> str:
        return SERVER_HYPERV_FEATURE if self.os.is_server else CLIENT_HYPERV_FEATURE

    @property
    def hyperv_module(self) -> bool:
        """Whether the Hyper-V PowerShell module is installed. On client editions Microsoft-Hyper-V-All is the top
        feature and includes it; on Windows Server it is the separate module feature, which
        Install-WindowsFeature -IncludeManagementTools adds and the DISM fallback does not."""
        if self.os.is_server:
            return self.features.get(HYPERV_MODULE_FEATURE) == "Enabled"
        return self.features.get(CLIENT_HYPERV_FEATURE) == "Enabled"
