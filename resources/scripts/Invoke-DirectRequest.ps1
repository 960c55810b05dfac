# NestWiz PowerShell Direct dispatcher: the fixed script block Invoke-Command -VMName runs inside a guest.
# The request arrives as data through -ArgumentList: a command name is checked against a strict pattern,
# parameters are splatted, and user values are never parsed as PowerShell.
param(
    [Parameter(Mandatory = $true)]
    [hashtable]$Request
)

$cmdletPattern = '^[A-Za-z]+-[A-Za-z0-9]+$'

function ConvertTo-Splat {
    param([object]$Parameters)
    $splat = @{}
    if ($null -ne $Parameters) {
        foreach ($key in @($Parameters.Keys)) {
            $splat[[string]$key] = $Parameters[$key]
        }
    }
    $splat
}

if ($Request.Kind -eq 'Script') {
    $block = [scriptblock]::Create([string]$Request.Text)
    $scriptSplat = ConvertTo-Splat -Parameters $Request.Parameters
    & $block @scriptSplat
}
elseif ($Request.Kind -eq 'Pipeline') {
    $data = @()
    $first = $true
    foreach ($stage in @($Request.Stages)) {
        $name = [string]$stage.Name
        if ($name -notmatch $cmdletPattern) {
            throw "NestWiz refuses to run '$name': it is not a cmdlet name."
        }
        $splat = ConvertTo-Splat -Parameters $stage.Parameters
        if ($first) {
            $data = @(& $name @splat)
            $first = $false
        }
        else {
            $data = @($data | & $name @splat)
        }
    }
    $data
}
else {
    throw "NestWiz received a request of unknown kind '$($Request.Kind)'."
}
