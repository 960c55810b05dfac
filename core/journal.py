"""The persisted wizard run: the plan and each step's outcome, written atomically so a restart can resume."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.commands import Credential, Runnable, quote, render
from core.files import write_atomic
from core.paths import data_dir

JOURNAL_FILE = "journal.json"
FORMAT = 1
# The flow's steps in order; the chain's pages resume from the first one not done.
STEPS = ("target", "host", "outer_vm", "enable", "guest", "guest_hyperv", "inner_vm")
CHAIN_STEPS = ("guest", "guest_hyperv", "inner_vm")
STEP_TITLES = {
    "target": "Target chosen", "host": "Host diagnosed", "outer_vm": "Outer VM prepared",
    "enable": "Nesting enabled", "guest": "Guest OS ready", "guest_hyperv": "Hyper-V inside the outer VM",
    "inner_vm": "Inner VM and its network",
}
SECRET_KEYS = frozenset({"password", "secret", "token"})


def journal_path() -> Path:
    return data_dir() / JOURNAL_FILE


@dataclass
class StepOutcome:
    name: str
    status: str = "running"  # running | done | failed
    where: str = ""  # "host", or "guest <VM name>"
    summary: str = ""
    commands: list[str] = field(default_factory=list)  # readable PowerShell, in the order it ran
    started_at: float = 0.0  # wall-clock time, seconds since the epoch
    finished_at: float | None = None
    target_seconds: float = 0.0  # the target's own time (simulated seconds on the simulated host)
    message: str = ""

    @property
    def seconds(self) -> float:
        return 0.0 if self.finished_at is None else max(0.0, self.finished_at - self.started_at)


def _no_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_secrets(v) for k, v in value.items() if k.lower() not in SECRET_KEYS}
    if isinstance(value, list):
        return [_no_secrets(v) for v in value]
    return value


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))


@dataclass
class Journal:
    path: Path
    plan: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, StepOutcome] = field(default_factory=dict)
    created_at: float = field(default_factory=time.time)
    finished: bool = False

    # ------------------------------------------------------------------ files
    @classmethod
    def load(cls, path: Path | None = None) -> Journal | None:
        """The saved journal, or None when there is none; an unreadable one is set aside, never lost."""
        path = path or journal_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"journal format {data.get('format')!r}")
            steps = {name: StepOutcome(**raw) for name, raw in data.get("steps", {}).items()}
            return cls(path, dict(data.get("plan", {})), steps, float(data.get("created_at", time.time())),
                       bool(data.get("finished", False)))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, AttributeError):
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".unreadable"))
            return None

    @classmethod
    def open(cls, path: Path | None = None) -> Journal:
        return cls.load(path) or cls(path or journal_path())

    def save(self) -> None:
        data = {"format": FORMAT, "created_at": self.created_at, "finished": self.finished,
                "plan": _no_secrets(self.plan), "steps": {k: asdict(v) for k, v in self.steps.items()}}
        write_atomically(self.path, json.dumps(data, indent=2, ensure_ascii=False))

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.plan.clear()
        self.steps.clear()
        self.finished = False
        self.created_at = time.time()

    # ------------------------------------------------------------------ the plan and the steps
    def update_plan(self, **values: Any) -> None:
        self.plan.update(_no_secrets(values))
        self.save()

    def begin(self, name: str, where: str) -> StepOutcome:
        step = StepOutcome(name, "running", where, started_at=time.time())
        self.steps[name] = step
        self.save()
        return step

    def done(self, name: str, summary: str, commands: list[str], *, target_seconds: float = 0.0) -> StepOutcome:
        step = self.steps.get(name) or StepOutcome(name, started_at=time.time())
        step.status = "done"
        step.summary = summary
        step.commands = list(commands)
        step.finished_at = time.time()
        step.target_seconds = target_seconds
        step.message = ""
        self.steps[name] = step
        self.save()
        return step

    def failed(self, name: str, message: str) -> None:
        step = self.steps.get(name) or StepOutcome(name, started_at=time.time())
        step.status = "failed"
        step.message = message
        step.finished_at = time.time()
        self.steps[name] = step
        self.save()

    def finish(self) -> None:
        self.finished = True
        self.save()

    def is_done(self, name: str) -> bool:
        step = self.steps.get(name)
        return step is not None and step.status == "done"

    @property
    def resumable(self) -> bool:
        return not self.finished and bool(self.steps)

    def resume_step(self) -> str | None:
        """The first step of the flow that was started but not finished, or the one after the last done."""
        if not self.resumable:
            return None
        recorded = [s for s in STEPS if s in self.steps]
        for name in recorded:
            if not self.is_done(name):
                return name
        last = STEPS.index(recorded[-1])
        return STEPS[last + 1] if last + 1 < len(STEPS) else None

    def ordered(self) -> list[StepOutcome]:
        return [self.steps[s] for s in STEPS if s in self.steps] + [
            v for k, v in self.steps.items() if k not in STEPS]

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps.values())


@dataclass
class ChainState:
    """What the chain's pages share besides the journal. The guest password lives only here, in memory."""

    credential: Credential | None = None
    journal: Journal | None = None
    resuming: bool = False
    skip_to: str | None = None  # a later step the re-check found not done yet, when earlier ones still hold
    resume_remote: str | None = None  # resuming on this remote host: the Target page's Next goes on to the chain

    def require_journal(self) -> Journal:
        """The run's journal; a new run starts a fresh one (it replaces an older file on its first save)."""
        if self.journal is None:
            self.journal = Journal(journal_path())
        return self.journal


# ---------------------------------------------------------------------------------------------- the exported script
GUEST_CREDENTIAL = "GuestCredential"
WAIT_FOR_GUEST = """function Wait-NestWizGuest {
    # After a restart inside the guest: wait for its heartbeat, then for PowerShell Direct to accept the credential.
    param([string]$VMName, [pscredential]$Credential)
    Start-Sleep -Seconds 15
    while (-not ((Get-VM -Name $VMName).Heartbeat -like 'Ok*')) { Start-Sleep -Seconds 5 }
    $answered = $false
    while (-not $answered) {
        try {
            $answered = Invoke-Command -VMName $VMName -Credential $Credential -ScriptBlock { $true } -ErrorAction Stop
        }
        catch {
            Start-Sleep -Seconds 5
        }
    }
}"""


def command_text(where: str, runnable: Runnable, vm_name: str) -> str:
    """One step's command as the exported script runs it: on the host, or inside the guest via PowerShell Direct."""
    text = render(runnable)
    if where != "guest":
        return text
    block = f"Invoke-Command -VMName {quote(vm_name)} -Credential ${GUEST_CREDENTIAL} -ScriptBlock {{ {text} }}"
    if any(c.name == "Restart-Computer" for c in getattr(runnable, "commands", ())):
        block += f"\nWait-NestWizGuest -VMName {quote(vm_name)} -Credential ${GUEST_CREDENTIAL}"
    return block


def export_script(journal: Journal, *, earlier: list[str] | None = None, title: str = "") -> str:
    """The whole path as one readable PowerShell script: earlier host changes, then each recorded step."""
    plan = journal.plan
    user = str(plan.get("guest_user") or "Administrator")
    lines = [
        "# NestWiz: the nested virtualization path, exported " + time.strftime("%Y-%m-%d %H:%M"),
        f"# {title}" if title else "# Run it in Windows PowerShell 5.1 as an administrator on the Hyper-V host.",
        "#Requires -RunAsAdministrator",
        "$ErrorActionPreference = 'Stop'",
        "",
        WAIT_FOR_GUEST,
        "",
        f"${GUEST_CREDENTIAL} = Get-Credential -UserName {quote(user)} "
        "-Message 'An administrator account of the outer VM (the guest)'",
    ]
    if earlier:
        lines += ["", "# --- Earlier steps: changes made on the host ---", *earlier]
    for step in journal.ordered():
        if not step.commands:
            continue
        lines += ["", f"# --- {STEP_TITLES.get(step.name, step.name)} ({step.where}) ---", *step.commands]
    return "\n".join(lines) + "\n"
