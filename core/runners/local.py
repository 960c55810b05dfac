"""The local runner: Windows PowerShell on this computer, through a fixed wrapper script that speaks JSON lines."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import locale
import logging
import os
import re
import shutil
import signal
import sys
import time
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.commands import Runnable
from core.errors import RunnerCrashed, RunnerUnavailable
from core.paths import resource
from core.reference import Reference
from core.results import Record, Result
from core.runners import wire
from core.runners.base import RecordSink, Runner

log = logging.getLogger(__name__)

WRAPPER = "NestWiz-Invoke.ps1"
POWERSHELL_ARGS = ("-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File")
MAX_RECORD_BYTES = 64 * 1024 * 1024
_STDERR_KEEP = 64 * 1024
_STRAY_KEEP = 20
# subprocess.CREATE_NO_WINDOW and CREATE_NEW_PROCESS_GROUP, which exist only on Windows builds of Python.
_CREATE_NO_WINDOW = 0x08000000
_CREATE_NEW_PROCESS_GROUP = 0x00000200
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# How powershell.exe -File reports a script refused by the execution policy (here: one set by Group Policy,
# which overrides -ExecutionPolicy Bypass). The message is localized; the error ID is not: PSSecurityException's
# ErrorRecord is "UnauthorizedAccess", category SecurityError (PowerShell/PowerShell
# src/System.Management.Automation/engine/MshSecurityException.cs), and the console host prints it as
# "+ CategoryInfo : SecurityError: (:) [], ParentContainsErrorRecordException" and
# "+ FullyQualifiedErrorId : UnauthorizedAccess" (`powershell -ExecutionPolicy Bypass -File` output quoted in
# https://github.com/winsw/winsw/issues/931).
_POLICY_REFUSAL = re.compile(r"^\s*\+\s*FullyQualifiedErrorId\s*:\s*UnauthorizedAccess\s*$", re.MULTILINE)


def console_encoding() -> str:
    """The encoding powershell.exe writes its stderr in: its console's code page, not UTF-8.

    The child gets a console of its own (CREATE_NO_WINDOW), whose code page is the OEM code page unless changed
    (https://learn.microsoft.com/windows/console/console-code-pages); .NET's Console encodes stderr with it even
    when redirected. Off Windows (the tests' stand-in) the locale's encoding stands in for it.
    """
    if sys.platform == "win32":
        import ctypes

        code_page = int(ctypes.windll.kernel32.GetOEMCP())
        try:
            return codecs.lookup(f"cp{code_page}").name
        except LookupError:
            return "mbcs"
    return locale.getpreferredencoding(False)


def default_powershell() -> Path | None:
    """Windows PowerShell 5.1 by its full path (not PATH), so a stray powershell.exe cannot stand in."""
    if sys.platform == "win32":
        root = Path(os.environ.get("SYSTEMROOT", r"C:\Windows"))
        # A 32-bit process on 64-bit Windows sees SysWOW64 through System32; Sysnative is the real one.
        system = root / "Sysnative" if (root / "Sysnative").is_dir() else root / "System32"
        candidate = system / "WindowsPowerShell" / "v1.0" / "powershell.exe"
        return candidate if candidate.is_file() else None
    found = shutil.which("powershell")
    return Path(found) if found else None


@dataclass(eq=False)
class _Process:
    """One running powershell.exe with the wrapper, and what it said on stderr or outside the protocol."""

    proc: asyncio.subprocess.Process
    started: float
    stderr: deque[bytes] = field(default_factory=deque)
    stderr_size: int = 0
    stray: deque[str] = field(default_factory=lambda: deque(maxlen=_STRAY_KEEP))
    stderr_task: asyncio.Task[None] | None = None
    calls: int = 0
    stderr_encoding: str = "utf-8"

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None

    def diagnostics(self) -> str:
        parts = []
        err = b"".join(self.stderr).decode(self.stderr_encoding, errors="replace").strip()
        if err:
            parts.append("stderr:\n" + err)
        if self.stray:
            parts.append("stdout outside the protocol:\n" + "\n".join(self.stray))
        return "\n".join(parts)


class LocalRunner(Runner):
    """Runs commands in Windows PowerShell (powershell.exe) on this computer.

    `executable` is the program to start: a path, or a command prefix such as [python, stand-in.py]
    (the PowerShell arguments and the wrapper path are appended). With `reuse_process` (the default,
    chosen by measurement: see bench/bench_runners.py) one PowerShell process serves call after call and
    up to `idle_processes` are kept between calls; without it each call starts and ends its own process.
    `depth` is how many levels of nested objects an output object keeps as dicts; deeper ones arrive as
    `wire.Truncated` text. A call that is cancelled or times out kills its process tree. `stderr_encoding`
    is how powershell.exe's stderr is decoded (default: `console_encoding()`).
    """

    kind = "local"

    def __init__(
        self,
        executable: str | os.PathLike[str] | Sequence[str] | None = None,
        *,
        reuse_process: bool = True,
        idle_processes: int = 1,
        depth: int = 2,
        scripts_dir: Path | None = None,
        env: dict[str, str] | None = None,
        reference: Reference | None = None,
        stderr_encoding: str | None = None,
    ) -> None:
        super().__init__(reference)
        self.stderr_encoding = stderr_encoding or console_encoding()
        self.label = "This computer"
        self._executable = executable
        self.reuse_process = reuse_process
        self.idle_processes = max(0, idle_processes)
        self.depth = depth
        self.wrapper = (scripts_dir or resource("scripts")) / WRAPPER
        self.env = env
        self._idle: list[_Process] = []
        self._busy: set[_Process] = set()
        self._reapers: set[asyncio.Task[None]] = set()
        self.processes_started = 0
        self._closed = False

    @property
    def pids(self) -> list[int]:
        """Process ids of the PowerShell processes this runner holds (running a call or idle)."""
        return [p.proc.pid for p in (*self._busy, *self._idle) if p.alive]

    # ------------------------------------------------------------------ process lifecycle
    def command_line(self) -> list[str]:
        exe = self._executable
        if exe is None:
            found = default_powershell()
            if found is None:
                raise RunnerUnavailable(
                    "Windows PowerShell (powershell.exe) was not found on this computer, so NestWiz cannot "
                    "run commands here. Choose a remote host or the simulated host instead.",
                    detail="default_powershell() found nothing",
                )
            prefix = [str(found)]
        elif isinstance(exe, str | os.PathLike):
            prefix = [os.fspath(exe)]
        else:
            prefix = [str(part) for part in exe]
        return [*prefix, *POWERSHELL_ARGS, str(self.wrapper)]

    async def _spawn(self) -> _Process:
        argv = self.command_line()
        kwargs: dict[str, Any] = {}
        if sys.platform == "win32":
            kwargs["creationflags"] = _CREATE_NO_WINDOW | _CREATE_NEW_PROCESS_GROUP
        else:
            kwargs["start_new_session"] = True  # its own process group, so a kill takes its children too
        try:
            proc = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                limit=MAX_RECORD_BYTES,
                env=self.env,
                **kwargs,
            )
        except FileNotFoundError as exc:
            raise RunnerUnavailable(
                f"Windows PowerShell could not be started: {argv[0]} does not exist.", detail=str(exc)
            ) from None
        except PermissionError as exc:
            raise RunnerUnavailable(
                f"Windows PowerShell could not be started: {argv[0]} may not be run by this user.",
                detail=str(exc),
            ) from None
        except OSError as exc:
            raise RunnerUnavailable(
                f"Windows PowerShell could not be started ({exc.strerror or exc}).", detail=repr(exc)
            ) from None
        self.processes_started += 1
        process = _Process(proc, time.perf_counter(), stderr_encoding=self.stderr_encoding)
        process.stderr_task = asyncio.create_task(self._drain_stderr(process))
        return process

    @staticmethod
    async def _drain_stderr(process: _Process) -> None:
        stream = process.proc.stderr
        assert stream is not None
        while chunk := await stream.read(65536):
            process.stderr.append(chunk)
            process.stderr_size += len(chunk)
            while process.stderr_size > _STDERR_KEEP and len(process.stderr) > 1:
                process.stderr_size -= len(process.stderr.popleft())

    async def start(self) -> None:
        """Start a PowerShell process ahead of the first call (reuse mode), so that call does not wait for it."""
        if self.reuse_process and not self._idle and not self._closed:
            self._idle.append(await self._spawn())

    async def _acquire(self) -> _Process:
        while self._idle:
            process = self._idle.pop()
            if process.alive:
                return process
            self._reap(process)
        return await self._spawn()

    def _release(self, process: _Process) -> None:
        if self.reuse_process and process.alive and not self._closed and len(self._idle) < self.idle_processes:
            self._idle.append(process)
        else:
            self._reap(process, graceful=True)

    def _reap(self, process: _Process, *, graceful: bool = False) -> None:
        task = asyncio.create_task(self._finish(process, graceful=graceful))
        self._reapers.add(task)
        task.add_done_callback(self._reapers.discard)

    async def _finish(self, process: _Process, *, graceful: bool) -> None:
        """End a process: let it leave on its own after stdin closes, else kill its whole tree."""
        stdin = process.proc.stdin
        if stdin is not None and not stdin.is_closing():
            stdin.close()
        if graceful and process.alive:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.proc.wait(), 2.0)
        await self._kill_tree(process)

    async def _kill_tree(self, process: _Process) -> None:
        proc = process.proc
        if sys.platform == "win32":
            if proc.returncode is None:
                with contextlib.suppress(OSError):
                    killer = await asyncio.create_subprocess_exec(
                        "taskkill",
                        "/T",
                        "/F",
                        "/PID",
                        str(proc.pid),
                        stdin=asyncio.subprocess.DEVNULL,
                        stdout=asyncio.subprocess.DEVNULL,
                        stderr=asyncio.subprocess.DEVNULL,
                        creationflags=_CREATE_NO_WINDOW,
                    )
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(killer.wait(), 10.0)
        else:
            # The group outlives its leader while children remain, so kill it even after the leader exited.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        await proc.wait()
        if process.stderr_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await process.stderr_task

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for process in idle:
            self._reap(process, graceful=True)
        while self._reapers:
            await asyncio.gather(*list(self._reapers), return_exceptions=True)

    # ------------------------------------------------------------------ one call
    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:
        if self._closed:
            raise RunnerUnavailable("This runner has been closed.", detail=self.label)
        request_id = uuid.uuid4().hex[:12]
        line = json.dumps(wire.encode_request(runnable, request_id, self.depth), ensure_ascii=True)
        payload = line.encode("ascii") + b"\n"
        process = await self._acquire()
        self._busy.add(process)
        try:
            await self._send(process, payload, runnable)
            result = await self._collect(process, runnable, request_id, on_record)
        except BaseException:
            # Cancelled, timed out or broken: the process may still be running the command; end it all.
            self._busy.discard(process)
            await asyncio.shield(self._kill_tree(process))
            raise
        self._busy.discard(process)
        process.calls += 1
        self._release(process)
        return result

    async def _send(self, process: _Process, payload: bytes, runnable: Runnable) -> None:
        stdin = process.proc.stdin
        assert stdin is not None
        try:
            stdin.write(payload)
            await stdin.drain()
            if not self.reuse_process:
                stdin.close()
        except (BrokenPipeError, ConnectionResetError) as exc:
            await process.proc.wait()
            raise self._crashed(process, runnable, f"it closed its input ({exc})") from None

    def _crashed(self, process: _Process, runnable: Runnable, how: str) -> RunnerCrashed | RunnerUnavailable:
        diagnostics = process.diagnostics()
        if _POLICY_REFUSAL.search(diagnostics):
            return RunnerUnavailable(
                "Windows PowerShell refuses to run NestWiz's script on this computer: an execution policy set "
                "by Group Policy overrides NestWiz's own. Ask an administrator, or use a remote host.",
                detail=diagnostics,
            )
        code = process.proc.returncode
        exit_text = f" (exit code {code})" if code is not None else ""
        return RunnerCrashed(
            f"Windows PowerShell stopped unexpectedly{exit_text} while running '{runnable.name}': {how}.",
            detail=diagnostics,
        )

    async def _collect(
        self, process: _Process, runnable: Runnable, request_id: str, on_record: RecordSink | None
    ) -> Result:
        result = Result(runnable)
        stdout = process.proc.stdout
        assert stdout is not None
        undecodable = 0

        def emit(record: Record) -> None:
            result.add(record)
            if on_record is not None:
                on_record(record)

        while True:
            try:
                raw = await stdout.readline()
            except (ValueError, asyncio.LimitOverrunError):
                raise RunnerCrashed(
                    f"Windows PowerShell sent a single record larger than {MAX_RECORD_BYTES // 2**20} MiB "
                    f"for '{runnable.name}'; select fewer properties or objects.",
                    detail=process.diagnostics(),
                ) from None
            if not raw:
                await process.proc.wait()
                if process.stderr_task is not None:
                    await process.stderr_task
                raise self._crashed(process, runnable, "its answer ended before the end of the results")
            text, bad = _decode(raw)
            undecodable += bad
            message = _parse(text)
            if message is None:
                if text.strip():
                    process.stray.append(text.rstrip("\r\n")[:500])
                    log.warning("PowerShell wrote outside the protocol: %.200s", text.rstrip())
                continue
            kind, value, message_id = message
            if kind == "ready":
                _check_ready(value, process, runnable)
                continue
            if message_id not in (request_id, ""):
                log.warning("Ignored a PowerShell record for another request (%s)", message_id)
                continue
            if kind == "end":
                result.failed = bool(value.get("failed")) if isinstance(value, dict) else True
                break
            record = _record(kind, value)
            if record is None:
                log.warning("Ignored a PowerShell record of unknown kind %r", kind)
                continue
            emit(record)
        if undecodable:
            log.warning("%d bytes from PowerShell were not UTF-8 (%s)", undecodable, runnable.name)
            emit(
                Record(
                    "warning",
                    f"NestWiz: {undecodable} byte(s) of PowerShell's answer were not valid UTF-8 and were "
                    "replaced by \ufffd.",
                )
            )
        cut = wire.truncated_paths(result.output)
        if cut:
            log.info("Output of %s was cut at depth %d at %s", runnable.name, self.depth, ", ".join(cut[:5]))
        return result


def _decode(raw: bytes) -> tuple[str, int]:
    """Text of a line; bytes that are not UTF-8 become U+FFFD and are counted instead of raising."""
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="surrogateescape")
        bad = len(_ESCAPED_BYTE.findall(text))
        return _ESCAPED_BYTE.sub("\ufffd", text), bad


def _parse(text: str) -> tuple[str, Any, str] | None:
    stripped = text.strip()
    if not stripped.startswith("{"):
        return None
    try:
        message = json.loads(stripped)
    except ValueError:
        return None
    if not isinstance(message, dict) or not isinstance(message.get("k"), str):
        return None
    return message["k"], message.get("v"), str(message.get("id") or "")


def _check_ready(value: Any, process: _Process, runnable: Runnable) -> None:
    protocol = value.get("protocol") if isinstance(value, dict) else None
    if protocol != wire.PROTOCOL:
        raise RunnerCrashed(
            f"The PowerShell wrapper speaks protocol {protocol!r}, NestWiz expects {wire.PROTOCOL}; "
            "the installation is inconsistent.",
            detail=f"{runnable.name}: {value!r}\n{process.diagnostics()}",
        )


def _record(kind: str, value: Any) -> Record | None:
    if kind == "output":
        return Record("output", wire.from_json(value))
    if kind == "error":
        return Record("error", wire.error_from_json(value))
    if kind == "progress":
        return Record("progress", wire.progress_from_json(value))
    if kind in ("warning", "verbose", "information"):
        return Record(kind, "" if value is None else str(value))
    return None


__all__ = ["MAX_RECORD_BYTES", "POWERSHELL_ARGS", "WRAPPER", "LocalRunner", "console_encoding", "default_powershell"]
