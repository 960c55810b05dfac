"""The script's changes made with cmdlets, plus what it misses (configuration version, saved state); then read back."""

from __future__ import annotations

from dataclasses import dataclass

from core.commands import Command, Pipeline, render
from core.errors import NestWizError
from core.i18n import translate
from core.results import Record
from core.runners.base import RecordSink, Runner
from core.vm import EnableOutcome, Readiness, ReadinessItem, read_vm, settings_in_place

# The order Hyper-V needs: the VM off first, then the version (settings may need it), then the settings.
ORDER = ("saved", "running", "version", "extensions", "dynamic-memory", "memory", "mac-spoofing")
STEP_TIMEOUT = 600.0


class ConsentNeeded(NestWizError):
    """A blocker's fix costs something (the guest's unsaved work, a one-way upgrade) and the user has not agreed."""


@dataclass(frozen=True)
class Consent:
    """What the user agreed to on the page, each shown with its caution first."""

    stop_vm: bool = False  # shut a running VM down, or discard a saved state
    update_version: bool = False


@dataclass(frozen=True)
class DirectStep:
    key: str
    command: Command | Pipeline
    label: str


_CONSENT = {"saved": "stop_vm", "running": "stop_vm", "version": "update_version"}


def needs_consent(readiness: Readiness, consent: Consent) -> list[ReadinessItem]:
    """Blockers whose fix the user has not agreed to yet, or that no command can fix."""
    waiting = []
    for item in readiness.blockers:
        agreed = getattr(consent, _CONSENT[item.key]) if item.key in _CONSENT else True
        if not item.fix or not agreed:
            waiting.append(item)
    return waiting


def plan(readiness: Readiness, consent: Consent) -> list[DirectStep]:
    """The commands, in order, that make the VM fit for nesting; ConsentNeeded when a blocker waits on the user.

    `readiness` already carries the user's choices (assess(mac_spoofing=..., memory_4gb=...))."""
    waiting = needs_consent(readiness, consent)
    if waiting:
        raise ConsentNeeded(" ".join(item.message for item in waiting), detail=", ".join(item.key for item in waiting))
    steps: list[DirectStep] = []
    for key in ORDER:
        item = readiness.item(key)
        if item is not None:
            steps.extend(DirectStep(key, command, item.fix_label) for command in item.fix)
    return steps


async def apply(
    runner: Runner,
    readiness: Readiness,
    consent: Consent,
    *,
    mac_spoofing: bool,
    memory_4gb: bool,
    cpu_vendor: str,
    on_record: RecordSink | None = None,
) -> EnableOutcome:
    """Run the plan step by step, stopping at the first failure; the outcome comes from the settings read back."""
    steps = plan(readiness, consent)
    errors: list[str] = []
    for step in steps:
        if on_record is not None:
            on_record(Record("information", f"PS> {render(step.command)}"))
        result = await runner.run(step.command, timeout=STEP_TIMEOUT, check=False, on_record=on_record)
        if not result.ok:
            errors.extend(e.message for e in result.errors)
            if on_record is not None:
                on_record(
                    Record(
                        "warning",
                        translate("direct", "{step} failed; the remaining steps were not run.").format(step=step.label),
                    )
                )
            break
    vm = await read_vm(runner, readiness.vm.name)
    checks = settings_in_place(vm, mac_spoofing=mac_spoofing, memory_4gb=memory_4gb, cpu_vendor=cpu_vendor)
    return EnableOutcome("direct", vm, checks, tuple(errors))
