# NestWiz: what the checks of an outer-VM plan ask the host, in one round trip: the names of its VMs and virtual
# switches, and whether each path of the plan exists and is a folder.
# Paths are taken literally (never as wildcards). One flat record per answer, so remoting keeps every field.
param([string[]]$LiteralPath)

$ErrorActionPreference = 'Stop'
foreach ($vm in @(Get-VM)) {
    [pscustomobject][ordered]@{ Kind = 'VM'; Name = [string]$vm.Name }
}
foreach ($switch in @(Get-VMSwitch)) {
    [pscustomobject][ordered]@{ Kind = 'Switch'; Name = [string]$switch.Name }
}
foreach ($path in @($LiteralPath | Where-Object { $_ })) {
    $item = $null
    $problem = $null
    try {
        $item = Get-Item -LiteralPath $path -Force
    } catch {
        $id = [string]$_.FullyQualifiedErrorId
        if ($id -notlike 'PathNotFound*' -and $id -notlike 'ItemNotFound*') {
            $problem = $_.Exception.Message
        }
    }
    [pscustomobject][ordered]@{
        Kind = 'Path'
        Path = $path
        Exists = ($null -ne $item)
        IsFolder = ($null -ne $item -and [bool]$item.PSIsContainer)
        Error = $problem
    }
}
