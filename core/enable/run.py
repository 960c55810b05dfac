"""Run Microsoft's Enable-NestedVm.ps1 on the target, its questions answered from the user's choices; then read back."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass

from core.commands import Script, render
from core.enable import direct
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.errors import NestWizError
from core.i18n import translate
from core.results import Record
from core.runners.base import RecordSink, Runner
from core.vm import EnableOutcome, Readiness, Severity, read_vm, settings_in_place

WRAPPER = "Invoke-EnableNestedVm.ps1"
# Stop-VM in the script waits for the guest to shut down; a slow guest takes minutes.
RUN_TIMEOUT = 900.0
# What NestWiz does itself before the script, with the user's consent: the script never checks the configuration
# version (nesting needs 8.0 on Intel, 9.3 on AMD), and its Stop-VM has no -Force, which Stop-VM's documentation
# says is what shuts down a locked guest (https://learn.microsoft.com/powershell/module/hyper-v/stop-vm; a
# non-interactive run cannot answer for it: https://github.com/VirtualEngine/Lability/pull/87). Once the VM is off,
# the script stops nothing.
BEFORE_SCRIPT = ("saved", "running", "version")


class ScriptNotTrusted(NestWizError):
    """The content is neither a pinned version of the script nor the one the user accepted."""


class ScriptRefused(NestWizError):
    """The target refused to run the script at all (not elevated, digest changed in transit, unknown text)."""


@dataclass(frozen=True)
class EnableChoices:
    """The answers to the script's two optional questions, and what the direct path applies."""

    mac_spoofing: bool = True
    memory_4gb: bool = True


def wrapper_call(vm_name: str, content: bytes, choices: EnableChoices) -> Script:
    """The fixed wrapper with the script's bytes, their digest, the VM name and the answers, all as values."""
    return Script.of(
        WRAPPER,
        VmName=vm_name,
        ScriptBase64=base64.b64encode(content).decode("ascii"),
        ExpectedSha256=sha256_hex(content),
        MacSpoofingAnswer="Y" if choices.mac_spoofing else "N",
        MemoryAnswer="Y" if choices.memory_4gb else "N",
    )


def check_trusted(content: bytes, accepted: Iterable[str] = ()) -> str:
    """The content's SHA-256 when it is pinned or explicitly accepted; ScriptNotTrusted otherwise."""
    digest = sha256_hex(content)
    if ENABLE_NESTED_VM.match(digest) is None and digest not in {a.lower() for a in accepted}:
        raise ScriptNotTrusted(
            translate(
                "enable",
                "This copy of {file} (SHA-256 {digest}) is not a known version and was not accepted "
                "in the viewer, so NestWiz will not run it.",
            ).format(file=ENABLE_NESTED_VM.file_name, digest=digest),
            detail=digest,
        )
    return digest


def before_script(readiness: Readiness) -> Readiness:
    """The blockers NestWiz fixes before the script runs (BEFORE_SCRIPT); the script does the rest."""
    return Readiness(
        readiness.vm, tuple(i for i in readiness.items if i.key in BEFORE_SCRIPT and i.severity is Severity.BLOCKER)
    )


async def prepare_for_script(
    runner: Runner,
    readiness: Readiness,
    consent: direct.Consent,
    *,
    on_record: RecordSink | None = None,
) -> list[str]:
    """Shut the VM down (Stop-VM -Force) and upgrade its configuration version, as the user agreed, before the
    script; ConsentNeeded when a blocker waits on the user or no command can fix it. The labels of what ran."""
    steps = direct.plan(before_script(readiness), consent)
    for step in steps:
        if on_record is not None:
            on_record(Record("information", f"PS> {render(step.command)}"))
        await runner.run(step.command, timeout=direct.STEP_TIMEOUT, on_record=on_record)
    return [step.label for step in steps]


async def run_microsoft_script(
    runner: Runner,
    vm_name: str,
    content: bytes,
    choices: EnableChoices,
    *,
    accepted: Iterable[str] = (),
    on_record: RecordSink | None = None,
    timeout: float = RUN_TIMEOUT,
    cpu_vendor: str | None = None,
) -> EnableOutcome:
    """Run the verified script for `vm_name`; its output streams to `on_record`.

    The script reports no failure (it always exits 0), so the outcome comes from the settings read back; with
    `cpu_vendor`, the read-back includes the configuration version nesting needs on that processor."""
    check_trusted(content, accepted)
    result = await runner.run(
        wrapper_call(vm_name, content, choices), timeout=timeout, check=False, on_record=on_record
    )
    if result.failed:
        record = result.errors[-1] if result.errors else None
        raise ScriptRefused(
            record.message
            if record
            else translate("enable", "{target} did not run {file}.").format(
                target=runner.label, file=ENABLE_NESTED_VM.file_name
            ),
            detail="\n".join(e.for_log() for e in result.errors),
            record=record,
        )
    vm = await read_vm(runner, vm_name)
    checks = settings_in_place(
        vm, mac_spoofing=choices.mac_spoofing, memory_4gb=choices.memory_4gb, cpu_vendor=cpu_vendor
    )
    return EnableOutcome("script", vm, checks, tuple(e.message for e in result.errors))
