# NestWiz: make a generation 2 VM start from its DVD drive first, so it boots the installation ISO
# instead of trying its empty disk and the network. The VM is found by its exact name (no wildcards).
param(
    [Parameter(Mandatory = $true)][string]$VMName
)

$ErrorActionPreference = 'Stop'
$vm = @(Get-VM | Where-Object { $_.Name -eq $VMName })
if ($vm.Count -ne 1) {
    throw "NestWiz expected exactly one virtual machine named '$VMName' and found $($vm.Count)."
}
$dvd = Get-VMDvdDrive -VM $vm[0] | Select-Object -First 1
if ($null -eq $dvd) {
    throw "The virtual machine '$VMName' has no DVD drive to start from."
}
Set-VMFirmware -VM $vm[0] -FirstBootDevice $dvd
