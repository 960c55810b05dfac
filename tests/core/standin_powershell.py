"""A stand-in for powershell.exe running NestWiz-Invoke.ps1: the same JSON-lines protocol, answered in Python.

Started by the tests as the local runner's executable: [python, this file, options...] followed by the
arguments LocalRunner gives powershell.exe (ignored). Options:
  --profile NAME   answer every request on a simulated host (core.sim) made from that profile; its
                   state lives as long as the process, as a real PowerShell session's would
  --policy-refusal CODEC
                   refuse to start as powershell.exe -File does when Group Policy's execution policy forbids the
                   script: a localized (French) message and the error record's ID lines on stderr, encoded in
                   CODEC (a console code page such as cp850), exit code 1, no protocol at all
  (none)           canned behaviours, chosen by the command:

  Write-Output -InputObject v         outputs v
  Get-Credential -Credential c        outputs {"UserName", "PasswordLength"} of the PSCredential received
  Write-Error -Message m              an error record; with -ErrorAction Stop the pipeline fails
  Write-Warning / Write-Verbose -Message m, Write-Information -MessageData m, Write-Progress ...
                                      one record of that stream
  Get-Random -Count n                 n MiB of output: strings of 64 KiB, then one object of 1 MiB
  Get-Content -Path p                 a record with bytes that are not UTF-8, then "after"
  Stop-Process -Id n                  one output, then exit code n without ending the results (a crash)
  Get-Host                            text that is not the protocol, then exit 0 (garbage)
  Write-Host -Object t                t written raw to stdout, then a normal end
  Start-Sleep -Seconds n              starts a child process, reports "child <pid>" (verbose), sleeps n s
  Script Standin-Streams.ps1          records of every stream, interleaved
  anything else                       "The term ... is not recognized" (a failed pipeline)
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TEST_SPEED = 100_000.0
_OUT = sys.stdout.buffer


def write(record_id: str, kind: str, value: Any) -> None:
    line = json.dumps({"id": record_id, "k": kind, "v": value}, ensure_ascii=False, separators=(",", ":"))
    _OUT.write(line.encode("utf-8") + b"\n")
    _OUT.flush()


# ------------------------------------------------------------------ values, as the wrapper decodes them
def decode(value: Any) -> Any:
    from core.commands import Credential, Hashtable, ScriptBlock

    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        tag = value.get("__nw")
        if tag == "hashtable":
            return Hashtable((str(k), decode(v)) for k, v in value["items"])
        if tag == "credential":
            return Credential(value["user"], value["password"])
        if tag == "scriptblock":
            return ScriptBlock(value["text"])
        if tag == "bytes":
            return base64.b64decode(value["base64"])
        raise ValueError(f"NestWiz-Invoke: unknown value tag '{tag}'.")
    return value


def runnable_of(request: dict[str, Any]) -> Any:
    from core.commands import Command, Pipeline, Script

    if request.get("script"):
        return Script(request["script"], tuple((k, decode(v)) for k, v in request.get("params", [])))
    commands = tuple(
        Command(c["name"], tuple((k, decode(v)) for k, v in c.get("params", []))) for c in request["commands"]
    )
    return commands[0] if len(commands) == 1 else Pipeline(commands)


# ------------------------------------------------------------------ output, as the wrapper encodes it
def encode(value: Any, depth: int) -> Any:
    """Plain data as Windows PowerShell 5.1's ConvertTo-Json writes it after the wrapper's conversion."""
    from core.commands import Credential, Hashtable, ScriptBlock

    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return f"/Date({int(value.timestamp() * 1000)})/"
    if isinstance(value, dt.timedelta):
        ticks = int(value / dt.timedelta(microseconds=1)) * 10
        return {
            "Ticks": ticks,
            "Days": value.days,
            "Hours": value.seconds // 3600,
            "Milliseconds": value.microseconds // 1000,
            "Minutes": value.seconds // 60 % 60,
            "Seconds": value.seconds % 60,
            "TotalDays": ticks / 864e9,
            "TotalHours": ticks / 36e9,
            "TotalMilliseconds": ticks / 1e4,
            "TotalMinutes": ticks / 6e8,
            "TotalSeconds": ticks / 1e7,
        }
    if isinstance(value, bytes):
        return {"__nw": "bytes", "base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Credential):
        return {"UserName": value.user, "PasswordLength": len(value.password)}
    if isinstance(value, ScriptBlock):
        return value.text
    if isinstance(value, Hashtable):
        value = value.as_dict()
    if isinstance(value, dict):
        if depth < 0:
            return {"__nw": "truncated", "text": "System.Collections.Hashtable"}
        return {str(k): encode(v, depth - 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode(v, depth) for v in value]
    if hasattr(value, "value") and hasattr(value, "name"):  # an enum, by name as the wrapper sends it
        return str(value.name)
    return str(value)


def encode_error(record: Any) -> dict[str, Any]:
    return {
        "message": record.message,
        "error_id": record.error_id,
        "category": record.category,
        "target": record.target,
        "exception_type": record.exception_type,
    }


# ------------------------------------------------------------------ canned behaviours
def canned(request: dict[str, Any]) -> tuple[str, bool]:
    rid = request["id"]
    runnable = runnable_of(request)
    depth = int(request.get("depth", 2))
    if getattr(runnable, "commands", None) is None:  # a Script
        if runnable.name == "Standin-Streams.ps1":
            write(rid, "verbose", "starting")
            write(rid, "output", 1)
            write(rid, "warning", "careful")
            write(
                rid,
                "progress",
                {"activity": "Copying", "status": "half", "percent": 50, "activity_id": 3, "completed": False},
            )
            write(rid, "information", "note")
            write(
                rid,
                "error",
                {
                    "message": "one failed",
                    "error_id": "Standin.Failed",
                    "category": "InvalidOperation",
                    "target": "x",
                    "exception_type": "System.Exception",
                },
            )
            write(rid, "output", 2)
            return "Completed", False
        return failed(rid, f"There is no fixed script named '{runnable.name}'.")
    command = runnable.commands[0] if len(runnable.commands) == 1 else runnable.commands[-1]
    name, params = command.name.lower(), {k.lower(): v for k, v in command.params}
    if name == "write-output":
        value = params.get("inputobject")
        for item in value if isinstance(value, tuple) else (value,):
            write(rid, "output", encode(item, depth))
        return "Completed", False
    if name == "get-credential":
        write(rid, "output", encode(params.get("credential"), depth))
        return "Completed", False
    if name == "write-error":
        error = {
            "message": params.get("message", ""),
            "error_id": "Microsoft.PowerShell.Commands.WriteErrorException",
            "category": "NotSpecified",
            "target": "",
            "exception_type": "Microsoft.PowerShell.Commands.WriteErrorException",
        }
        write(rid, "error", error)
        stop = str(params.get("erroraction", "")).lower() == "stop"
        return ("Failed", True) if stop else ("Completed", False)
    if name in ("write-warning", "write-verbose"):
        write(rid, name.split("-")[1], params.get("message", ""))
        return "Completed", False
    if name == "write-information":
        write(rid, "information", str(params.get("messagedata", "")))
        return "Completed", False
    if name == "write-progress":
        write(
            rid,
            "progress",
            {
                "activity": params.get("activity", ""),
                "status": params.get("status", ""),
                "percent": params.get("percentcomplete", -1),
                "activity_id": params.get("id", 0),
                "completed": bool(params.get("completed")),
            },
        )
        return "Completed", False
    if name == "get-random":
        chunk = "x" * 65536
        for _ in range(int(params.get("count", 1)) * 16):
            write(rid, "output", chunk)
        write(rid, "output", {"Name": "big", "Data": "y" * 2**20})
        return "Completed", False
    if name == "get-content":
        _OUT.write(b'{"id":"' + rid.encode() + b'","k":"output","v":"caf\xe9 \xff end"}\n')
        _OUT.flush()
        write(rid, "output", "after")
        return "Completed", False
    if name == "stop-process":
        write(rid, "output", "partial")
        sys.stderr.write("Unhandled exception: the stand-in crashed on purpose.\n")
        sys.stderr.flush()
        os._exit(int(params.get("id", 1)))
    if name == "get-host":
        _OUT.write(b"this is not JSON\n\x00\x01 neither is this\n")
        _OUT.flush()
        os._exit(0)
    if name == "write-host":
        _OUT.write(str(params.get("object", "")).encode("utf-8") + b"\n")
        _OUT.flush()
        write(rid, "output", "done")
        return "Completed", False
    if name == "start-sleep":
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        write(rid, "verbose", f"child {child.pid}")
        time.sleep(float(params.get("seconds", 600)))
        child.kill()
        child.wait()
        write(rid, "output", "slept")
        return "Completed", False
    return failed(
        rid,
        f"The term '{command.name}' is not recognized as the name of a cmdlet, function, "
        "script file, or operable program.",
        "CommandNotFoundException",
    )


def failed(rid: str, message: str, error_id: str = "Standin.Failed") -> tuple[str, bool]:
    write(
        rid,
        "error",
        {
            "message": message,
            "error_id": error_id,
            "category": "ObjectNotFound",
            "target": "",
            "exception_type": "System.Management.Automation.RuntimeException",
        },
    )
    return "Failed", True


# ------------------------------------------------------------------ the simulated host
class Simulated:
    def __init__(self, profile: str) -> None:
        from core.clock import ScaledClock
        from core.sim.host import SimHost

        self.host = SimHost.from_profile(profile, clock=ScaledClock(TEST_SPEED))
        self.loop = asyncio.new_event_loop()

    def __call__(self, request: dict[str, Any]) -> tuple[str, bool]:
        from core.results import Record

        rid = request["id"]
        depth = int(request.get("depth", 2))

        def sink(record: Record) -> None:
            if record.kind == "output":
                write(rid, "output", encode(record.value, depth))
            elif record.kind == "error":
                write(rid, "error", encode_error(record.value))
            elif record.kind == "progress":
                p = record.value
                write(
                    rid,
                    "progress",
                    {
                        "activity": p.activity,
                        "status": p.status,
                        "percent": p.percent,
                        "activity_id": p.activity_id,
                        "completed": False,
                    },
                )
            else:
                write(rid, record.kind, str(record.value))

        result = self.loop.run_until_complete(self.host.execute(runnable_of(request), sink))
        return ("Failed", True) if result.failed else ("Completed", False)


# The shape of powershell.exe -File's report (https://github.com/winsw/winsw/issues/931); the first line is the
# localized message (its wording here is illustrative), the ID lines are not localized (the ErrorRecord of
# PowerShell/PowerShell src/System.Management.Automation/engine/MshSecurityException.cs).
POLICY_REFUSAL_FR = (
    "Impossible de charger le fichier {path}, car l'exécution de scripts est désactivée sur ce système. "
    "Pour plus d'informations, consultez about_Execution_Policies à l'adresse "
    "https:/go.microsoft.com/fwlink/?LinkID=135170.\r\n"
    "    + CategoryInfo          : SecurityError : (:) [], ParentContainsErrorRecordException\r\n"
    "    + FullyQualifiedErrorId : UnauthorizedAccess\r\n"
)


def main(argv: list[str]) -> int:
    handler: Any = canned
    if "--policy-refusal" in argv:
        codec = argv[argv.index("--policy-refusal") + 1]
        wrapper = next((a for a in argv if a.lower().endswith(".ps1")), "NestWiz-Invoke.ps1")
        sys.stderr.buffer.write(POLICY_REFUSAL_FR.format(path=wrapper).encode(codec))
        sys.stderr.buffer.flush()
        return 1
    if "--profile" in argv:
        handler = Simulated(argv[argv.index("--profile") + 1])
    write("", "ready", {"protocol": 1, "version": "5.1.standin", "pid": os.getpid()})
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        rid = ""
        try:
            request = json.loads(line)
            rid = str(request.get("id", ""))
            state, is_failed = handler(request)
        except Exception as exc:
            state, is_failed = failed(rid, f"{type(exc).__name__}: {exc}")
        write(rid, "end", {"state": state, "failed": is_failed})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
