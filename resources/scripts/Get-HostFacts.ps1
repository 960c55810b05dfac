# NestWiz host probe: every fact the diagnosis needs, in one round trip.
# Reads numbers, booleans, SIDs and CIM properties only; never localized text.
# Each section is guarded so that one failing source leaves the others intact.
param()

$ErrorActionPreference = 'Stop'
$facts = [ordered]@{ ProbeVersion = 2; Errors = @() }

function Add-ProbeError {
    param([string]$Section, [object]$Failure)
    # The message is localized and shown only to people; ErrorId is the invariant part code may test.
    $script:facts.Errors += [ordered]@{ Section = $Section; ErrorId = [string]$Failure.FullyQualifiedErrorId; Message = [string]$Failure }
}

try {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $facts.OS = [ordered]@{
        Caption = $os.Caption
        Version = $os.Version
        BuildNumber = $os.BuildNumber
        ProductType = $os.ProductType
        OperatingSystemSKU = $os.OperatingSystemSKU
        TotalVisibleMemorySize = $os.TotalVisibleMemorySize
        FreePhysicalMemory = $os.FreePhysicalMemory
        DataExecutionPrevention_Available = $os.DataExecutionPrevention_Available
    }
} catch { Add-ProbeError -Section 'OS' -Failure $_ }

try {
    $facts.EditionId = (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name EditionID).EditionID
} catch { Add-ProbeError -Section 'EditionId' -Failure $_ }

try {
    $facts.Processors = @(Get-CimInstance -ClassName Win32_Processor | ForEach-Object {
        [ordered]@{
            Manufacturer = $_.Manufacturer
            Name = $_.Name
            NumberOfCores = $_.NumberOfCores
            NumberOfLogicalProcessors = $_.NumberOfLogicalProcessors
            VirtualizationFirmwareEnabled = $_.VirtualizationFirmwareEnabled
            SecondLevelAddressTranslationExtensions = $_.SecondLevelAddressTranslationExtensions
            VMMonitorModeExtensions = $_.VMMonitorModeExtensions
        }
    })
} catch { Add-ProbeError -Section 'Processors' -Failure $_ }

try {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem
    $facts.ComputerSystem = [ordered]@{
        HypervisorPresent = $cs.HypervisorPresent
        Manufacturer = $cs.Manufacturer
        Model = $cs.Model
        TotalPhysicalMemory = $cs.TotalPhysicalMemory
    }
} catch { Add-ProbeError -Section 'ComputerSystem' -Failure $_ }

try {
    # The chassis asset tag tells an Azure VM from another Hyper-V VM (Win32_SystemEnclosure.SMBIOSAssetTag).
    $enclosure = @(Get-CimInstance -ClassName Win32_SystemEnclosure)[0]
    $facts.SystemEnclosure = [ordered]@{ SMBIOSAssetTag = $enclosure.SMBIOSAssetTag }
} catch { Add-ProbeError -Section 'SystemEnclosure' -Failure $_ }

try {
    $facts.Volumes = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=3' | ForEach-Object {
        [ordered]@{ DeviceID = $_.DeviceID; Size = $_.Size; FreeSpace = $_.FreeSpace }
    })
} catch { Add-ProbeError -Section 'Volumes' -Failure $_ }

try {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object -TypeName Security.Principal.WindowsPrincipal -ArgumentList $identity
    $facts.Elevated = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    # Hyper-V Administrators by SID: the group's name is translated on localized Windows.
    $facts.HyperVAdministrator = $principal.IsInRole([Security.Principal.SecurityIdentifier]'S-1-5-32-578')
    $facts.GroupSids = @($identity.Groups | ForEach-Object { $_.Value })
} catch { Add-ProbeError -Section 'Identity' -Failure $_ }

try {
    if ($facts.OS -and $facts.OS.ProductType -ne 1) {
        $feature = Get-WindowsFeature -Name Hyper-V
        $facts.HyperVFeature = [ordered]@{ Name = 'Hyper-V'; Kind = 'Role'; Installed = [bool]$feature.Installed; InstallState = [string]$feature.InstallState }
    } else {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-All
        # [string] gives the enum's invariant name (Enabled, EnablePending, ...), never translated text.
        $facts.HyperVFeature = [ordered]@{ Name = 'Microsoft-Hyper-V-All'; Kind = 'OptionalFeature'; State = [string]$feature.State }
    }
} catch { Add-ProbeError -Section 'HyperVFeature' -Failure $_ }

try {
    $pending = (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending') -or
        (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired')
    $facts.RebootPending = [bool]$pending
} catch { Add-ProbeError -Section 'RebootPending' -Failure $_ }

try {
    $dg = Get-CimInstance -Namespace 'root\Microsoft\Windows\DeviceGuard' -ClassName Win32_DeviceGuard
    $facts.DeviceGuard = [ordered]@{
        VirtualizationBasedSecurityStatus = $dg.VirtualizationBasedSecurityStatus
        SecurityServicesConfigured = @($dg.SecurityServicesConfigured)
        SecurityServicesRunning = @($dg.SecurityServicesRunning)
    }
} catch { Add-ProbeError -Section 'DeviceGuard' -Failure $_ }

try {
    $facts.HyperVModule = [bool](Get-Module -ListAvailable -Name Hyper-V)
    if ($facts.HyperVModule) {
        $facts.SupportedVersions = @(Get-VMHostSupportedVersion | ForEach-Object { [string]$_.Version })
        $facts.DefaultVersion = [string](Get-VMHostSupportedVersion -Default).Version
    }
} catch { Add-ProbeError -Section 'HyperV' -Failure $_ }

try {
    if ($facts.HyperVModule) {
        $vmHost = Get-VMHost
        $facts.VMHost = [ordered]@{ VirtualHardDiskPath = $vmHost.VirtualHardDiskPath; VirtualMachinePath = $vmHost.VirtualMachinePath }
    }
} catch { Add-ProbeError -Section 'VMHost' -Failure $_ }

try {
    $keys = @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*')
    $facts.Software = @(Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue |
        Where-Object { $_.DisplayName -match 'VMware Workstation|VMware Player|VirtualBox' } |
        ForEach-Object { [string]$_.DisplayName })
} catch { Add-ProbeError -Section 'Software' -Failure $_ }

try {
    $facts.PSVersion = [string]$PSVersionTable.PSVersion
} catch { Add-ProbeError -Section 'PSVersion' -Failure $_ }

try {
    $facts.ExecutionPolicy = [string](Get-ExecutionPolicy)
} catch { Add-ProbeError -Section 'ExecutionPolicy' -Failure $_ }

[pscustomobject]$facts
