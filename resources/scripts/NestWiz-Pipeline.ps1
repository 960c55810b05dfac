# NestWiz-Pipeline.ps1: runs a pipeline whose parameters include script blocks, for the remote runner.
#
# PowerShell remoting delivers a script block sent as a parameter value as a string, so the remote runner
# sends NestWiz's own fixed script block text as a string, names those parameters in ScriptBlocks, and this
# script turns them back into script blocks. Each stage is @{ Name = 'Cmdlet'; Parameters = @{...};
# ScriptBlocks = @('ScriptBlock') }; the stages run as one pipeline, each one's output the next one's input.
param(
    [Parameter(Mandatory = $true)]
    [object[]]$Stages
)

$ErrorActionPreference = 'Continue'
$CommandNamePattern = '^[A-Za-z]+-[A-Za-z0-9]+$'

function Invoke-NwStage {
    param([int]$Index)
    $stage = $Stages[$Index]
    $name = [string]$stage.Name
    if ($name -notmatch $CommandNamePattern) {
        throw "NestWiz-Pipeline: '$name' is not a cmdlet name."
    }
    $parameters = @{}
    foreach ($key in $stage.Parameters.Keys) {
        $parameters[[string]$key] = $stage.Parameters[$key]
    }
    foreach ($key in $stage.ScriptBlocks) {
        $parameters[[string]$key] = [scriptblock]::Create([string]$parameters[[string]$key])
    }
    if ($Index -eq 0) {
        & $name @parameters
    } else {
        Invoke-NwStage -Index ($Index - 1) | & $name @parameters
    }
}

Invoke-NwStage -Index ($Stages.Count - 1)
