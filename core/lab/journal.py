"""The lab's journal: each step's outcome and the Ids of the VMs the lab made or chose, saved after every change."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.files import write_atomic
from core.paths import data_dir

JOURNAL_FILE = "lab-journal.json"
FORMAT = 2
KIND = "nestwiz-journal"
SECRET_KEYS = frozenset({"password", "secret", "token"})


def journal_path() -> Path:
    return data_dir() / JOURNAL_FILE


@dataclass(frozen=True)
class VmRef:
    """A VM known by its Id (Hyper-V allows two VMs of one name); the name is what it was called then."""

    name: str
    id: str
    where: str = "host"  # "host", or "outer": inside the outer VM


@dataclass
class Created:
    """Something a step brought into being. `confirmed` is False while its command is still on its way: after a
    crash the engine looks for it on the host before it trusts or forgets the record."""

    step: str
    kind: str  # "vm" | "file" | "switch" | "nat" | "address"
    target: str  # the VM's or switch's name, the file's path, the NAT's name, the address
    where: str = "host"
    vm_id: str = ""
    confirmed: bool = False

    def describe(self) -> str:
        from core.i18n import translate

        words = {
            "vm": translate("lab", "the VM '{target}'"),
            "file": translate("lab", "the file {target}"),
            "switch": translate("lab", "the switch '{target}'"),
            "nat": translate("lab", "the NAT '{target}'"),
            "address": translate("lab", "the address {target}"),
        }
        text = words.get(self.kind, "{target}").format(target=self.target)
        return text if self.where == "host" else translate("lab", "{thing} inside the outer VM").format(thing=text)


@dataclass
class StepRecord:
    id: str
    status: str = "running"  # running | done | already | failed | cancelled
    where: str = "host"
    summary: str = ""
    message: str = ""
    commands: list[str] = field(default_factory=list)  # readable PowerShell of the changes it sent, in order
    started_at: float = 0.0
    finished_at: float | None = None
    target_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return 0.0 if self.finished_at is None else max(0.0, self.finished_at - self.started_at)

    @property
    def ok(self) -> bool:
        return self.status in ("done", "already")


def _no_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_secrets(v) for k, v in value.items() if str(k).lower() not in SECRET_KEYS}
    if isinstance(value, list):
        return [_no_secrets(v) for v in value]
    return value


@dataclass
class Journal:
    path: Path
    plan: dict[str, Any] = field(default_factory=dict)
    vms: dict[str, VmRef] = field(default_factory=dict)  # "outer", "inner"
    created: list[Created] = field(default_factory=list)
    steps: dict[str, StepRecord] = field(default_factory=dict)
    created_at: float = field(default_factory=time.time)
    finished: bool = False
    note: str = ""  # why an earlier journal was set aside, for the user

    @classmethod
    def load(cls, path: Path | None = None) -> Journal | None:
        """The saved journal, or None when there is none; an unreadable one is set aside, never lost."""
        path = path or journal_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("kind") != KIND or data.get("format") != FORMAT:
                raise ValueError("not a NestWiz journal of this format")
            return cls(
                path,
                dict(data.get("plan") or {}),
                {k: VmRef(**v) for k, v in (data.get("vms") or {}).items()},
                [Created(**c) for c in data.get("created") or []],
                {k: StepRecord(**v) for k, v in (data.get("steps") or {}).items()},
                float(data.get("created_at", time.time())),
                bool(data.get("finished", False)),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            aside = path.with_name(path.name + ".unreadable")
            number = 1
            while aside.exists():  # an earlier unreadable journal is kept too
                number += 1
                aside = path.with_name(f"{path.name}.unreadable.{number}")
            with contextlib.suppress(OSError):
                os.replace(path, aside)
            journal = cls(path)
            journal.note = f"The journal {path} could not be read ({exc}); it was set aside as {aside.name}."
            return journal

    @classmethod
    def open(cls, path: Path | None = None) -> Journal:
        return cls.load(path) or cls(path or journal_path())

    def save(self) -> None:
        data = {
            "kind": KIND,
            "format": FORMAT,
            "created_at": self.created_at,
            "finished": self.finished,
            "plan": _no_secrets(self.plan),
            "vms": {k: asdict(v) for k, v in self.vms.items()},
            "created": [asdict(c) for c in self.created],
            "steps": {k: asdict(v) for k, v in self.steps.items()},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.plan.clear()
        self.vms.clear()
        self.created.clear()
        self.steps.clear()
        self.finished = False
        self.created_at = time.time()

    # ------------------------------------------------------------------ what the engine writes
    def set_plan(self, plan: dict[str, Any]) -> None:
        self.plan = _no_secrets(plan)
        self.save()

    def set_vm(self, role: str, ref: VmRef) -> None:
        self.vms[role] = ref
        self.save()

    def intend(self, item: Created) -> Created:
        """Record a creation before its command goes out, so a crash in between still leaves a trace."""
        self.created.append(item)
        self.save()
        return item

    def confirm(self, item: Created, vm_id: str = "") -> None:
        item.confirmed = True
        item.vm_id = vm_id or item.vm_id
        self.save()

    def forget(self, items: list[Created]) -> None:
        self.created = [c for c in self.created if c not in items]
        self.save()

    def begin(self, step: str, where: str) -> StepRecord:
        record = StepRecord(step, "running", where, started_at=time.time())
        self.steps[step] = record
        self.save()
        return record

    def end(
        self,
        step: str,
        status: str,
        *,
        summary: str = "",
        message: str = "",
        commands: list[str] | None = None,
        target_seconds: float = 0.0,
    ) -> StepRecord:
        record = self.steps.get(step) or StepRecord(step, started_at=time.time())
        record.status = status
        record.summary = summary
        record.message = message
        record.commands = list(commands or [])
        record.finished_at = time.time()
        record.target_seconds = target_seconds
        self.steps[step] = record
        self.save()
        return record

    def finish(self) -> None:
        self.finished = True
        self.save()

    def made_vm(self, vm_id: str) -> bool:
        """The lab created the VM of this Id (so it holds nothing of the user's)."""
        return any(c.kind == "vm" and c.vm_id == vm_id for c in self.created)

    def created_by(self, step: str) -> list[Created]:
        return [c for c in self.created if c.step == step]

    @property
    def resumable(self) -> bool:
        return not self.finished and bool(self.steps)

    def first_unfinished(self, order: tuple[str, ...]) -> str | None:
        """The first step that was started but did not end well, or the one after the last that did."""
        recorded = [step for step in order if step in self.steps]
        for step in recorded:
            if not self.steps[step].ok:
                return step
        if not recorded:
            return None
        after = order.index(recorded[-1]) + 1
        return order[after] if after < len(order) else None
