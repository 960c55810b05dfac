"""The remote runner: a Hyper-V host over WinRM with pypsrp, one runspace pool per host in one worker thread."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import logging
import os
import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from core.commands import Command, Credential, Hashtable, Pipeline, Runnable, Script, ScriptBlock, Variable
from core.errors import (
    AuthenticationFailed,
    CertificateRejected,
    CommandRejected,
    ConnectionLost,
    HostUnreachable,
    NestWizError,
    RunnerError,
    RunnerUnavailable,
    TimedOut,
)
from core.paths import resource
from core.redact import register_secret
from core.reference import Reference
from core.results import Record, Result
from core.runners import wire
from core.runners.base import RecordSink, Runner

log = logging.getLogger(__name__)

AUTH_METHODS = ("negotiate", "kerberos", "ntlm", "credssp", "basic", "certificate")
AUTH_NAMES = {
    "negotiate": "Negotiate",
    "kerberos": "Kerberos",
    "ntlm": "NTLM",
    "credssp": "CredSSP",
    "basic": "Basic",
    "certificate": "Certificate",
}
PIPELINE_SHIM = "NestWiz-Pipeline.ps1"
_MESSAGE_ENCRYPTION = frozenset({"negotiate", "kerberos", "ntlm", "credssp"})
_FAULT_ACCESS_DENIED = 5
_FAULT_OPERATION_TIMEOUT = 0x80338029
_FAULT_SHELL_NOT_FOUND = 0x8033805B
_DURATION = re.compile(r"^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


@dataclass(frozen=True)
class ConnectionSettings:
    """How to reach a Hyper-V host over WinRM. The password never appears in a repr or a log.

    HTTPS (port 5986) with certificate checks is the default; `ca_file` (a PEM file's path) adds the CA
    that issued the host's certificate, `verify=False` skips the checks (the user's explicit choice).
    Certificate authentication takes the paths of the client certificate and its key (PEM). Plain HTTP (5985)
    is allowed only with an authentication that encrypts every message (Negotiate, Kerberos, NTLM,
    CredSSP); Basic and certificate authentication require HTTPS. Times are in seconds.
    """

    host: str
    user: str = ""
    password: str = field(default="", repr=False)
    port: int | None = None
    https: bool = True
    auth: str = "negotiate"
    ca_file: str | None = None
    verify: bool = True
    certificate_pem: str | None = None
    certificate_key_pem: str | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    operation_timeout: int = 20
    poll_interval: float = 1.0
    idle_recycle: float = 1800.0
    use_proxy: bool = False
    configuration_name: str = "Microsoft.PowerShell"

    def __post_init__(self) -> None:
        register_secret(self.password)

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else (5986 if self.https else 5985)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.effective_port}"

    def problem(self) -> str | None:
        """Why these settings cannot be used, in a sentence for people; None when they can."""
        if not self.host.strip():
            return "Enter the name or address of the Hyper-V host."
        if self.auth not in AUTH_METHODS:
            return f"Unknown authentication '{self.auth}'; use one of {', '.join(AUTH_METHODS)}."
        if not self.https and self.auth not in _MESSAGE_ENCRYPTION:
            return (
                f"{AUTH_NAMES[self.auth]} authentication over plain HTTP would send the password and every "
                "command readable on the network. Use HTTPS, or Negotiate, Kerberos or CredSSP, which "
                "encrypt each message."
            )
        if self.auth == "certificate":
            if not (self.certificate_pem and self.certificate_key_pem):
                return "Certificate authentication needs the client certificate and its key (PEM files)."
            for path in (self.certificate_pem, self.certificate_key_pem):
                if "-----BEGIN" in path:
                    return "Give the paths of the client certificate and key files, not their contents."
                if not os.path.isfile(path):
                    return f"The file {path} does not exist."
        if self.auth in ("basic", "credssp") and not (self.user and self.password):
            return f"{AUTH_NAMES[self.auth]} authentication needs a user name and a password."
        if self.auth == "basic" and not _latin1(self.user + self.password):
            return (
                "Basic authentication cannot carry characters beyond Latin-1 in the user name or password; "
                "use Negotiate or CredSSP."
            )
        if not 1 <= self.effective_port <= 65535:
            return f"{self.effective_port} is not a TCP port."
        if self.read_timeout <= self.operation_timeout:
            return "The read timeout must be longer than the operation timeout."
        return None


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


# ------------------------------------------------------------------ values to PSRP


def _tagged(tag: str, value: Any) -> Any:
    from pypsrp.serializer import TaggedValue

    return TaggedValue(tag, value)


def to_psrp(value: Any) -> Any:
    """A parameter value as pypsrp serializes it faithfully: Int32/Int64 by range, Double, lists, hashtables."""
    from pypsrp.complex_objects import PSCredential

    if value is None or isinstance(value, bool | str | bytes):
        return value
    if isinstance(value, int):
        return _tagged("I32" if -(2**31) <= value < 2**31 else "I64", value)
    if isinstance(value, float):
        return _tagged("Db", value)
    if isinstance(value, Hashtable):
        return {str(k): to_psrp(v) for k, v in value}
    if isinstance(value, tuple | list):
        return [to_psrp(v) for v in value]
    if isinstance(value, Credential):
        return PSCredential(username=value.user, password=value.password)  # type: ignore[no-untyped-call]
    if isinstance(value, ScriptBlock):
        return value.text  # only inside the pipeline shim, which makes it a ScriptBlock again
    if isinstance(value, Variable):
        raise CommandRejected(
            f"${value.name} is a variable of an exported script; a runner needs the value itself.",
            detail=f"Variable {value.name!r} passed to the remote runner",
        )
    raise CommandRejected(f"A {type(value).__name__} value cannot be sent to PowerShell.", detail=repr(value))


def _has_credential(value: Any) -> bool:
    if isinstance(value, Credential):
        return True
    if isinstance(value, tuple):  # a Hashtable is a tuple of pairs, so this covers it too
        return any(_has_credential(v) for v in value)
    return False


@cache
def _script_text(name: str) -> str:
    return resource("scripts", name).read_text(encoding="utf-8")


def _commands(runnable: Runnable) -> tuple[Command, ...]:
    return runnable.commands if isinstance(runnable, Pipeline) else (runnable,) if isinstance(runnable, Command) else ()


def _needs_shim(runnable: Runnable) -> bool:
    return any(isinstance(v, ScriptBlock) for c in _commands(runnable) for _, v in c.params)


def build(ps: Any, runnable: Runnable) -> None:
    """Add a runnable to a pypsrp PowerShell: cmdlets with parameters, or a fixed script's text with its."""
    if isinstance(runnable, Script):
        # In a local scope, so a script's variables do not outlive the call in the reused runspace pool.
        ps.add_script(_script_text(runnable.name), use_local_scope=True)
        for name, value in runnable.params:
            ps.add_parameter(name, to_psrp(value))
        return
    if _needs_shim(runnable):
        stages = [
            Hashtable(
                (
                    ("Name", c.name),
                    ("Parameters", Hashtable(c.params)),
                    ("ScriptBlocks", tuple(k for k, v in c.params if isinstance(v, ScriptBlock))),
                )
            )
            for c in _commands(runnable)
        ]
        ps.add_script(_script_text(PIPELINE_SHIM), use_local_scope=True)
        ps.add_parameter("Stages", to_psrp(tuple(stages)))
        return
    for command in _commands(runnable):
        ps.add_cmdlet(command.name)
        for name, value in command.params:
            ps.add_parameter(name, to_psrp(value))


# ------------------------------------------------------------------ results from PSRP


def _parse_duration(text: str) -> dt.timedelta | str:
    match = _DURATION.match(text.strip())
    if not match:
        return text
    sign, days, hours, minutes, seconds = match.groups()
    span = dt.timedelta(
        days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0), seconds=float(seconds or 0)
    )
    return -span if sign else span


def _parse_datetime(text: str) -> dt.datetime | str:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return text


def _plain_serializer() -> Any:
    """pypsrp's serializer, with DateTime, TimeSpan and Decimal read as Python values instead of raw text."""
    from pypsrp.serializer import Serializer

    class PlainSerializer(Serializer):
        def deserialize(self, element: Any, metadata: Any = None, clear: bool = True) -> Any:
            if clear:
                # A whole message: let a thread waiting for the GIL (the event loop) run before this long parse.
                time.sleep(0)
            if isinstance(element, str) and element.lstrip().startswith(("<DT", "<TS", "<D>")):
                element = ET.fromstring(element)  # a whole output object that is a bare DateTime or TimeSpan
            if isinstance(element, ET.Element) and element.text is not None:
                if element.tag == "DT":
                    return _parse_datetime(element.text)
                if element.tag == "TS":
                    return _parse_duration(element.text)
                if element.tag == "D":
                    return float(element.text)
            return super().deserialize(element, metadata, clear)

    return PlainSerializer()


# ------------------------------------------------------------------ errors


def _chain(exc: BaseException) -> str:
    parts, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"{type(current).__name__}: {current}")
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def map_error(exc: BaseException, settings: ConnectionSettings, *, connected: bool) -> NestWizError:
    """A pypsrp, requests, urllib3 or spnego exception as one of our typed errors, with a plain sentence."""
    import requests
    from pypsrp.exceptions import AuthenticationError, WinRMError, WinRMTransportError, WSManFaultError

    if isinstance(exc, NestWizError):
        return exc
    host, where, detail = settings.host, settings.address, _chain(exc)
    auth = AUTH_NAMES.get(settings.auth, settings.auth)
    text = detail.lower()
    if isinstance(exc, AuthenticationError):
        return AuthenticationFailed(
            f"{host} did not accept the user name or password ({auth} authentication).", detail=detail
        )
    if isinstance(exc, requests.exceptions.SSLError):
        if "certificate verify failed" in text or "hostname" in text or "certificate" in text:
            return CertificateRejected(
                f"The certificate of {host} is not trusted, so NestWiz did not send anything. Give the CA "
                "certificate that issued it (CA file), or check that the host name matches the certificate.",
                detail=detail,
            )
        return HostUnreachable(
            f"No secure (HTTPS) connection could be made with {where}. Is a WinRM HTTPS listener on that port?",
            detail=detail,
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return HostUnreachable(
            f"{where} did not answer within {settings.connect_timeout:g} seconds. Check the name, the network "
            "and the firewall (WinRM uses TCP 5985 and 5986).",
            detail=detail,
        )
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return TimedOut(f"{host} stopped answering (nothing for {settings.read_timeout:g} seconds).", detail=detail)
    if isinstance(exc, requests.exceptions.ConnectionError | ConnectionError):
        if connected:
            return ConnectionLost(f"The connection to {host} was lost while a command ran.", detail=detail)
        if (
            "name or service not known" in text
            or "getaddrinfo" in text
            or "nodename" in text
            or "nameresolution" in text
            or "no address associated" in text
        ):
            return HostUnreachable(
                f"The name {host} could not be found. Check its spelling or use its IP address.", detail=detail
            )
        return HostUnreachable(
            f"{where} refused the connection: WinRM does not listen there. On the host, run Enable-PSRemoting "
            "(and for HTTPS, add an HTTPS listener), or check the firewall.",
            detail=detail,
        )
    if isinstance(exc, WSManFaultError):
        code = exc.code
        if code == _FAULT_ACCESS_DENIED or "access is denied" in text:
            return AuthenticationFailed(
                f"{host} denied access to this user. It must be an administrator (or in Hyper-V Administrators "
                "and Remote Management Users) on the host.",
                detail=detail,
            )
        if code == _FAULT_OPERATION_TIMEOUT:
            return TimedOut(f"{host} did not complete an operation in time.", detail=detail)
        if code == _FAULT_SHELL_NOT_FOUND:
            return ConnectionLost(
                f"The session on {host} has ended (it was idle too long or WinRM restarted).", detail=detail
            )
        return RunnerError(f"{host} refused the request: {exc.reason or exc}", detail=detail)
    if isinstance(exc, WinRMTransportError):
        if exc.code == 404:
            return HostUnreachable(f"{where} answers HTTP but has no WinRM endpoint (/wsman).", detail=detail)
        return RunnerError(f"{host} answered with HTTP error {exc.code}.", detail=detail)
    if isinstance(exc, WinRMError):
        return ConnectionLost(f"The PowerShell session with {host} ended unexpectedly.", detail=detail)
    if type(exc).__module__.startswith("spnego"):
        return AuthenticationFailed(
            f"{auth} authentication with {host} failed: {getattr(exc, 'message', None) or exc}", detail=detail
        )
    if isinstance(exc, ImportError):
        return RunnerUnavailable(
            f"{auth} authentication is not available in this installation ({exc.name or exc}).", detail=detail
        )
    if isinstance(exc, TimeoutError):
        return TimedOut(f"{host} did not answer in time.", detail=detail)
    if isinstance(exc, OSError):
        if connected:
            return ConnectionLost(f"The connection to {host} was lost: {exc.strerror or exc}.", detail=detail)
        return HostUnreachable(f"{where} could not be reached: {exc.strerror or exc}.", detail=detail)
    if isinstance(exc, ValueError):
        return RunnerUnavailable(f"The connection settings for {host} cannot be used: {exc}", detail=detail)
    return RunnerError(f"Unexpected problem talking to {host} ({type(exc).__name__}).", detail=detail)


# ------------------------------------------------------------------ the worker side (one thread)


class _Job:
    """One call, shared by the loop (which reads records) and the worker thread (which runs it)."""

    END = object()

    def __init__(self, runnable: Runnable, loop: asyncio.AbstractEventLoop) -> None:
        self.runnable = runnable
        self.loop = loop
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.cancel = threading.Event()
        self.stop_sent = False

    def post(self, item: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)


class _Session:
    """The runspace pool of one host. Used only from the runner's worker thread."""

    def __init__(self, settings: ConnectionSettings) -> None:
        self.settings = settings
        self.pool: Any = None
        self.broken = False
        self.last_used = 0.0
        self.opened = 0

    def _wsman(self) -> Any:
        from pypsrp.wsman import WSMan

        s = self.settings
        # pypsrp annotates these as int and bool, but requests takes float timeouts and a CA file path.
        kwargs: dict[str, Any] = {
            "cert_validation": (s.ca_file or True) if s.verify else False,
            "connection_timeout": s.connect_timeout,
            "read_timeout": s.read_timeout,
        }
        if s.auth == "certificate":
            kwargs.update(certificate_pem=s.certificate_pem, certificate_key_pem=s.certificate_key_pem)
        return WSMan(
            s.host,
            port=s.effective_port,
            username=s.user or None,
            password=s.password or None,
            ssl=s.https,
            auth=s.auth,
            operation_timeout=s.operation_timeout,
            encryption="auto" if s.https else "always",
            no_proxy=not s.use_proxy,
            reconnection_backoff=0.5,
            **kwargs,
        )

    def pool_for_call(self) -> Any:
        """The open pool, opened anew when there is none, it broke, or it sat idle too long."""
        from pypsrp.powershell import RunspacePool

        idle = time.monotonic() - self.last_used
        if self.pool is not None and (self.broken or idle > self.settings.idle_recycle):
            log.info(
                "Recycling the WinRM session with %s (%s)",
                self.settings.host,
                "broken" if self.broken else f"idle {idle:.0f} s",
            )
            self.discard()
        if self.pool is None:
            pool = RunspacePool(self._wsman(), configuration_name=self.settings.configuration_name)
            serializer = _plain_serializer()
            pool._serializer = serializer  # pypsrp keeps it private; DateTime/TimeSpan come back typed
            pool._fragmenter.serializer = serializer
            try:
                pool.open()
            except BaseException:
                with contextlib.suppress(Exception):
                    pool.connection.transport.close()
                raise
            self.pool, self.broken = pool, False
            self.opened += 1
            self.last_used = time.monotonic()
            log.info(
                "Opened a WinRM session with %s as %s (%s)",
                self.settings.address,
                self.settings.user or "the current user",
                self.settings.auth,
            )
        return self.pool

    def discard(self) -> None:
        pool, self.pool = self.pool, None
        if pool is None:
            return
        with contextlib.suppress(Exception):
            pool.close()
        with contextlib.suppress(Exception):
            pool.connection.transport.close()

    def invoke(self, job: _Job) -> bool:
        """Run the job; records go to the loop as they arrive. True when the pipeline failed or was stopped."""
        from pypsrp.complex_objects import PSInvocationState
        from pypsrp.exceptions import WSManFaultError
        from pypsrp.powershell import PowerShell

        connected = False
        try:
            ps = None
            for attempt in (1, 2):
                pool = self.pool_for_call()
                connected = True
                if _has_credential_in(job.runnable):
                    pool.exchange_keys()  # SecureString needs the session key
                ps = PowerShell(pool)
                build(ps, job.runnable)
                try:
                    ps.begin_invoke()
                except WSManFaultError as exc:
                    if exc.code == _FAULT_SHELL_NOT_FOUND and attempt == 1:
                        # The pool expired on the host; nothing ran, so one retry on a new pool is safe.
                        self.broken = True
                        continue
                    raise
                break
            assert ps is not None
            seen = _Seen()
            poll = self.settings.poll_interval
            poll_timeout: Any = int(poll) if poll == int(poll) else poll  # whole seconds read best in PTnS
            while ps.state == PSInvocationState.RUNNING:
                if job.cancel.is_set():
                    ps.stop()
                    job.stop_sent = True
                    break
                ps.poll_invoke(timeout=poll_timeout)
                seen.forward(ps, job)
            seen.forward(ps, job)
            self.last_used = time.monotonic()
            return bool(ps.state != PSInvocationState.COMPLETED)
        except BaseException as exc:
            mapped = map_error(exc, self.settings, connected=connected)
            if isinstance(mapped, ConnectionLost | TimedOut | RunnerError) and connected:
                self.broken = True
            if mapped is exc:
                raise
            raise mapped from None
        finally:
            job.post(_Job.END)


def _has_credential_in(runnable: Runnable) -> bool:
    commands: tuple[Command | Script, ...] = _commands(runnable) if not isinstance(runnable, Script) else (runnable,)
    return any(_has_credential(v) for c in commands for _, v in c.params)


class _Seen:
    """How much of each pypsrp stream has been forwarded already."""

    def __init__(self) -> None:
        self.counts = {"output": 0, "error": 0, "warning": 0, "verbose": 0, "information": 0, "progress": 0}

    def forward(self, ps: Any, job: _Job) -> None:
        sources = {
            "output": ps.output,
            "error": ps.streams.error,
            "warning": ps.streams.warning,
            "verbose": ps.streams.verbose,
            "information": ps.streams.information,
            "progress": ps.streams.progress,
        }
        for kind, items in sources.items():
            start = self.counts[kind]
            for item in items[start:]:
                job.post(Record(kind, _convert(kind, item)))
            self.counts[kind] = len(items)


def _convert(kind: str, item: Any) -> Any:
    if kind == "output":
        return wire.plain(item)
    if kind == "error":
        return wire.error_from_psrp(item)
    if kind == "progress":
        return wire.progress_from_psrp(item)
    if kind == "information":
        return wire.information_text(item)
    return str(getattr(item, "message", None) or item)


# ------------------------------------------------------------------ the runner (event loop side)


class RemoteRunner(Runner):
    """Runs commands on a Hyper-V host over WinRM (pypsrp), in one runspace pool kept per host.

    pypsrp is synchronous: every call to it happens in this runner's own single worker thread, so the
    event loop never blocks on the network. Output arrives as plain data (see `core.runners.wire.plain`):
    objects as dicts, enums by name, dates as datetimes. Records stream to `on_record` per stream as
    they arrive (order across different streams is kept per poll only). Cancelling a call (or its
    timeout) stops the pipeline on the host before the cancellation completes, within `stop_grace`.
    """

    kind = "remote"

    def __init__(
        self, settings: ConnectionSettings, *, reference: Reference | None = None, stop_grace: float = 10.0
    ) -> None:
        problem = settings.problem()
        if problem:
            raise RunnerUnavailable(problem, detail=repr(settings))
        super().__init__(reference)
        self.settings = settings
        self.label = settings.host
        self.stop_grace = stop_grace
        self._session = _Session(settings)
        self._executor = self._new_executor()
        self._abandoned: list[concurrent.futures.ThreadPoolExecutor] = []
        self._closed = False

    def _new_executor(self) -> concurrent.futures.ThreadPoolExecutor:
        return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.thread_name)

    @property
    def thread_name(self) -> str:
        """The name prefix of this runner's worker threads (for logs and leak checks)."""
        return f"winrm-{self.settings.host}-{id(self):x}"

    @property
    def pools_opened(self) -> int:
        return self._session.opened

    async def connect(self) -> None:
        """Open the session now (Test connection): raises the same typed errors a call would."""
        self._check_open()
        settings = self.settings

        def open_pool() -> None:
            try:
                self._session.pool_for_call()
            except BaseException as exc:
                raise map_error(exc, settings, connected=False) from None

        await asyncio.get_running_loop().run_in_executor(self._executor, open_pool)

    def _check_open(self) -> None:
        if self._closed:
            raise RunnerUnavailable("This connection has been closed.", detail=self.settings.host)

    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:
        self._check_open()
        loop = asyncio.get_running_loop()
        job = _Job(runnable, loop)
        result = Result(runnable)
        future = loop.run_in_executor(self._executor, self._session.invoke, job)
        try:
            while (item := await job.queue.get()) is not _Job.END:
                result.add(item)
                if on_record is not None:
                    on_record(item)
            result.failed = await future
        except BaseException:
            job.cancel.set()
            if not future.done():
                await self._settle(future)
            raise
        return result

    async def _settle(self, future: asyncio.Future[bool]) -> None:
        """Let the worker send the stop; if it is stuck in the network, give up on that thread and pool."""
        try:
            await asyncio.wait_for(asyncio.shield(future), self.stop_grace)
        except TimeoutError:
            log.warning(
                "The WinRM worker for %s did not stop within %g s; starting a new session",
                self.settings.host,
                self.stop_grace,
            )
            self._abandon()
        except BaseException:  # the worker's own error: the caller is already leaving with another
            return

    def _abandon(self) -> None:
        stuck, self._executor = self._executor, self._new_executor()
        stuck.shutdown(wait=False)
        self._abandoned.append(stuck)
        old = self._session
        self._session = _Session(self.settings)
        self._session.opened = old.opened
        with contextlib.suppress(Exception):
            if old.pool is not None:
                old.pool.connection.transport.close()  # breaks the stuck request's connection

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(
                loop.run_in_executor(self._executor, self._session.discard),
                self.settings.connect_timeout + self.settings.read_timeout,
            )
        for executor in (self._executor, *self._abandoned):
            executor.shutdown(wait=False)
        deadline = time.monotonic() + 30.0
        while any(t.name.startswith(self.thread_name) for t in threading.enumerate()):
            if time.monotonic() > deadline:
                log.warning("WinRM worker threads for %s are still running after close()", self.settings.host)
                break
            await asyncio.sleep(0.01)


__all__ = ["AUTH_METHODS", "ConnectionSettings", "RemoteRunner", "build", "map_error", "to_psrp"]
