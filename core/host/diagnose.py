"""The host diagnosis: one probe round trip, typed facts, every check, a verdict and a report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.commands import Script
from core.host.facts import HostFacts, parse_facts
from core.host.rules import Check, Plan, Status, run_checks
from core.i18n import translate
from core.runners.base import Runner

PROBE = Script.of("Get-HostFacts.ps1")
PROBE_TIMEOUT = 120.0


class Verdict(StrEnum):
    READY = "ready"  # nesting can be set up
    BLOCKED = "blocked"  # at least one check failed
    INCOMPLETE = "incomplete"  # nothing failed, but an essential fact is unknown


@dataclass
class Diagnosis:
    target: str
    facts: HostFacts
    checks: list[Check]
    plan: Plan
    round_trips: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def blockers(self) -> list[Check]:
        return [c for c in self.checks if c.blocks]

    @property
    def verdict(self) -> Verdict:
        if any(c.status is Status.FAIL for c in self.checks):
            return Verdict.BLOCKED
        if self.blockers:
            return Verdict.INCOMPLETE
        return Verdict.READY

    @property
    def exit_code(self) -> int:
        return {Verdict.READY: 0, Verdict.BLOCKED: 1, Verdict.INCOMPLETE: 2}[self.verdict]

    def check(self, check_id: str) -> Check:
        return next(c for c in self.checks if c.id == check_id)

    def summary(self) -> str:
        if self.verdict is Verdict.READY:
            return translate("diagnose", "This host can run a VM that runs Hyper-V.")
        first = self.blockers[0]
        if self.verdict is Verdict.BLOCKED:
            return translate("diagnose", "Not ready: {sentence}").format(sentence=first.sentence)
        return translate("diagnose", "The diagnosis is incomplete: {sentence}").format(sentence=first.sentence)

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "verdict": str(self.verdict),
            "summary": self.summary(),
            "checks": [c.as_dict() for c in self.checks],
            "plan": {
                "outer_vm_memory": self.plan.outer_vm_memory,
                "inner_vm_memory": self.plan.inner_vm_memory,
                "host_reserve": self.plan.host_reserve,
                "vhdx_folder": self.plan.vhdx_folder,
                "disk_needed": self.plan.disk_needed,
            },
            "unknown": dict(self.facts.unknown),
            "probe_errors": [
                {"section": e.section, "error_id": e.error_id, "message": e.message} for e in self.facts.probe_errors
            ],
            "round_trips": self.round_trips,
            "seconds": round(self.seconds, 4),
            "raw": self.facts.raw,
        }

    def report(self) -> str:
        """Plain text for a person or a support ticket."""
        marks = {Status.PASS: "[ OK ]", Status.WARN: "[WARN]", Status.FAIL: "[FAIL]", Status.UNKNOWN: "[ ?? ]"}
        f = self.facts
        lines = [
            translate("diagnose", "NestWiz host diagnosis"),
            translate("diagnose", "Target: {target}").format(target=self.target),
            translate("diagnose", "Windows: {caption} (build {build}), edition ID {edition}, SKU {sku}").format(
                caption=f.caption or "?",
                build=f.build if f.build is not None else "?",
                edition=f.edition_id or "?",
                sku=f.sku if f.sku is not None else "?",
            ),
            translate("diagnose", "Processor: {name} ({maker})").format(
                name=f.cpu.name or "?", maker=f.cpu.manufacturer or "?"
            ),
            translate("diagnose", "System: {maker} {model}")
            .format(maker=f.system_manufacturer or "?", model=f.system_model or "")
            .rstrip(),
            translate("diagnose", "Verdict: {verdict} — {summary}").format(
                verdict=self.verdict, summary=self.summary()
            ),
            "",
        ]
        for c in self.checks:
            lines.append(f"{marks[c.status]} {c.title}: {c.sentence}")
            shown = ", ".join(f"{k}={v}" for k, v in c.facts.items())
            lines.append("       " + translate("diagnose", "facts: {facts}").format(facts=shown))
            if c.remedy is not None and c.status is not Status.PASS:
                auto = (
                    translate("diagnose", "NestWiz can do this")
                    if c.remedy.automated
                    else translate("diagnose", "by hand")
                )
                lines.append(
                    "       "
                    + translate("diagnose", "fix ({how}): {label}. {instructions}").format(
                        how=auto, label=c.remedy.label, instructions=c.remedy.instructions
                    )
                )
        if f.probe_errors:
            lines.append("")
            lines.append(translate("diagnose", "Probe errors:"))
            lines.extend(f"  {e.section}: {e.message} [{e.error_id}]" for e in f.probe_errors)
        lines.append("")
        lines.append(
            translate("diagnose", "Probe round trips: {count}; time: {seconds} s").format(
                count=self.round_trips, seconds=f"{self.seconds:.3f}"
            )
        )
        return "\n".join(lines)


def diagnose_output(output: Any, *, plan: Plan | None = None, target: str = "") -> Diagnosis:
    """A diagnosis from probe output already in hand (tests, saved reports)."""
    plan = plan or Plan()
    facts = parse_facts(output)
    return Diagnosis(target, facts, run_checks(facts, plan), plan)


async def diagnose(runner: Runner, plan: Plan | None = None, *, target: str = "") -> Diagnosis:
    """Run the probe once on `runner` and judge every prerequisite.

    Raises the runner's NestWizError when the probe could not run at all.
    """
    started = time.perf_counter()
    before = runner.round_trips
    result = await runner.run(PROBE, timeout=PROBE_TIMEOUT, check=False)
    output: Any = result.output[-1] if len(result.output) == 1 else result.output
    diagnosis = diagnose_output(output, plan=plan, target=target or runner.label)
    diagnosis.round_trips = runner.round_trips - before
    diagnosis.seconds = time.perf_counter() - started
    diagnosis.warnings = [*result.warnings, *(e.message for e in result.errors)]
    return diagnosis
