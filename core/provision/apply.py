"""Run an outer-VM plan step by step; after a failure, say what exists now and remove exactly that on request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.commands import Command
from core.errors import NestWizError
from core.i18n import translate
from core.provision.outer import Step
from core.runners.base import Runner

STEP_TIMEOUT = 600.0  # a fixed-size disk or a slow share can take minutes

Progress = Callable[[int, Step], None]


@dataclass(frozen=True)
class Created:
    """Something this run brought into being: a VM (with the Id Hyper-V gave it) or a file."""

    kind: str  # "vm" | "file"
    target: str  # the VM's name or the file's path
    vm_id: str = ""

    def describe(self) -> str:
        return (
            translate("apply", "the VM '{target}'") if self.kind == "vm" else translate("apply", "the file {target}")
        ).format(target=self.target)


@dataclass
class ApplyReport:
    steps: Sequence[Step]
    done: int  # how many steps finished
    failed: Step | None = None
    error: NestWizError | None = None
    created: list[Created] = field(default_factory=list)  # made by this run and present now

    @property
    def ok(self) -> bool:
        return self.failed is None

    def summary(self) -> str:
        if self.ok:
            return translate("apply", "All {count} steps finished.").format(count=len(self.steps))
        assert self.failed is not None and self.error is not None
        lines = [
            translate("apply", "Step {number} of {count} failed: {step}.").format(
                number=self.done + 1, count=len(self.steps), step=self.failed.description
            ),
            translate("apply", "Hyper-V said: {message}").format(message=self.error.message),
        ]
        if self.created:
            lines.append(
                translate("apply", "This run created, and the host still has: {items}.").format(
                    items="; ".join(c.describe() for c in self.created)
                )
            )
        else:
            lines.append(translate("apply", "Nothing this run created is left on the host."))
        return "\n".join(lines)


@dataclass
class RemovalReport:
    removed: list[Created] = field(default_factory=list)
    left: list[tuple[Created, str]] = field(default_factory=list)  # with the reason

    @property
    def ok(self) -> bool:
        return not self.left


def _vm_id(output: list[Any]) -> str:
    record = output[0] if output and isinstance(output[0], dict) else {}
    return str(record.get("Id") or record.get("VMId") or "")


async def apply(runner: Runner, steps: Sequence[Step], progress: Progress | None = None) -> ApplyReport:
    """Run the steps in order; stop at the first failure and report what this run left on the host."""
    created: list[Created] = []
    for index, step in enumerate(steps):
        if progress is not None:
            progress(index, step)
        try:
            result = await runner.run(step.command, timeout=STEP_TIMEOUT)
        except NestWizError as exc:
            return ApplyReport(steps, index, step, exc, await present(runner, created))
        if step.creates == "vm":
            created.append(Created("vm", step.target, _vm_id(result.output)))
        elif step.creates == "file":
            created.append(Created("file", step.target))
    if progress is not None and steps:
        progress(len(steps), steps[-1])
    return ApplyReport(steps, len(steps), created=created)


async def present(runner: Runner, created: Sequence[Created]) -> list[Created]:
    """Those of `created` the host still has: one Get-VM and one batched Test-Path."""
    if not created:
        return []
    vm_ids: set[str] = set()
    if any(c.kind == "vm" for c in created):
        vms = await runner.run(Command.of("Get-VM"), check=False)
        vm_ids = {str(r.get("Id")) for r in vms.output if isinstance(r, dict)}
    files = tuple(c.target for c in created if c.kind == "file")
    exists: dict[str, bool] = {}
    if files:
        tested = await runner.run(Command.of("Test-Path", LiteralPath=files), check=False)
        exists = {path: bool(flag) for path, flag in zip(files, tested.output, strict=False)}
    return [c for c in created if (c.vm_id in vm_ids if c.kind == "vm" else exists.get(c.target, True))]


async def _remove_vm(runner: Runner, item: Created) -> str | None:
    """Remove the VM this run created, by name only when that name now means that VM alone."""
    found = await runner.run(Command.of("Get-VM", Name=item.target), check=False)
    same_name = [r for r in found.output if isinstance(r, dict) and str(r.get("Name")).lower() == item.target.lower()]
    ours = [r for r in same_name if str(r.get("Id")) == item.vm_id]
    if not ours:
        return None
    if len(same_name) > 1:
        return translate(
            "apply",
            "another VM is also named '{name}' now, and Hyper-V removes VMs by name: remove "
            "the one with Id {id} in Hyper-V Manager",
        ).format(name=item.target, id=item.vm_id)
    if str(ours[0].get("State")) != "Off":
        await runner.run(Command.of("Stop-VM", Name=item.target, TurnOff=True, Force=True))
    await runner.run(Command.of("Remove-VM", Name=item.target, Force=True))
    return None


async def remove_created(runner: Runner, created: Sequence[Created]) -> RemovalReport:
    """Undo this run's creations, newest first (the VM before the disk it holds). Nothing else is touched."""
    report = RemovalReport()
    for item in reversed(created):
        try:
            if item.kind == "vm":
                reason = await _remove_vm(runner, item)
            else:
                await runner.run(Command.of("Remove-Item", LiteralPath=item.target))
                reason = None
        except NestWizError as exc:
            reason = exc.message
        if reason is None:
            report.removed.append(item)
        else:
            report.left.append((item, reason))
    return report
