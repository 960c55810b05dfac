# NestWiz: what decides whether VMs can host nested VMs, for the named VMs or all of them, in one round trip.
# Names are compared exactly (never as wildcards), so any character in a VM name is safe.
# Numbers and enum names only; never localized text.
param([string[]]$Name)

$ErrorActionPreference = 'Stop'
$vms = @(Get-VM)
if ($PSBoundParameters.ContainsKey('Name')) {
    foreach ($wanted in $Name) {
        if (-not @($vms | Where-Object { $_.Name -eq $wanted }).Count) {
            Write-Error -Message ('Hyper-V was unable to find a virtual machine with name "{0}".' -f $wanted) -Category ObjectNotFound -ErrorId 'VmNotFound' -TargetObject $wanted -ErrorAction Continue
        }
    }
    $vms = @($vms | Where-Object { $Name -contains $_.Name })
}

foreach ($vm in $vms) {
    $processor = Get-VMProcessor -VM $vm
    $memory = Get-VMMemory -VM $vm
    $adapters = @(Get-VMNetworkAdapter -VM $vm | ForEach-Object {
        [ordered]@{ Name = $_.Name; SwitchName = $_.SwitchName; MacAddressSpoofing = [string]$_.MacAddressSpoofing }
    })
    [pscustomobject][ordered]@{
        Name = $vm.Name
        Id = [string]$vm.Id
        State = [string]$vm.State
        Generation = [int]$vm.Generation
        Version = [string]$vm.Version
        ProcessorCount = [int]$processor.Count
        ExposeVirtualizationExtensions = [bool]$processor.ExposeVirtualizationExtensions
        MemoryStartup = [long]$memory.Startup
        DynamicMemoryEnabled = [bool]$memory.DynamicMemoryEnabled
        Adapters = $adapters
        CheckpointCount = @(Get-VMSnapshot -VM $vm).Count
    }
}
