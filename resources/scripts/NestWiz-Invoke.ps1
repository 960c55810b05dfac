# NestWiz-Invoke.ps1: runs NestWiz requests read as JSON lines on stdin and streams the results as JSON lines.
#
# Started by NestWiz (core/runners/local.py) as
#   powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File NestWiz-Invoke.ps1
# It serves one request per line until stdin closes. Protocol version 1:
#   request   {"id": "r1", "depth": 2, "commands": [{"name": "Get-VM", "params": [["Name", "web01"]]}]}
#             {"id": "r2", "depth": 2, "script": "Some-Fixed.ps1", "params": [["Path", "C:\\x"]]}
#   records   {"id": "r1", "k": "output" | "error" | "warning" | "verbose" | "information" | "progress", "v": ...}
#   last one  {"id": "r1", "k": "end", "v": {"state": "Completed" | "Failed" | ..., "failed": false}}
# and once at start {"id": "", "k": "ready", "v": {"protocol": 1, ...}}.
# Parameter values are JSON scalars and arrays; every JSON object is tagged with "__nw": hashtable,
# credential (user + password, made a PSCredential here), scriptblock (NestWiz's own fixed text) or bytes.
# Values are passed to AddParameter as objects: nothing from a request is ever parsed as PowerShell.

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# Our own UTF-8 streams over the raw handles, so the console code page never matters. [Console]::OutputEncoding
# is left alone on purpose: PowerShell decodes native tools' output (bcdedit, dism) with it.
$Utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)
$Reader = New-Object -TypeName System.IO.StreamReader -ArgumentList @([Console]::OpenStandardInput(), $Utf8)
$Writer = New-Object -TypeName System.IO.StreamWriter -ArgumentList @([Console]::OpenStandardOutput(), $Utf8)
$Writer.NewLine = "`n"
$ScriptNamePattern = '^[A-Za-z][A-Za-z0-9.-]*\.ps1$'
$CommandNamePattern = '^[A-Za-z]+-[A-Za-z0-9]+$'
$script:RequestId = ''

function Write-NwRecord {
    param([string]$Kind, $Value)
    $record = [ordered]@{ id = $script:RequestId; k = $Kind; v = $Value }
    $line = ConvertTo-Json -InputObject $record -Depth 100 -Compress
    $Writer.WriteLine($line)
    $Writer.Flush()
}

function ConvertFrom-NwValue {
    param($Value)
    if ($null -eq $Value) {
        return $null
    }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $tag = [string]$Value.__nw
        if ($tag -eq 'hashtable') {
            $table = @{}
            foreach ($pair in $Value.items) {
                $table[[string]$pair[0]] = ConvertFrom-NwValue -Value $pair[1]
            }
            return $table
        }
        if ($tag -eq 'credential') {
            $secure = New-Object -TypeName System.Security.SecureString
            foreach ($ch in ([string]$Value.password).ToCharArray()) {
                $secure.AppendChar($ch)
            }
            $secure.MakeReadOnly()
            return New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList @([string]$Value.user, $secure)
        }
        if ($tag -eq 'scriptblock') {
            return [scriptblock]::Create([string]$Value.text)
        }
        if ($tag -eq 'bytes') {
            return ,[Convert]::FromBase64String([string]$Value.base64)
        }
        throw "NestWiz-Invoke: unknown value tag '$tag'."
    }
    if ($Value -is [array]) {
        $items = New-Object -TypeName 'System.Collections.Generic.List[object]'
        foreach ($item in $Value) {
            $items.Add((ConvertFrom-NwValue -Value $item))
        }
        return ,$items.ToArray()
    }
    return $Value
}

# Output as plain data that ConvertTo-Json cannot get wrong: enums by name (5.1 has no -EnumsAsStrings),
# fresh strings (5.1 serializes the note properties of strings, e.g. PSPath from Get-Content), objects as
# ordered property maps down to $Depth, deeper objects as tagged ToString() text.
function ConvertTo-NwData {
    param($Value, [int]$Depth, [int]$Nesting)
    if ($null -eq $Value) {
        return $null
    }
    $base = $Value.PSObject.BaseObject
    if ($base -is [string]) {
        return [string]::Copy($base)
    }
    if ($base -is [bool]) {
        return [bool]$base
    }
    if ($base -is [enum]) {
        return $base.ToString()
    }
    if ($base -is [char] -or $base -is [guid] -or $base -is [uri] -or $base -is [version] -or $base -is [scriptblock]) {
        return $base.ToString()
    }
    if ($base -is [datetime]) {
        return [datetime]$base
    }
    if ($base -is [System.DateTimeOffset]) {
        return $base.UtcDateTime
    }
    if ($base -is [timespan] -or $base -is [decimal]) {
        return $base
    }
    if ($base -is [System.ValueType] -and $base.GetType().IsPrimitive) {
        return $base
    }
    if ($base -is [System.Security.SecureString]) {
        return $null
    }
    if ($base -is [byte[]]) {
        return [ordered]@{ __nw = 'bytes'; base64 = [Convert]::ToBase64String($base) }
    }
    if ($Nesting -gt 16) {
        return [ordered]@{ __nw = 'truncated'; text = [string]::Copy($base.ToString()) }
    }
    if ($base -is [System.Collections.IDictionary]) {
        $map = [ordered]@{}
        foreach ($key in $base.Keys) {
            $map[[string]$key] = ConvertTo-NwData -Value $base[$key] -Depth $Depth -Nesting ($Nesting + 1)
        }
        return $map
    }
    if ($base -is [System.Collections.IEnumerable]) {
        $items = New-Object -TypeName 'System.Collections.Generic.List[object]'
        foreach ($item in $base) {
            $items.Add((ConvertTo-NwData -Value $item -Depth $Depth -Nesting ($Nesting + 1)))
        }
        return ,$items.ToArray()
    }
    if ($Depth -le 0) {
        return [ordered]@{ __nw = 'truncated'; text = [string]::Copy([string]$Value) }
    }
    $map = [ordered]@{}
    foreach ($property in $Value.PSObject.Properties) {
        if (-not $property.IsGettable) {
            continue
        }
        try {
            $propertyValue = $property.Value
        } catch {
            $propertyValue = $null
        }
        $map[$property.Name] = ConvertTo-NwData -Value $propertyValue -Depth ($Depth - 1) -Nesting ($Nesting + 1)
    }
    return $map
}

function ConvertTo-NwError {
    param($Record)
    $target = ''
    if ($null -ne $Record.TargetObject) {
        $target = [string]$Record.TargetObject
    }
    return [ordered]@{
        message        = $Record.ToString()
        error_id       = [string]$Record.FullyQualifiedErrorId
        category       = [string]$Record.CategoryInfo.Category
        target         = $target
        exception_type = $Record.Exception.GetType().FullName
    }
}

function ConvertTo-NwExceptionError {
    param($Exception)
    if ($null -ne $Exception.ErrorRecord) {
        return ConvertTo-NwError -Record $Exception.ErrorRecord
    }
    return [ordered]@{
        message        = $Exception.Message
        error_id       = $Exception.GetType().Name
        category       = 'NotSpecified'
        target         = ''
        exception_type = $Exception.GetType().FullName
    }
}

function Send-NwStreams {
    param($Shell, $Output, [int]$Depth)
    foreach ($item in $Output.ReadAll()) {
        Write-NwRecord -Kind 'output' -Value (ConvertTo-NwData -Value $item -Depth $Depth -Nesting 0)
    }
    foreach ($record in $Shell.Streams.Error.ReadAll()) {
        Write-NwRecord -Kind 'error' -Value (ConvertTo-NwError -Record $record)
    }
    foreach ($record in $Shell.Streams.Warning.ReadAll()) {
        Write-NwRecord -Kind 'warning' -Value $record.Message
    }
    foreach ($record in $Shell.Streams.Verbose.ReadAll()) {
        Write-NwRecord -Kind 'verbose' -Value $record.Message
    }
    foreach ($record in $Shell.Streams.Information.ReadAll()) {
        Write-NwRecord -Kind 'information' -Value ([string]$record.MessageData)
    }
    foreach ($record in $Shell.Streams.Progress.ReadAll()) {
        $progress = [ordered]@{
            activity    = $record.Activity
            status      = $record.StatusDescription
            percent     = $record.PercentComplete
            activity_id = $record.ActivityId
            completed   = ($record.RecordType.ToString() -eq 'Completed')
        }
        Write-NwRecord -Kind 'progress' -Value $progress
    }
    $null = $Shell.Streams.Debug.ReadAll()
}

function Add-NwParameters {
    param($Shell, $Pairs)
    foreach ($pair in $Pairs) {
        $null = $Shell.AddParameter([string]$pair[0], (ConvertFrom-NwValue -Value $pair[1]))
    }
}

function Invoke-NwRequest {
    param($Request, $Runspace)
    $depth = 2
    if ($null -ne $Request.depth) {
        $depth = [int]$Request.depth
    }
    $shell = [PowerShell]::Create()
    $shell.Runspace = $Runspace
    try {
        if ($null -ne $Request.script) {
            $name = [string]$Request.script
            $path = Join-Path -Path $PSScriptRoot -ChildPath $name
            if ($name -notmatch $ScriptNamePattern -or -not (Test-Path -LiteralPath $path -PathType Leaf)) {
                throw "NestWiz-Invoke: there is no fixed script named '$name'."
            }
            # In a local scope, so a script's variables do not outlive the call in this long-lived runspace.
            $null = $shell.AddScript([System.IO.File]::ReadAllText($path, $Utf8), $true)
            Add-NwParameters -Shell $shell -Pairs $Request.params
        } else {
            foreach ($command in $Request.commands) {
                $commandName = [string]$command.name
                if ($commandName -notmatch $CommandNamePattern) {
                    throw "NestWiz-Invoke: '$commandName' is not a cmdlet name."
                }
                $null = $shell.AddCommand($commandName)
                Add-NwParameters -Shell $shell -Pairs $command.params
            }
        }
        $inputData = New-Object -TypeName 'System.Management.Automation.PSDataCollection[psobject]'
        $inputData.Complete()
        $output = New-Object -TypeName 'System.Management.Automation.PSDataCollection[psobject]'
        $async = $shell.BeginInvoke($inputData, $output)
        do {
            $finished = $async.AsyncWaitHandle.WaitOne(20)
            Send-NwStreams -Shell $shell -Output $output -Depth $depth
        } until ($finished)
        try {
            $null = $shell.EndInvoke($async)
        } catch {
            $null = $_
        }
        Send-NwStreams -Shell $shell -Output $output -Depth $depth
        $state = $shell.InvocationStateInfo.State.ToString()
        if ($state -eq 'Failed' -and $null -ne $shell.InvocationStateInfo.Reason) {
            Write-NwRecord -Kind 'error' -Value (ConvertTo-NwExceptionError -Exception $shell.InvocationStateInfo.Reason)
        }
        Write-NwRecord -Kind 'end' -Value ([ordered]@{ state = $state; failed = ($state -ne 'Completed') })
    } catch {
        Write-NwRecord -Kind 'error' -Value (ConvertTo-NwError -Record $_)
        Write-NwRecord -Kind 'end' -Value ([ordered]@{ state = 'Failed'; failed = $true })
    } finally {
        $shell.Dispose()
    }
}

$sessionState = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
$sessionState.ExecutionPolicy = [Microsoft.PowerShell.ExecutionPolicy]::Bypass
$runspace = [runspacefactory]::CreateRunspace($sessionState)
$runspace.Open()
Write-NwRecord -Kind 'ready' -Value ([ordered]@{ protocol = 1; version = $PSVersionTable.PSVersion.ToString(); pid = $PID })
try {
    while ($true) {
        $line = $Reader.ReadLine()
        if ($null -eq $line) {
            break
        }
        if ($line.Trim().Length -eq 0) {
            continue
        }
        $script:RequestId = ''
        try {
            $request = ConvertFrom-Json -InputObject $line
            $script:RequestId = [string]$request.id
            Invoke-NwRequest -Request $request -Runspace $runspace
        } catch {
            Write-NwRecord -Kind 'error' -Value (ConvertTo-NwError -Record $_)
            Write-NwRecord -Kind 'end' -Value ([ordered]@{ state = 'Failed'; failed = $true })
        }
    }
} finally {
    $runspace.Dispose()
}
