# NestWiz: run Microsoft's Enable-NestedVm.ps1 unattended, for one VM, with its questions answered.
# The script's bytes arrive as Base64 and run only when their SHA-256 is the one NestWiz verified. The VM name is a
# parameter value, never script text. The script runs in a runspace of its own, so its bare Exit ends only that
# runspace; there Write-Host remembers the last lines and Read-Host answers the question they asked.
param(
    [Parameter(Mandatory = $true)][string]$VmName,
    [Parameter(Mandatory = $true)][string]$ScriptBase64,
    [Parameter(Mandatory = $true)][string]$ExpectedSha256,
    [Parameter(Mandatory = $true)][ValidateSet('Y', 'N')][string]$MacSpoofingAnswer,
    [Parameter(Mandatory = $true)][ValidateSet('Y', 'N')][string]$MemoryAnswer
)

$ErrorActionPreference = 'Stop'

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object -TypeName Security.Principal.WindowsPrincipal -ArgumentList $identity
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Enable-NestedVm.ps1 needs an elevated session: its own elevation starts a new window without the VM name.'
}

$bytes = [Convert]::FromBase64String($ScriptBase64)
$hasher = [Security.Cryptography.SHA256]::Create()
$digest = -join ($hasher.ComputeHash($bytes) | ForEach-Object { $_.ToString('x2') })
if ($digest -ne $ExpectedSha256.ToLowerInvariant()) {
    throw ('The script arrived with SHA-256 {0}, not the verified {1}; it was not run.' -f $digest, $ExpectedSha256)
}
$skip = 0
if ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) { $skip = 3 }
$text = [Text.Encoding]::UTF8.GetString($bytes, $skip, $bytes.Length - $skip)

# Shadows Write-Host inside the script's runspace: keep the last two lines, then write as usual.
$rememberHost = {
    $global:NestWizRecentHost = @($global:NestWizRecentHost[-1], [string]$args)
    Microsoft.PowerShell.Utility\Write-Host @args
}
# Shadows Read-Host: the script prints its question with Write-Host, then reads a bare Read-Host.
# Only a capital Y counts as yes for its first question; an unknown question stops the script.
$answerQuestion = {
    $global:NestWizQuestions++
    $last = [string]$global:NestWizRecentHost[-1]
    $recent = $global:NestWizRecentHost -join ' '
    $answer = $null
    if ($global:NestWizQuestions -le 8) {
        if ($last -match 'accept|Y or N') { $answer = 'Y' }
        elseif ($recent -match 'spoofing') { $answer = $global:NestWizAnswers.MacSpoofing }
        elseif ($recent -match '4 ?GB') { $answer = $global:NestWizAnswers.Memory }
    }
    if ($null -eq $answer) {
        throw ('NestWiz has no answer for the question "{0}"; the script was stopped there.' -f $last)
    }
    Microsoft.PowerShell.Utility\Write-Host (' ' + $answer)
    $answer
}

$session = [Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
$answers = @{ MacSpoofing = $MacSpoofingAnswer; Memory = $MemoryAnswer }
foreach ($variable in @(
        @('NestWizAnswers', $answers), @('NestWizRecentHost', @('', '')), @('NestWizQuestions', 0))) {
    $entry = New-Object -TypeName Management.Automation.Runspaces.SessionStateVariableEntry -ArgumentList $variable[0], $variable[1], 'NestWiz'
    $session.Variables.Add($entry)
}
foreach ($function in @(@('Write-Host', $rememberHost), @('Read-Host', $answerQuestion))) {
    $entry = New-Object -TypeName Management.Automation.Runspaces.SessionStateFunctionEntry -ArgumentList $function[0], $function[1].ToString()
    $session.Commands.Add($entry)
}

$runspace = [Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($session)
$shell = [Management.Automation.PowerShell]::Create()
$relayed = @{ Information = 0; Warning = 0; Error = 0; Line = '' }

# Forwards what the script wrote so far, so the wizard's log shows it while it runs.
function Publish-ScriptStreams {
    $streams = $shell.Streams
    while ($relayed.Information -lt $streams.Information.Count) {
        $data = $streams.Information[$relayed.Information].MessageData
        $relayed.Information++
        $relayed.Line += [string]$data
        if (-not ($data -is [Management.Automation.HostInformationMessage] -and $data.NoNewLine)) {
            Write-Host $relayed.Line
            $relayed.Line = ''
        }
    }
    while ($relayed.Warning -lt $streams.Warning.Count) {
        Write-Warning -Message $streams.Warning[$relayed.Warning].Message
        $relayed.Warning++
    }
    while ($relayed.Error -lt $streams.Error.Count) {
        $record = $streams.Error[$relayed.Error]
        $relayed.Error++
        # The script sets the console title; a runspace of its own has no console, which is no failure.
        if ($record.FullyQualifiedErrorId -eq 'PropertyNotFound' -and [string]$record.InvocationInfo.Line -match 'WindowTitle') {
            Write-Verbose -Message 'Enable-NestedVm.ps1 set the console title; it runs without a console here.'
        } else {
            Write-Error -ErrorRecord $record -ErrorAction Continue
        }
    }
}

try {
    $runspace.Open()
    $shell.Runspace = $runspace
    [void]$shell.AddScript($text).AddParameter('vmName', $VmName)
    $handle = $shell.BeginInvoke()
    while (-not $handle.IsCompleted) {
        Publish-ScriptStreams
        Start-Sleep -Milliseconds 200
    }
    try {
        $shell.EndInvoke($handle)
    } catch {
        Publish-ScriptStreams
        Write-Error -Message ($_.Exception.GetBaseException().Message) -ErrorId 'EnableNestedVmStopped' -ErrorAction Continue
    }
    Publish-ScriptStreams
    if ($relayed.Line) { Write-Host $relayed.Line }
} finally {
    $shell.Dispose()
    $runspace.Dispose()
}
