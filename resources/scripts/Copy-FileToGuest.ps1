# NestWiz: copy a file from the Hyper-V host into a VM's guest over a PowerShell Direct session.
# Used when Copy-VMFile cannot (the VM has no Guest Service Interface). Paths and names arrive as parameters.
param(
    [Parameter(Mandatory = $true)]
    [string]$VMName,
    [Parameter(Mandatory = $true)]
    [pscredential]$Credential,
    [Parameter(Mandatory = $true)]
    [string]$Path,
    [Parameter(Mandatory = $true)]
    [string]$Destination
)

$ErrorActionPreference = 'Stop'
$session = New-PSSession -VMName $VMName -Credential $Credential
try {
    $folder = Split-Path -Path $Destination -Parent
    Invoke-Command -Session $session -ArgumentList $folder -ScriptBlock {
        param([string]$Folder)
        New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    }
    Copy-Item -ToSession $session -LiteralPath $Path -Destination $Destination -Force
}
finally {
    Remove-PSSession -Session $session
}
