# NestWiz: runs one request inside a virtual machine through the PowerShell Direct session NestWiz opened with
# New-PSSession -VMName (one session per guest boot, not one per call). The session is found by the name NestWiz
# gave it; the request travels as data to the fixed dispatcher (Invoke-DirectRequest.ps1, passed as text).
param(
    [Parameter(Mandatory = $true)]
    [string]$SessionName,
    [Parameter(Mandatory = $true)]
    [string]$Dispatcher,
    [Parameter(Mandatory = $true)]
    [hashtable]$Request
)

$session = @(Get-PSSession -Name $SessionName -ErrorAction SilentlyContinue)
if ($session.Count -ne 1) {
    # This PowerShell process does not hold the session (it was restarted, or the call ran in another process):
    # nothing ran in the guest, so NestWiz opens a new session and sends the request again.
    Write-Error -Message 'NestWiz has no PowerShell Direct session by that name in this PowerShell process.' `
        -ErrorId 'NestWizDirectSessionMissing' -Category ResourceUnavailable
    return
}
# A session that is no longer Opened (the guest restarted) makes Invoke-Command write
# InvokeCommandCommandInvalidSessionState without running anything; one that breaks during the call ends with
# PSSessionStateBroken. NestWiz tells both apart from the guest's own errors by their FullyQualifiedErrorId.
Invoke-Command -Session $session[0] -ScriptBlock ([scriptblock]::Create($Dispatcher)) -ArgumentList $Request
