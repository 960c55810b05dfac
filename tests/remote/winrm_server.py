"""A WinRM endpoint on 127.0.0.1 for tests: WS-Management by hand, PSRP by psrpcore, pipelines answered in Python.

    server = WinRMServer(CommandTable({"Get-VM": get_vm}), tls=context).start()
    ...
    server.stop()

Each pipeline a client starts goes to one callable with an `Invocation` (its commands, parameters, input
and a `PipelineWriter`); what the callable returns or yields is the pipeline's output. `CommandTable`
dispatches command by command like PowerShell's pipeline; `SimulatedHandler` runs the pipeline on a
simulated host. Authentication is Basic, or with `auth="negotiate"` NTLM inside SPNEGO (pyspnego as the
acceptor; users come from the file NTLM_USER_FILE names) with WinRM message encryption, which is then the
only thing it accepts, as a host with AllowUnencrypted=false. The server also plays failures: a 401 for wrong
credentials, `die()` drops every
connection mid-pipeline, `delays` holds back answers to chosen actions, `expire_shells()` forgets the
runspace pools as WinRM does after its idle timeout, and `signals` records every Signal (a stop is ctrl_c).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import re
import socket
import ssl
import struct
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psrpcore
import spnego
from psrpcore.types import (
    ErrorCategory,
    ErrorCategoryInfo,
    ErrorRecord,
    NETException,
    PSCredential,
    PSCustomObject,
    PSDouble,
    PSInt64,
    PSInvocationState,
    PSScriptBlock,
    PSSecureString,
)

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "wsa": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "wsman": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "wst": "http://schemas.xmlsoap.org/ws/2004/09/transfer",
    "rsp": "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
    "f": "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault",
    "pwsh": "http://schemas.microsoft.com/powershell",
}
SHELL_URI = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/"
RESOURCE_URI = "http://schemas.microsoft.com/powershell/Microsoft.PowerShell"
FAULT_OPERATION_TIMEOUT = 0x80338029  # pypsrp polls again on this one
FAULT_SHELL_NOT_FOUND = 0x8033805B
FAULT_UNSUPPORTED = 0x80338066
_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d+)?)S)?$")
_DONE = (PSInvocationState.Completed, PSInvocationState.Failed, PSInvocationState.Stopped)
BOUNDARY = b"--Encrypted Boundary"
SPNEGO_ENCRYPTED = "application/HTTP-SPNEGO-session-encrypted"


class CommandFailed(Exception):
    """Raise from a handler to end the pipeline Failed (a terminating error), as a throwing cmdlet does."""

    def __init__(
        self, message: str, error_id: str = "WinRMServer.Failed", category: ErrorCategory = ErrorCategory.NotSpecified
    ) -> None:
        super().__init__(message)
        self.error_id = error_id
        self.category = category


@dataclasses.dataclass
class Call:
    """One command of a pipeline as the server received it."""

    name: str  # the cmdlet name, or the script text when is_script
    is_script: bool
    params: dict[str, Any]
    args: list[Any]
    local_scope: bool = False


class PipelineWriter:
    """Thread-safe writes to one pipeline's streams, for handlers."""

    def __init__(self, server: WinRMServer, shell: _Shell, pipeline: psrpcore.ServerPipeline) -> None:
        self._server, self._shell, self._pipeline = server, shell, pipeline

    def _do(self, fn: Callable[..., Any], *args: Any) -> None:
        with self._server.cond:
            if self._pipeline.state == PSInvocationState.Running:
                fn(*args)
                self._shell.flush()
            self._server.cond.notify_all()

    def output(self, value: Any) -> None:
        self._do(self._pipeline.write_output, to_clixml(value))

    def error(
        self,
        message: str,
        error_id: str = "WinRMServer.Error",
        category: str | ErrorCategory = "NotSpecified",
        target: Any = None,
        exception_type: str = "",
    ) -> None:
        exception = NETException(Message=message)
        if exception_type:
            exception.PSObject.type_names.insert(0, exception_type)
        cat = category if isinstance(category, ErrorCategory) else ErrorCategory[category or "NotSpecified"]
        self._do(
            self._pipeline.write_error, exception, ErrorCategoryInfo(Category=cat, Reason=error_id), target, error_id
        )

    def warning(self, message: str) -> None:
        self._do(self._pipeline.write_warning, message)

    def verbose(self, message: str) -> None:
        self._do(self._pipeline.write_verbose, message)

    def information(self, message: str) -> None:
        self._do(self._pipeline.write_information, message, "WinRMServer")

    def progress(self, activity: str, status: str, percent: int = -1, activity_id: int = 0) -> None:
        self._do(self._pipeline.write_progress, activity, activity_id, status, None, -1, percent)

    @property
    def stopping(self) -> bool:
        return self._pipeline.state != PSInvocationState.Running

    def wait_stopped(self, timeout: float) -> bool:
        """Block until the client stops the pipeline (True) or `timeout` passes (False)."""
        with self._server.cond:
            return self._server.cond.wait_for(lambda: self.stopping, timeout)


@dataclasses.dataclass
class Invocation:
    commands: list[Call]
    input: list[Any]
    writer: PipelineWriter
    server: WinRMServer


Handler = Callable[[Invocation], Iterable[Any] | None]


class _Shell:
    def __init__(self, shell_id: str) -> None:
        self.id = shell_id
        self.pool = psrpcore.ServerRunspacePool()
        self.outbox: dict[uuid.UUID | None, bytearray] = {}
        self.pipelines: dict[uuid.UUID, psrpcore.ServerPipeline] = {}
        self.inputs: dict[uuid.UUID, list[Any]] = {}

    def flush(self) -> None:
        while (payload := self.pool.data_to_send()) is not None:
            self.outbox.setdefault(payload.pipeline_id, bytearray()).extend(payload.data)


class _Fault(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


class _Dropped(Exception):
    """The server died while this request waited: drop the connection without an answer."""


class WinRMServer:
    def __init__(
        self,
        handler: Handler | None = None,
        *,
        users: dict[str, str] | None = None,
        tls: ssl.SSLContext | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        delays: dict[str, float] | None = None,
        max_receive_wait: float = 5.0,
        auth: str = "basic",
    ) -> None:
        self.handler = handler or CommandTable({})
        self.auth = auth
        self.logons = 0
        self.encrypted_messages = 0
        self.plain_messages = 0
        self.users = users if users is not None else {"nestwiz": "P@ssw0rd!"}
        self.delays = dict(delays or {})
        self.max_receive_wait = max_receive_wait
        self.cond = threading.Condition()
        self.shells: dict[str, _Shell] = {}
        self.invocations: list[Invocation] = []
        self.actions: list[str] = []
        self.signals: list[str] = []
        self.dead = False
        self._connections: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        outer = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else a Nagle/delayed-ACK stall of ~40 ms per request

            def setup(self) -> None:
                super().setup()
                with outer.cond:
                    outer._connections.add(self.connection)

            def finish(self) -> None:
                with contextlib.suppress(OSError):
                    super().finish()
                with outer.cond:
                    outer._connections.discard(self.connection)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if outer.auth == "negotiate":
                    plain = self._negotiated(body)
                    if plain is None:
                        return
                    body = plain
                elif not outer._authorized(self.headers.get("Authorization", "")):
                    self._reply(401, b"", {"WWW-Authenticate": 'Basic realm="WSMAN"'})
                    return
                try:
                    status, data = outer.handle(body)
                except _Dropped:
                    self.close_connection = True
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    return
                headers = {"Content-Type": "application/soap+xml;charset=UTF-8"}
                if outer.auth == "negotiate":
                    data = self._wrap(data)
                    headers = {
                        "Content-Type": f'multipart/encrypted;protocol="{SPNEGO_ENCRYPTED}";'
                        'boundary="Encrypted Boundary"'
                    }
                self._reply(status, data, headers)

            def _negotiated(self, body: bytes) -> bytes | None:
                """The SOAP text of an encrypted request, or None when this request was (part of) a logon."""
                header = self.headers.get("Authorization", "")
                if header.startswith("Negotiate "):
                    context = getattr(self, "context", None)
                    if context is None or context.complete:
                        context = self.context = spnego.server(protocol="negotiate")
                    try:
                        token = context.step(base64.b64decode(header[10:]))
                    except spnego.exceptions.SpnegoError:
                        self.context = None
                        self._reply(401, b"", {"WWW-Authenticate": "Negotiate"})
                        return None
                    answer = {"WWW-Authenticate": "Negotiate " + base64.b64encode(token).decode()} if token else {}
                    if not context.complete:
                        self._reply(401, b"", answer)
                        return None
                    outer.logons += 1
                    if not body:
                        self._reply(200, b"", answer)
                        return None
                context = getattr(self, "context", None)
                if context is None or not context.complete:
                    self._reply(401, b"", {"WWW-Authenticate": "Negotiate"})
                    return None
                if not self.headers.get("Content-Type", "").startswith("multipart/encrypted"):
                    outer.plain_messages += 1
                    self._reply(400, b"Unencrypted traffic is disabled.", {"Content-Type": "text/plain"})
                    return None
                outer.encrypted_messages += 1
                return _unwrap(context, body)

            def _wrap(self, data: bytes) -> bytes:
                header, encrypted, padding = self.context.wrap_winrm(data)
                head = (
                    f"{BOUNDARY.decode()}\r\n\tContent-Type: {SPNEGO_ENCRYPTED}\r\n"
                    f"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length={len(data) + padding}\r\n"
                    f"{BOUNDARY.decode()}\r\n\tContent-Type: application/octet-stream\r\n"
                )
                return head.encode() + struct.pack("<i", len(header)) + header + encrypted + BOUNDARY + b"--\r\n"

            def _reply(self, status: int, data: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    self.close_connection = True  # the client gave up waiting

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up mid-request is part of several tests

        self.httpd = Server((host, port), RequestHandler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.host, self.port = self.httpd.server_address[0], self.httpd.server_address[1]
        self._serve = threading.Thread(
            target=self.httpd.serve_forever, args=(0.02,), daemon=True, name="winrm-test-server"
        )

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> WinRMServer:
        self._serve.start()
        return self

    def stop(self) -> None:
        if not self.dead:
            self.die()
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> WinRMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def die(self) -> None:
        """Stop answering at once: close the listener and every open connection, as a crashed host would."""
        # The listener closes before any connection drops: a client that reconnects once its request was dropped
        # must be refused, not queued in the backlog of a listener about to close. Resetting such a queued
        # connection makes Python 3.11.7's ssl leak the client's half-made SSLSocket (CPython gh-113280).
        if self._serve.is_alive():
            self.httpd.shutdown()
        self.httpd.socket.close()
        with self.cond:
            self.dead = True
            for shell in self.shells.values():
                for pipeline in shell.pipelines.values():
                    if pipeline.state == PSInvocationState.Running:
                        pipeline.stop()
            self.cond.notify_all()
        self.httpd.server_close()
        with self.cond:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def expire_shells(self) -> None:
        """Forget every runspace pool, as WinRM does once a shell's idle timeout has passed."""
        with self.cond:
            self.shells.clear()

    def _authorized(self, header: str) -> bool:
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("latin-1").partition(":")
        except ValueError:
            return False
        return self.users.get(user) == password

    # ------------------------------------------------------------------ SOAP
    def handle(self, raw: bytes) -> tuple[int, bytes]:
        envelope = ET.fromstring(raw)
        header, body = envelope.find("s:Header", NS), envelope.find("s:Body", NS)
        assert header is not None and body is not None
        action = header.findtext("wsa:Action", namespaces=NS) or ""
        message_id = header.findtext("wsa:MessageID", namespaces=NS) or ""
        selector = header.find("wsman:SelectorSet/wsman:Selector[@Name='ShellId']", NS)
        shell_id = selector.text if selector is not None else None
        wait = _seconds(header.findtext("wsman:OperationTimeout", namespaces=NS))
        name = action.rsplit("/", 1)[-1]
        self.actions.append(name)
        if self.delays.get(name):
            time.sleep(self.delays[name])
        try:
            with self.cond:
                if self.dead:
                    raise _Dropped()
                method = getattr(self, f"_on_{name.lower()}", None)
                if method is None:
                    raise _Fault(FAULT_UNSUPPORTED, f"The action {action} is not supported by this server.")
                out = method(body, shell_id, min(wait, self.max_receive_wait))
        except _Fault as fault:
            return self._fault(message_id, fault.code, str(fault))
        return 200, self._envelope(action + "Response", message_id, out)

    def _envelope(self, action: str, relates_to: str, children: list[ET.Element]) -> bytes:
        env = ET.Element(f"{{{NS['s']}}}Envelope")
        head = ET.SubElement(env, f"{{{NS['s']}}}Header")
        ET.SubElement(head, f"{{{NS['wsa']}}}Action").text = action
        ET.SubElement(head, f"{{{NS['wsa']}}}MessageID").text = f"uuid:{uuid.uuid4()}".upper()
        ET.SubElement(head, f"{{{NS['wsa']}}}RelatesTo").text = relates_to
        ET.SubElement(env, f"{{{NS['s']}}}Body").extend(children)
        return ET.tostring(env, encoding="utf-8")

    def _fault(self, relates_to: str, code: int, message: str) -> tuple[int, bytes]:
        s = NS["s"]
        fault = ET.Element(f"{{{s}}}Fault")
        ET.SubElement(ET.SubElement(fault, f"{{{s}}}Code"), f"{{{s}}}Value").text = "s:Receiver"
        ET.SubElement(ET.SubElement(fault, f"{{{s}}}Reason"), f"{{{s}}}Text").text = message
        detail = ET.SubElement(
            ET.SubElement(fault, f"{{{s}}}Detail"), f"{{{NS['f']}}}WSManFault", Code=str(code), Machine=self.host
        )
        ET.SubElement(detail, f"{{{NS['f']}}}Message").text = message
        return 500, self._envelope("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", relates_to, [fault])

    def _shell(self, shell_id: str | None) -> _Shell:
        shell = self.shells.get(shell_id or "")
        if shell is None:
            raise _Fault(
                FAULT_SHELL_NOT_FOUND,
                f"The request for the Windows Remote Shell with ShellId {shell_id} "
                "failed because the shell was not found on the server.",
            )
        return shell

    # ------------------------------------------------------------------ WS-Management actions
    def _on_create(self, body: ET.Element, _: str | None, __: float) -> list[ET.Element]:
        shell_el = body.find("rsp:Shell", NS)
        assert shell_el is not None
        shell = _Shell(shell_el.get("ShellId") or str(uuid.uuid4()).upper())
        self.shells[shell.id] = shell
        self._feed(shell, base64.b64decode(shell_el.findtext("pwsh:creationXml", namespaces=NS) or ""), None)
        created = ET.Element(f"{{{NS['wst']}}}ResourceCreated")
        ET.SubElement(created, f"{{{NS['wsa']}}}Address").text = f"https://{self.host}:{self.port}/wsman"
        ref = ET.SubElement(created, f"{{{NS['wsa']}}}ReferenceParameters")
        ET.SubElement(ref, f"{{{NS['wsman']}}}ResourceURI").text = RESOURCE_URI
        selectors = ET.SubElement(ref, f"{{{NS['wsman']}}}SelectorSet")
        ET.SubElement(selectors, f"{{{NS['wsman']}}}Selector", Name="ShellId").text = shell.id
        info = ET.Element(f"{{{NS['rsp']}}}Shell")
        for tag, text in (
            ("ShellId", shell.id),
            ("ResourceUri", RESOURCE_URI),
            ("InputStreams", "stdin pr"),
            ("OutputStreams", "stdout"),
        ):
            ET.SubElement(info, f"{{{NS['rsp']}}}{tag}").text = text
        return [created, info]

    def _on_command(self, body: ET.Element, shell_id: str | None, _: float) -> list[ET.Element]:
        shell = self._shell(shell_id)
        line = body.find("rsp:CommandLine", NS)
        assert line is not None
        command_id = line.get("CommandId") or str(uuid.uuid4()).upper()
        pid = uuid.UUID(command_id)
        shell.pipelines[pid] = psrpcore.ServerPipeline(shell.pool, pid)
        shell.inputs[pid] = []
        self._feed(shell, base64.b64decode(line.findtext("rsp:Arguments", namespaces=NS) or ""), pid)
        response = ET.Element(f"{{{NS['rsp']}}}CommandResponse")
        ET.SubElement(response, f"{{{NS['rsp']}}}CommandId").text = command_id
        return [response]

    def _on_send(self, body: ET.Element, shell_id: str | None, _: float) -> list[ET.Element]:
        shell = self._shell(shell_id)
        stream = body.find("rsp:Send/rsp:Stream", NS)
        assert stream is not None
        command_id = stream.get("CommandId")
        self._feed(shell, base64.b64decode(stream.text or ""), uuid.UUID(command_id) if command_id else None)
        return [ET.Element(f"{{{NS['rsp']}}}SendResponse")]

    def _on_receive(self, body: ET.Element, shell_id: str | None, wait: float) -> list[ET.Element]:
        shell = self._shell(shell_id)
        desired = body.find("rsp:Receive/rsp:DesiredStream", NS)
        assert desired is not None
        command_id = desired.get("CommandId")
        target = uuid.UUID(command_id) if command_id else None
        # Like WinRM: hold the request until there is data or the client's OperationTimeout has passed.
        self.cond.wait_for(lambda: self.dead or (shell.flush() or bool(shell.outbox.get(target))), timeout=wait)
        if self.dead:
            raise _Dropped()
        data = shell.outbox.pop(target, b"")
        if not data:
            raise _Fault(
                FAULT_OPERATION_TIMEOUT,
                "The WS-Management service cannot complete the operation within "
                "the time specified in OperationTimeout.",
            )
        response = ET.Element(f"{{{NS['rsp']}}}ReceiveResponse")
        stream = ET.SubElement(response, f"{{{NS['rsp']}}}Stream", Name="stdout")
        if command_id:
            stream.set("CommandId", command_id)
        stream.text = base64.b64encode(bytes(data)).decode()
        if target is not None:
            pipeline = shell.pipelines.get(target)
            done = pipeline is None or pipeline.state in _DONE
            ET.SubElement(
                response,
                f"{{{NS['rsp']}}}CommandState",
                CommandId=command_id or "",
                State=SHELL_URI + "CommandState/" + ("Done" if done else "Running"),
            )
        return [response]

    def _on_signal(self, body: ET.Element, shell_id: str | None, _: float) -> list[ET.Element]:
        shell = self._shell(shell_id)
        signal = body.find("rsp:Signal", NS)
        assert signal is not None
        code = signal.findtext("rsp:Code", namespaces=NS) or ""
        self.signals.append(code.rsplit("/", 1)[-1])
        pid = uuid.UUID(signal.get("CommandId"))
        pipeline = shell.pipelines.get(pid)
        if pipeline is not None:
            if pipeline.state == PSInvocationState.Running:
                pipeline.stop()
            if code.lower().endswith("terminate"):
                pipeline.close()
                shell.pipelines.pop(pid, None)
                shell.outbox.pop(pid, None)
        shell.flush()
        self.cond.notify_all()
        return [ET.Element(f"{{{NS['rsp']}}}SignalResponse")]

    def _on_delete(self, body: ET.Element, shell_id: str | None, _: float) -> list[ET.Element]:
        shell = self.shells.pop(shell_id or "", None)
        if shell is not None:
            for pipeline in shell.pipelines.values():
                if pipeline.state == PSInvocationState.Running:
                    pipeline.stop()
            shell.pool.close()
        return []

    # ------------------------------------------------------------------ PSRP
    def _feed(self, shell: _Shell, data: bytes, pid: uuid.UUID | None) -> None:
        shell.pool.receive_data(psrpcore.PSRPPayload(data, psrpcore.StreamType.default, pid))
        while (event := shell.pool.next_event()) is not None:
            if isinstance(event, psrpcore.CreatePipelineEvent):
                if shell.pipelines[event.pipeline_id].metadata.no_input:
                    self._start(shell, event.pipeline_id)
            elif isinstance(event, psrpcore.PipelineInputEvent):
                shell.inputs[event.pipeline_id].append(event.data)
            elif isinstance(event, psrpcore.EndOfPipelineInputEvent):
                self._start(shell, event.pipeline_id)
        shell.flush()
        self.cond.notify_all()

    def _start(self, shell: _Shell, pid: uuid.UUID) -> None:
        pipeline = shell.pipelines[pid]
        pipeline.start()
        shell.flush()
        thread = threading.Thread(
            target=self._run, args=(shell, pipeline, shell.inputs.pop(pid, [])), daemon=True, name="winrm-test-pipeline"
        )
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _run(self, shell: _Shell, pipeline: psrpcore.ServerPipeline, pipeline_input: list[Any]) -> None:
        writer = PipelineWriter(self, shell, pipeline)
        calls = []
        for command in pipeline.metadata.commands:
            call = Call(str(command.command_text), bool(command.is_script), {}, [], bool(command.use_local_scope))
            for key, value in command.parameters:
                if key is None:
                    call.args.append(value)
                else:
                    call.params[str(key)] = value
            calls.append(call)
        invocation = Invocation(calls, pipeline_input, writer, self)
        self.invocations.append(invocation)
        error = None
        try:
            for value in self.handler(invocation) or ():
                writer.output(value)
        except CommandFailed as exc:
            error = _error_record(str(exc), exc.error_id, exc.category)
        except Exception as exc:  # a handler bug: a terminating error, as an unhandled .NET exception is
            error = _error_record(f"{type(exc).__name__}: {exc}", "WinRMServer.HandlerException")
        with self.cond:
            if pipeline.state == PSInvocationState.Running:
                if error is None:
                    pipeline.complete()
                else:
                    pipeline._change_state(PSInvocationState.Failed, error=error)  # psrpcore has no fail()
            shell.flush()
            self.cond.notify_all()


def _unwrap(context: Any, body: bytes) -> bytes:
    """The SOAP text inside a WinRM multipart/encrypted body."""
    parts = [p for p in re.split(re.escape(BOUNDARY) + rb"(?:--)?\r\n", body) if p.strip()]
    plain = b""
    for index in range(0, len(parts) - 1, 2):
        payload = parts[index + 1].replace(b"\tContent-Type: application/octet-stream\r\n", b"", 1)
        length = struct.unpack("<i", payload[:4])[0]
        plain += context.unwrap_winrm(payload[4 : 4 + length], payload[4 + length :])
    return plain


def _seconds(duration: str | None) -> float:
    match = _DURATION.match(duration or "")
    return float(match.group(1)) if match and match.group(1) else 60.0


def _error_record(message: str, error_id: str, category: ErrorCategory = ErrorCategory.NotSpecified) -> ErrorRecord:
    return ErrorRecord(
        Exception=NETException(Message=message),
        CategoryInfo=ErrorCategoryInfo(Category=category, Reason=error_id),
        FullyQualifiedErrorId=error_id,
    )


# ------------------------------------------------------------------ values between PSRP and plain Python
def to_clixml(value: Any) -> Any:
    """Plain data as PSRP objects: dicts become objects with properties, as cmdlets' output does."""
    if isinstance(value, PSCustomObject | PSScriptBlock) or value is None or isinstance(value, bool | str | bytes):
        return value
    if isinstance(value, dict):
        return PSCustomObject(**{str(k): to_clixml(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return [to_clixml(v) for v in value]
    if isinstance(value, float):
        return PSDouble(value)
    if isinstance(value, int) and not -(2**31) <= value < 2**31:
        return PSInt64(value)
    return value


def to_plain(value: Any) -> Any:
    """A received parameter value as the plain Python value the client meant (secrets decrypted)."""
    from core.commands import Credential, Hashtable, ScriptBlock

    if isinstance(value, PSSecureString):
        return str(value.decrypt())
    if isinstance(value, PSCredential):
        return Credential(str(value.UserName), str(value.Password.decrypt()))
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, PSScriptBlock):
        return ScriptBlock(str(value))
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return Hashtable((str(k), to_plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(to_plain(v) for v in value)
    return value


# ------------------------------------------------------------------ handlers
class CommandTable:
    """Runs each command of a pipeline with a Python function, the previous one's output as its input."""

    def __init__(self, handlers: dict[str, Callable[..., Any]], script: Callable[..., Any] | None = None) -> None:
        self.handlers = {name.lower(): fn for name, fn in handlers.items()}
        self.script = script

    def __call__(self, invocation: Invocation) -> list[Any]:
        data = list(invocation.input)
        for call in invocation.commands:
            if call.is_script:
                if self.script is None:
                    raise CommandFailed("This server runs no scripts.", "WinRMServer.NoScript")
                result = self.script(call, data, invocation.writer)
            else:
                fn = self.handlers.get(call.name.lower())
                if fn is None:
                    raise CommandFailed(
                        f"The term '{call.name}' is not recognized as the name of a cmdlet, function, script "
                        "file, or operable program.",
                        "CommandNotFoundException",
                        ErrorCategory.ObjectNotFound,
                    )
                result = fn(call, data, invocation.writer)
            data = [] if result is None else list(result) if isinstance(result, list | tuple) else [result]
        return data


class SimulatedHandler:
    """Runs every pipeline on a simulated host (core.sim), as the real host would run it.

    Fixed scripts arrive as their text and are recognized by it; NestWiz's pipeline shim (for script-block
    parameters) is unpacked back into the commands it carries.
    """

    def __init__(self, host: Any, scripts_dir: Path) -> None:
        self.host = host
        self.scripts = {p.read_text(encoding="utf-8"): p.name for p in scripts_dir.glob("*.ps1")}
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()

    def close(self) -> None:
        with self._lock:  # after the command in progress: closing the loop under it would abandon its coroutine
            self._loop.close()

    def runnable(self, invocation: Invocation) -> Any:
        from core.commands import Command, Pipeline, Script, ScriptBlock

        first = invocation.commands[0]
        if first.is_script:
            name = self.scripts.get(first.name)
            if name is None:
                raise CommandFailed("The simulated host runs NestWiz's fixed scripts only.", "Sim.UnknownScript")
            params = {k: to_plain(v) for k, v in first.params.items()}
            if name == "NestWiz-Pipeline.ps1":
                commands = []
                for stage in params["Stages"]:
                    stage = stage.as_dict()
                    stage_params = stage["Parameters"].as_dict()
                    for key in stage.get("ScriptBlocks") or ():
                        stage_params[key] = ScriptBlock(stage_params[key])
                    commands.append(Command(str(stage["Name"]), tuple(stage_params.items())))
                return commands[0] if len(commands) == 1 else Pipeline(tuple(commands))
            return Script(name, tuple(params.items()))
        commands = [Command(c.name, tuple((k, to_plain(v)) for k, v in c.params.items())) for c in invocation.commands]
        return commands[0] if len(commands) == 1 else Pipeline(tuple(commands))

    def __call__(self, invocation: Invocation) -> list[Any]:
        from core.results import Record

        writer = invocation.writer
        pending: list[Any] = []  # the last error waits: it is the terminating one if the pipeline fails

        def sink(record: Record) -> None:
            while pending:
                send_error(pending.pop())
            if record.kind == "output":
                writer.output(record.value)
            elif record.kind == "error":
                pending.append(record.value)
            elif record.kind == "warning":
                writer.warning(str(record.value))
            elif record.kind == "verbose":
                writer.verbose(str(record.value))
            elif record.kind == "information":
                writer.information(str(record.value))
            elif record.kind == "progress":
                p = record.value
                writer.progress(p.activity, p.status, p.percent, p.activity_id)

        def send_error(e: Any) -> None:
            category = e.category if e.category in ErrorCategory.__members__ else "NotSpecified"
            writer.error(e.message, e.error_id, category, e.target or None, e.exception_type)

        with self._lock:
            result = self._loop.run_until_complete(self.host.execute(self.runnable(invocation), sink))
        if result.failed and pending:
            error = pending.pop()
            category = error.category if error.category in ErrorCategory.__members__ else "NotSpecified"
            raise CommandFailed(error.message, error.error_id, ErrorCategory[category])
        while pending:
            send_error(pending.pop())
        return []
