"""Simulated Start-Process: the programs NestWiz starts on the host, with their command lines as Windows splits them."""

from __future__ import annotations

from typing import Any

from core.errors import CommandRejected
from core.sim.engine import Call, cmdlet


def command_line_to_argv(line: str) -> list[str]:
    """Split a command line into arguments as CommandLineToArgvW does (the rules its documentation lists).

    https://learn.microsoft.com/windows/win32/api/shellapi/nf-shellapi-commandlinetoargvw: arguments are
    delimited by white space; a string in double quotes is one argument, whatever white space it holds; 2n
    backslashes before a double quote become n backslashes and the quote delimits; 2n+1 backslashes before a
    double quote become n backslashes and a literal quote; other backslashes are literal.
    """
    args: list[str] = []
    current: list[str] = []
    in_quotes = False
    started = False
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            run = 1
            while i + run < len(line) and line[i + run] == "\\":
                run += 1
            if i + run < len(line) and line[i + run] == '"':
                current.append("\\" * (run // 2))
                if run % 2:
                    current.append('"')
                    i += run + 1
                else:
                    in_quotes = not in_quotes
                    i += run + 1
            else:
                current.append("\\" * run)
                i += run
            started = True
            continue
        if ch == '"':
            in_quotes = not in_quotes
            started = True
        elif ch in " \t" and not in_quotes:
            if started:
                args.append("".join(current))
                current, started = [], False
        else:
            current.append(ch)
            started = True
        i += 1
    if started:
        args.append("".join(current))
    return args


@cmdlet("Start-Process", "FilePath ArgumentList")
def start_process(call: Call) -> list[Any]:
    program = str(call.get("FilePath"))
    # Start-Process joins -ArgumentList with single spaces and adds no quotes
    # (https://github.com/MicrosoftDocs/PowerShell-Docs/issues/7701; PowerShell-Docs
    # reference/5.1/Microsoft.PowerShell.Management/Start-Process.md, -ArgumentList).
    line = " ".join(call.names("ArgumentList"))
    argv = command_line_to_argv(line)
    if program.lower() != "vmconnect.exe":
        raise CommandRejected(f"The simulated host starts only vmconnect.exe, not {program}.", detail="SimulationGap")
    # vmconnect.exe <server> <VM name>, each quoted when needed (VmConnect.exe "{SERVERNAME}" "{VMNAME}":
    # https://gist.github.com/itpropro/b26130e5b7d9542ef4d5).
    # What it shows for other arguments is not documented: the simulated host refuses them.
    if len(argv) != 2 or argv[0].lower() != "localhost":
        raise CommandRejected(
            f"vmconnect.exe got the arguments {argv!r}; the simulated host models only 'localhost' and one VM name.",
            detail="SimulationGap",
        )
    vms = call.host.find_vms(argv[1])
    if len(vms) != 1:
        raise CommandRejected(
            f"vmconnect.exe got the VM name {argv[1]!r}, which names no single VM here; what "
            "Virtual Machine Connection shows then is not documented.",
            detail="SimulationGap",
        )
    call.host.consoles.append(vms[0].name)
    return []


# HKCU's RunOnce key, as NestWiz writes it (core.host.remedies.RUN_ONCE_KEY).
RUN_ONCE_KEY = "hkcu:\\software\\microsoft\\windows\\currentversion\\runonce"


@cmdlet("New-ItemProperty", "Path Name Value PropertyType Force")
def new_item_property(call: Call) -> list[Any]:
    """Only the RunOnce entry NestWiz writes before a restart of this computer; other keys are not modelled."""
    if str(call.get("Path")).lower() != RUN_ONCE_KEY or str(call.get("PropertyType", "String")) != "String":
        raise CommandRejected(
            "The simulated host models only a string value under HKCU's RunOnce key.", detail="SimulationGap"
        )
    call.host.run_once[str(call.get("Name"))] = str(call.get("Value"))
    # The new property, by its name (PowerShell-Docs reference/5.1/Microsoft.PowerShell.Management/
    # New-ItemProperty.md, example 1); the PS* properties it also shows are not modelled.
    return [{str(call.get("Name")): str(call.get("Value"))}]
