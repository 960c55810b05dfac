"""How the simulated host runs PowerShell: cmdlet handlers, parameter binding, streams and error actions."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.commands import Command
from core.errors import CommandRejected
from core.reference import COMMON_ALIASES, COMMON_PARAMETERS, Reference
from core.results import ErrorRecord, ProgressRecord, Record

if TYPE_CHECKING:
    from core.sim.host import SimHost

RecordSink = Callable[[Record], None]


class Terminating(Exception):
    """A terminating error: the pipeline stops and fails."""

    def __init__(self, record: ErrorRecord) -> None:
        super().__init__(record.message)
        self.record = record


@dataclass
class Call:
    """One cmdlet invocation on the simulated host, with parameters bound to their canonical names."""

    host: SimHost
    name: str
    params: dict[str, Any]
    input: list[Any]
    sink: RecordSink
    error_action: str = "Continue"
    errors: list[ErrorRecord] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.params

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def switch(self, name: str) -> bool:
        return bool(self.params.get(name, False))

    def names(self, name: str) -> list[str]:
        """A String[] parameter as a list."""
        value = self.params.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, tuple) else [value]

    def error(
        self, message: str, error_id: str, category: str = "InvalidOperation", target: str = "", *, exception: str = ""
    ) -> None:
        """A non-terminating error record, subject to -ErrorAction; `exception` is its exception's type name."""
        self.write(ErrorRecord(message, self.fq_id(error_id), category, target, exception_type=exception))

    def write(self, record: ErrorRecord) -> None:
        """Write an error record as it is (its FullyQualifiedErrorId already whole), subject to -ErrorAction."""
        if self.error_action == "Stop":
            raise Terminating(record)
        if self.error_action in ("SilentlyContinue", "Ignore"):
            return
        self.errors.append(record)
        self.sink(Record("error", record))

    def fail(self, message: str, error_id: str, category: str = "InvalidOperation", target: str = "") -> Terminating:
        return Terminating(ErrorRecord(message, self.fq_id(error_id), category, target))

    def fq_id(self, error_id: str) -> str:
        """The FullyQualifiedErrorId: "<id>,<command class>"; an empty id gives the class alone, as DISM's cmdlets
        report every failure (see core.sim.handlers.system.DISM_ERROR)."""
        return f"{error_id},{self.fq_suffix}" if error_id else self.fq_suffix

    def warning(self, message: str) -> None:
        self.sink(Record("warning", message))

    def verbose(self, message: str) -> None:
        if self.params.get("Verbose"):
            self.sink(Record("verbose", message))

    def information(self, message: str) -> None:
        self.sink(Record("information", message))

    def progress(self, activity: str, status: str, percent: int) -> None:
        self.sink(Record("progress", ProgressRecord(activity, status, percent)))

    @property
    def fq_suffix(self) -> str:
        # The class that implements the cmdlet. DISM's: Microsoft.Dism.Commands.<Verb><Noun>Command
        # (https://github.com/microsoft/WSL/issues/5864); Server Manager's Install-WindowsFeature is the class
        # AddWindowsFeatureCommand (MicrosoftDocs/OfficeDocs-SkypeForBusiness#601 shows
        # NameDoesNotExist,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand).
        plain = self.name.replace("-", "")
        if self.name.endswith("-WindowsOptionalFeature"):
            return f"Microsoft.Dism.Commands.{plain}Command"
        if self.name.endswith("-WindowsFeature"):
            return f"Microsoft.Windows.ServerManager.Commands.{plain.replace('Install', 'Add', 1)}Command"
        if "VM" in self.name:
            # Hyper-V's cmdlet classes carry no "Command" suffix: "OutOfMemory,Microsoft.HyperV.PowerShell.Commands.
            # StartVM" (https://github.com/kubernetes/minikube/issues/4067), "InvalidState,Microsoft.HyperV.PowerShell.
            # Commands.SetVM" (https://github.com/canonical/multipass/issues/4204).
            return f"Microsoft.HyperV.PowerShell.Commands.{plain}"
        if self.name.endswith("-CimInstance"):
            # "HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand"
            # (PowerShell/PowerShell test/powershell/Modules/CimCmdlets/CimInstance.Tests.ps1).
            return f"Microsoft.Management.Infrastructure.CimCmdlets.{plain}Command"
        if self.name.split("-", 1)[-1].startswith("Net"):
            # The NetAdapter/NetTCPIP/NetNat cmdlets are CDXML: their ids end with the cmdlet's own name,
            # "Windows System Error 87,New-NetIPAddress"
            # (https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/338), and
            # "CmdletizationQuery_NotFound_<property>,<cmdlet>" (https://github.com/cloudfoundry/bosh-dns-release/issues/6).
            return self.name
        return f"Microsoft.PowerShell.Commands.{plain}Command"


Handler = Callable[[Call], "list[Any] | Awaitable[list[Any]]"]


@dataclass(frozen=True)
class HandlerSpec:
    fn: Handler
    params: frozenset[str]  # canonical parameter names the simulation models


HANDLERS: dict[str, HandlerSpec] = {}


def cmdlet(name: str, params: str = "") -> Callable[[Handler], Handler]:
    """Register a simulated cmdlet. `params` lists the parameters it models; others are refused loudly."""

    def register(fn: Handler) -> Handler:
        HANDLERS[name.lower()] = HandlerSpec(fn, frozenset(params.split()))
        return fn

    return register


def bind(reference: Reference, command: Command, piped: bool) -> tuple[dict[str, Any], str]:
    """Canonical parameter names and values, and the error action."""
    chosen = reference.check(command, piped=piped)
    bound: dict[str, Any] = {}
    error_action = "Continue"
    for key, value in command.params:
        low = key.lower()
        if low in ("erroraction", "ea"):
            error_action = str(value)
            continue
        if low in COMMON_PARAMETERS or low in COMMON_ALIASES or low in ("whatif", "confirm", "wi", "cf"):
            canonical = COMMON_ALIASES.get(low, low)
            bound[
                {"verbose": "Verbose", "confirm": "Confirm", "whatif": "WhatIf", "cf": "Confirm", "wi": "WhatIf"}.get(
                    canonical, canonical
                )
            ] = value
            continue
        param = chosen.find(key)
        assert param is not None
        bound[param.name] = value
    return bound, error_action


async def invoke(host: SimHost, command: Command, input_: list[Any], sink: RecordSink, piped: bool) -> list[Any]:
    spec = HANDLERS.get(command.name.lower())
    if spec is None:
        raise Terminating(
            ErrorRecord(
                f"The term '{command.name}' is not recognized as the name of a cmdlet, function, script file, "
                "or operable program.",
                "CommandNotFoundException",
                "ObjectNotFound",
                command.name,
            )
        )
    params, error_action = bind(host.reference, command, piped)
    unmodelled = [p for p in params if p not in spec.params and p not in ("Verbose", "Confirm", "WhatIf")]
    if unmodelled:
        raise CommandRejected(
            f"The simulated host does not model -{unmodelled[0]} of {command.name}; it runs only what NestWiz sends.",
            detail="SimulationGap",
        )
    call = Call(host, command.name, params, input_, sink, error_action)
    outcome = spec.fn(call)
    result = await outcome if inspect.isawaitable(outcome) else outcome
    return list(result or [])
