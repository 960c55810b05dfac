"""Run Microsoft's Enable-NestedVm.ps1 on the target, its questions answered from the user's choices; then read back."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass

from core.commands import Script
from core.enable.pins import ENABLE_NESTED_VM, sha256_hex
from core.errors import NestWizError
from core.i18n import translate
from core.runners.base import RecordSink, Runner
from core.vm import EnableOutcome, read_vm, settings_in_place

WRAPPER = "Invoke-EnableNestedVm.ps1"
# Stop-VM in the script waits for the guest to shut down; a slow guest takes minutes.
RUN_TIMEOUT = 900.0


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
            translate("enable", "This copy of {file} (SHA-256 {digest}) is not a known version and was not accepted "
                      "in the viewer, so NestWiz will not run it.").format(file=ENABLE_NESTED_VM.file_name,
                                                                            digest=digest),
            detail=digest,
        )
    return digest


async def run_microsoft_script(
    runner: Runner,
    vm_name: str,
    content: bytes,
    choices: EnableChoices,
    *,
    accepted: Iterable[str] = (),
    on_record: RecordSink | None = None,
    timeout: float = RUN_TIMEOUT,
) -> EnableOutcome:
    """Run the verified script for `vm_name`; its output streams to `on_record`.

    The script reports no failure (it always exits 0), so the outcome comes from the settings read back."""
    check_trusted(content, accepted)
    result = await runner.run(wrapper_call(vm_name, content, choices), timeout=timeout, check=False,
                              on_record=on_record)
    if result.failed:
        record = result.errors[-1] if result.errors else None
        raise ScriptRefused(
            record.message if record else translate("enable", "{target} did not run {file}.").format(
                target=runner.label, file=ENABLE_NESTED_VM.file_name),
            detail="\n".join(e.for_log() for e in result.errors),
            record=record,
        )
    vm = await read_vm(runner, vm_name)
    checks = settings_in_place(vm, mac_spoofing=choices.mac_spoofing, memory_4gb=choices.memory_4gb)
    return EnableOutcome("script", vm, checks, tuple(e.message for e in result.errors))
