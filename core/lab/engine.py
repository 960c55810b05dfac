"""The lab engine: runs the plan's steps in order (check, apply, verify), journals each one, resumes by re-checking."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.commands import Command, Credential, Runnable, Script, render
from core.errors import NestWizError
from core.host.facts import HostFacts
from core.i18n import translate
from core.lab.journal import Created, Journal, VmRef
from core.lab.plan import LabPlan, as_dict
from core.results import Record, Result
from core.runners.base import RecordSink, Runner
from core.runners.direct import PowerShellDirectRunner, inner_of, opens_session

# Fixed scripts that only read; every other script, and every cmdlet whose verb is not a reading one, changes.
READING_SCRIPTS = frozenset({"get-hostfacts.ps1", "get-outervmview.ps1", "get-vmnestingstate.ps1"})
READING_VERBS = frozenset(
    {
        "get",
        "test",
        "measure",
        "select",
        "where",
        "foreach",
        "sort",
        "out",
        "write",
        "format",
        "convertto",
        "convertfrom",
        "resolve",
        "join",
        "split",
        "compare",
        "find",
        "search",
        "wait",
    }
)
# Commands that change nothing on the target themselves: the remoting transport (its inner commands are judged, and
# its sessions live only in the host's PowerShell process), an object in the session's memory, a pause.
NEUTRAL = frozenset({"invoke-command", "new-pssession", "remove-pssession", "new-object", "start-sleep"})


class StepFailed(NestWizError):
    """A step could not do its part; the message says why and what to do. Nothing after it runs."""


class LabStopped(StepFailed):
    """The plan does not match the host (its VM is gone, renamed or ambiguous): the engine stops before changing
    anything, and never picks another VM."""


def changes_something(runnable: Runnable) -> bool:
    if isinstance(runnable, Script):
        return runnable.name.lower() not in READING_SCRIPTS
    return any(
        c.name.split("-", 1)[0].lower() not in READING_VERBS and c.name.lower() not in NEUTRAL
        for c in runnable.commands
    )


@dataclass(frozen=True)
class Sent:
    where: str  # "host" | "outer"
    runnable: Runnable

    def text(self) -> str:
        return render(self.runnable)


class Watched(Runner):
    """The host's runner, seen by the engine: every command passes through, and the ones that change something are
    noted with where they ran (a PowerShell Direct call is noted as its inner command, inside the outer VM)."""

    def __init__(self, inner: Runner) -> None:
        super().__init__(inner.reference)
        self.inner = inner
        self.kind = inner.kind
        self.label = inner.label
        self.clock = inner.clock
        self.sent: list[Sent] = []
        self.direct_sessions = 0

    async def run(
        self,
        runnable: Runnable,
        *,
        timeout: float | None = 300.0,
        check: bool = True,
        on_record: RecordSink | None = None,
    ) -> Result:
        where, inner = "host", runnable
        through = inner_of(runnable)
        if through is not None:
            where, inner = "outer", through
        if opens_session(runnable) or (isinstance(runnable, Command) and through is not None):
            self.direct_sessions += 1  # New-PSSession -VMName, or Invoke-Command -VMName (a session of its own)
        if changes_something(inner):
            self.sent.append(Sent(where, inner))
        self.round_trips += 1
        return await self.inner.run(runnable, timeout=timeout, check=check, on_record=on_record)

    async def _run(self, runnable: Runnable, on_record: RecordSink | None) -> Result:  # pragma: no cover
        raise NotImplementedError("Watched.run delegates")

    async def close(self) -> None:
        await self.inner.close()


@dataclass(frozen=True)
class Event:
    """What the engine tells its views. kind: "step" (status change), "say" (a line of progress), "stage" (guest
    readiness), "record" (a progress record the target streamed), "fraction" (done/total of a step's own parts)."""

    kind: str
    step: str
    status: str = ""  # for "step": checking | running | done | already | failed | cancelled
    text: str = ""
    value: Any = None


Listener = Callable[[Event], None]


class Events:
    """A Qt-free observable: the GUI subscribes, the CLI prints, tests collect."""

    def __init__(self) -> None:
        self.listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def emit(self, event: Event) -> None:
        for listener in list(self.listeners):
            listener(event)


class GuestInstaller(Protocol):
    """Puts an OS into an outer VM that has none, from the ISO in its DVD drive (the composition root supplies
    one: the simulated Setup on the simulated host; on real hosts the user in the console, for now)."""

    async def install(self, host: Runner, vm_name: str, credential: Credential) -> None: ...


@dataclass
class Context:
    """What a step works with: the plan, the host (watched), the journal, the guest credential, the events."""

    plan: LabPlan
    host: Watched
    journal: Journal
    events: Events
    credential: Credential | None = None
    installer: GuestInstaller | None = None
    cpu_vendor: str = "GenuineIntel"
    enable_script: bytes | None = None  # Microsoft's Enable-NestedVm.ps1, verified, for nesting.method "script"
    accepted_digests: tuple[str, ...] = ()  # an unpinned copy of it the user accepted, by its SHA-256
    consent: Any = None  # core.enable.direct.Consent the user gave; None: only a VM this lab made may be stopped
    facts: HostFacts | None = None  # the host's, once the host step has read them
    step: str = ""
    notes: dict[str, list[str]] = field(default_factory=dict)  # per step: lines for the summary (connectivity)
    found: dict[str, Any] = field(default_factory=dict)  # per step: what its check read, for the apply after it
    direct: PowerShellDirectRunner | None = None  # the PowerShell Direct runner into the outer VM, kept for the run
    spent: list[PowerShellDirectRunner] = field(default_factory=list)  # earlier ones, whose sessions close at the end

    def say(self, text: str) -> None:
        self.events.emit(Event("say", self.step, text=text))

    def emit(self, kind: str, value: Any = None, text: str = "") -> None:
        self.events.emit(Event(kind, self.step, value=value, text=text))

    def on_record(self, record: Record) -> None:
        self.emit("record", record)

    def outer(self) -> VmRef:
        ref = self.journal.vms.get("outer")
        if ref is None:
            raise StepFailed(translate("lab", "The outer VM is not known yet: the outer-VM step must run first."))
        return ref

    def require_credential(self) -> Credential:
        if self.credential is None:
            raise StepFailed(
                translate(
                    "lab",
                    "The guest's password is needed to reach the outer VM's operating system (PowerShell Direct).",
                )
            )
        return self.credential

    def guest(self) -> PowerShellDirectRunner:
        """PowerShell Direct into the outer VM (by its Id): one runner for the whole run, so one session per guest
        boot; a new runner when the VM or the credential changed."""
        ref, credential = self.outer(), self.require_credential()
        direct = self.direct
        if direct is not None and (direct.vm_id, direct.vm_name, direct.credential) == (ref.id, ref.name, credential):
            return direct
        if direct is not None:
            self.spent.append(direct)
        self.direct = PowerShellDirectRunner(self.host, ref.name, credential, vm_id=ref.id or None)
        return self.direct

    async def close_guest(self) -> None:
        """Close the PowerShell Direct sessions this run opened (the host's runner stays open)."""
        runners = [*self.spent, *([self.direct] if self.direct is not None else [])]
        self.spent, self.direct = [], None
        for runner in runners:
            await runner.close()

    def record(self, item: Created) -> Created:
        item.step = self.step
        return self.journal.intend(item)


class Step(Protocol):
    """One part of the lab. `check` only reads (one round trip where it can): is it already so?"""

    id: str
    where: str  # "host" | "outer" | "inner"

    def title(self) -> str: ...
    async def check(self, ctx: Context) -> str | None: ...  # None: not done yet; else the sentence saying so
    async def apply(self, ctx: Context) -> str: ...  # the sentence for the summary
    async def verify(self, ctx: Context) -> None: ...
    async def undo(self, ctx: Context) -> list[str]: ...  # what it could not remove, with why
    def script(self, plan: LabPlan) -> list[str]: ...  # its part of the export, guarded by its check


@dataclass
class StepReport:
    id: str
    title: str
    status: str
    message: str = ""
    seconds: float = 0.0
    changes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "message": self.message,
            "seconds": round(self.seconds, 3),
            "changes": len(self.changes),
        }


@dataclass
class RunReport:
    steps: list[StepReport] = field(default_factory=list)
    changes: list[Sent] = field(default_factory=list)
    round_trips: int = 0
    direct_sessions: int = 0
    error: NestWizError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and all(s.status in ("done", "already") for s in self.steps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "steps": [s.as_dict() for s in self.steps],
            "changes": [{"where": c.where, "command": c.text()} for c in self.changes],
            "round_trips": self.round_trips,
            "direct_sessions": self.direct_sessions,
            "message": self.error.message if self.error is not None else "",
        }


class Engine:
    """Runs a lab plan's steps on one host. The journal is written after every step and every creation."""

    def __init__(
        self,
        plan: LabPlan,
        host: Runner,
        journal: Journal,
        steps: Sequence[Step],
        *,
        credential: Credential | None = None,
        installer: GuestInstaller | None = None,
        cpu_vendor: str = "GenuineIntel",
    ) -> None:
        self.events = Events()
        self.steps = list(steps)
        self.errors: dict[str, NestWizError] = {}  # the last failure of each step
        self.ctx = Context(
            plan,
            host if isinstance(host, Watched) else Watched(host),
            journal,
            self.events,
            credential=credential,
            installer=installer,
            cpu_vendor=cpu_vendor,
        )

    @property
    def plan(self) -> LabPlan:
        return self.ctx.plan

    @plan.setter
    def plan(self, plan: LabPlan) -> None:
        self.ctx.plan = plan

    @property
    def journal(self) -> Journal:
        return self.ctx.journal

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def _emit(self, step: Step, status: str, text: str = "") -> None:
        self.events.emit(Event("step", step.id, status, text))

    async def run(self, only: Sequence[str] | None = None) -> RunReport:
        """Each step in order (or those named in `only`): already so, or applied and verified. Stops at the first
        failure; a cancel is recorded in the journal, then raised again."""
        from core.lab.lock import LabBusy, holding

        try:
            with holding(self.ctx.journal.path):
                return await self._run(only)
        except LabBusy:
            error = LabStopped(
                translate(
                    "lab",
                    "Another NestWiz is working on this lab right now (the wizard, or "
                    "nestwiz lab run). Wait until it has finished, then try again.",
                )
            )
            return RunReport(error=error)

    async def _run(self, only: Sequence[str] | None) -> RunReport:
        ctx = self.ctx
        ctx.journal.set_plan(as_dict(ctx.plan))
        report = RunReport()
        before_trips, before_direct = ctx.host.round_trips, ctx.host.direct_sessions
        try:
            for step in self.steps:
                if only is not None and step.id not in only:
                    continue
                sent_before = len(ctx.host.sent)
                outcome = await self._run_step(step)
                report.steps.append(outcome)
                report.changes += ctx.host.sent[sent_before:]
                if outcome.status == "failed":
                    break
        finally:
            await asyncio.shield(ctx.close_guest())
            report.round_trips = ctx.host.round_trips - before_trips
            report.direct_sessions = ctx.host.direct_sessions - before_direct
        if report.ok and (only is None or self.steps[-1].id in only) and self._all_done():
            ctx.journal.finish()
        failed = next((s for s in report.steps if s.status == "failed"), None)
        if failed is not None:
            report.error = self.errors.get(failed.id)
        return report

    def _all_done(self) -> bool:
        """The last step is done and no step the journal recorded failed (the Host page diagnoses on its own)."""
        steps = self.ctx.journal.steps
        last = steps.get(self.steps[-1].id)
        return last is not None and last.ok and all(r.ok for r in steps.values())

    async def _run_step(self, step: Step) -> StepReport:
        ctx = self.ctx
        ctx.step = step.id
        ctx.found.pop(step.id, None)  # a check's reading serves only the apply of the same run
        self.errors.pop(step.id, None)
        sent_before = len(ctx.host.sent)
        started = time.time()
        target_started = ctx.host.clock.now()
        earlier = ctx.journal.steps.get(step.id)
        ctx.journal.begin(step.id, step.where)

        def changes() -> list[str]:
            return [s.text() for s in ctx.host.sent[sent_before:]]

        def finish(status: str, *, summary: str = "", message: str = "") -> StepReport:
            made = changes()
            ctx.journal.end(
                step.id,
                status,
                summary=summary,
                message=message,
                commands=made,
                target_seconds=ctx.host.clock.now() - target_started,
            )
            self._emit(step, status, summary or message)
            return StepReport(step.id, step.title(), status, summary or message, time.time() - started, made)

        try:
            self._emit(step, "checking")
            already = await step.check(ctx)
            if already is not None and earlier is not None and earlier.status == "done":
                # Checked again and still so: the journal keeps what the run that did it recorded (its changes).
                ctx.journal.steps[step.id] = earlier
                ctx.journal.save()
                self._emit(step, "already", already)
                return StepReport(step.id, step.title(), "already", already, time.time() - started)
            if already is not None:
                return finish("already", summary=already)
            self._emit(step, "running")
            summary = await step.apply(ctx)
            await step.verify(ctx)
            return finish("done", summary=summary)
        except asyncio.CancelledError:
            finish("cancelled", message=translate("lab", "Cancelled."))
            raise
        except NestWizError as exc:
            self.errors[step.id] = exc
            return finish("failed", message=exc.message)

    async def check(self, step_id: str) -> str | None:
        """One step's check alone (it only reads): the sentence when it is already so, None when not or unknown."""
        self.ctx.step = step_id
        try:
            return await self.step(step_id).check(self.ctx)
        except NestWizError:
            return None
        finally:
            await self.ctx.close_guest()

    async def undo(self, step_ids: Sequence[str] | None = None) -> list[str]:
        """Remove what the named steps (default: all) created, newest step first; what stayed, with why."""
        ctx = self.ctx
        left: list[str] = []
        for step in reversed(self.steps):
            if step_ids is not None and step.id not in step_ids:
                continue
            ctx.step = step.id
            try:
                left += await step.undo(ctx)
            finally:
                await ctx.close_guest()
        return left
