"""Fixes for failed host checks: what a person does, and the ones NestWiz can run itself."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.commands import Command
from core.errors import NestWizError, RunnerError
from core.host.facts import AMD, AWS, AZURE, GCP, HostFacts
from core.i18n import translate
from core.paths import data_dir

if TYPE_CHECKING:
    from core.runners.base import Runner

CLIENT_FEATURE = "Microsoft-Hyper-V-All"
SERVER_FEATURE = "Hyper-V"
RUN_ONCE_KEY = "HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce"
RESTART_SECONDS = 90.0  # how long a restart takes on the simulated host, in its seconds
RESTART_TIMEOUT = 900.0


@dataclass(frozen=True)
class Remedy:
    """A fix for a failed check. `automated`: NestWiz can run it (a button); otherwise a person follows the text."""

    id: str
    label: str
    instructions: str
    automated: bool
    needs_elevation: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "instructions": self.instructions,
            "automated": self.automated,
            "needs_elevation": self.needs_elevation,
        }


# ---------------------------------------------------------------------- the catalogue
def enable_hyperv(facts: HostFacts) -> Remedy:
    if facts.is_server:
        how = translate(
            "remedies",
            "NestWiz runs Install-WindowsFeature -Name Hyper-V -IncludeManagementTools, then "
            "offers to restart the computer. By hand: Server Manager → Add Roles and Features → Hyper-V.",
        )
    else:
        how = translate(
            "remedies",
            "NestWiz runs Enable-WindowsOptionalFeature -Online -FeatureName "
            "Microsoft-Hyper-V-All -All -NoRestart, then offers to restart the computer. By hand: Settings "
            "→ System → Optional features → More Windows features → Hyper-V.",
        )
    return Remedy("enable-hyperv", translate("remedies", "Enable Hyper-V"), how, automated=True, needs_elevation=True)


def restart() -> Remedy:
    return Remedy(
        "restart",
        translate("remedies", "Restart now"),
        translate(
            "remedies",
            "Windows finishes installing Hyper-V while it restarts. NestWiz restarts the "
            "computer (Restart-Computer) and continues where it stopped once the computer is back. "
            "Save open work first.",
        ),
        automated=True,
        needs_elevation=True,
    )


def elevate() -> Remedy:
    return Remedy(
        "elevate",
        translate("remedies", "Restart NestWiz as administrator"),
        translate(
            "remedies",
            "Windows asks for administrator consent (UAC); NestWiz starts again with the "
            "same choices and continues on this page. Alternatively, an administrator can add your "
            "account to the Hyper-V Administrators group (SID S-1-5-32-578) and you sign out and in "
            "again.",
        ),
        automated=True,
    )


def upgrade_edition() -> Remedy:
    return Remedy(
        "upgrade-edition",
        translate("remedies", "Upgrade to Windows Pro"),
        translate(
            "remedies",
            "Windows Home cannot run Hyper-V. Upgrade to Windows 11 Pro, Enterprise or "
            "Education (Settings → System → Activation → Upgrade your edition of Windows), then run "
            "NestWiz again. Another computer, or a remote Hyper-V host, works too.",
        ),
        automated=False,
    )


def upgrade_windows(facts: HostFacts) -> Remedy:
    if facts.cpu_vendor == AMD:
        text = translate(
            "remedies",
            "Nested virtualization on AMD processors needs Windows 11 (build 22000 or later) "
            "or Windows Server 2022 (build 20348 or later). Upgrade this computer, or use a host running "
            "one of those.",
        )
    else:
        text = translate(
            "remedies",
            "Nested virtualization needs Windows 10 version 1607 / Windows Server 2016 (build "
            "14393) or later. Update Windows, then run NestWiz again.",
        )
    return Remedy("upgrade-windows", translate("remedies", "Upgrade Windows"), text, automated=False)


# Where the setting lives on common machines; the first boot key is what to press while the logo shows.
# Each text is a function so it is translated when read, not at import (before a translator is installed).
_FIRMWARE_BY_MAKER: tuple[tuple[tuple[str, ...], Callable[[], str]], ...] = (
    (
        ("dell",),
        lambda: translate(
            "remedies",
            "Press F2 while the Dell logo shows. Open Virtualization Support (or "
            "Advanced → Processor Configuration) and turn on {tech}.",
        ),
    ),
    (
        ("hp", "hewlett"),
        lambda: translate(
            "remedies",
            "Press Esc then F10 while the HP logo shows. Under Advanced → "
            "System Options (or System Configuration) turn on {tech}.",
        ),
    ),
    (
        ("lenovo",),
        lambda: translate(
            "remedies",
            "Press F1 (ThinkPad, ThinkCentre) or F2 (IdeaPad, Legion) while the "
            "Lenovo logo shows; on some models press Enter first. Under Security → "
            "Virtualization (or Configuration) turn on {tech}.",
        ),
    ),
    (
        ("asus",),
        lambda: translate(
            "remedies",
            "Press F2 or Del while the ASUS logo shows, press F7 for Advanced Mode, "
            "then Advanced → CPU Configuration: turn on {tech}.",
        ),
    ),
    (
        ("micro-star", "msi"),
        lambda: translate(
            "remedies", "Press Del while the MSI logo shows. Under OC → CPU Features (or Advanced) turn on {tech}."
        ),
    ),
    (
        ("gigabyte",),
        lambda: translate(
            "remedies", "Press Del while the GIGABYTE logo shows. Under Tweaker → Advanced CPU Settings turn on {tech}."
        ),
    ),
    (
        ("acer",),
        lambda: translate("remedies", "Press F2 while the Acer logo shows. Under Advanced (or Main) turn on {tech}."),
    ),
    (
        ("microsoft",),
        lambda: translate(
            "remedies",
            "Surface devices enable virtualization by default. Hold Volume-Up "
            "while pressing Power to open Surface UEFI and check Security / Devices for "
            "virtualization settings.",
        ),
    ),
    (
        ("supermicro",),
        lambda: translate("remedies", "Press Del during POST. Under Advanced → CPU Configuration turn on {tech}."),
    ),
    (
        ("fujitsu",),
        lambda: translate("remedies", "Press F2 during POST. Under Advanced → CPU Configuration turn on {tech}."),
    ),
)


def firmware_tech(facts: HostFacts) -> str:
    if facts.cpu_vendor == AMD:
        return translate("remedies", "SVM Mode (AMD-V, sometimes 'AMD Virtualization')")
    return translate("remedies", "Intel Virtualization Technology (VT-x; also turn on VT-d if it is listed)")


def firmware(facts: HostFacts) -> Remedy:
    tech = firmware_tech(facts)
    maker = (facts.system_manufacturer or "").lower()
    steps = next((text for keys, text in _FIRMWARE_BY_MAKER if any(maker.startswith(k) for k in keys)), None)
    general = translate(
        "remedies",
        "Restart into the firmware setup: Settings → System → Recovery → Advanced "
        "startup → Restart now, then Troubleshoot → Advanced options → UEFI Firmware Settings.",
    )
    body = (
        steps() if steps else translate("remedies", "Open the firmware setup (BIOS/UEFI) and turn on {tech}.")
    ).format(tech=tech)
    if facts.system_manufacturer:
        manual = translate(
            "remedies",
            "Save and exit (usually F10). The names differ between models; {maker}'s manual has the exact menu.",
        ).format(maker=facts.system_manufacturer)
    else:
        manual = translate(
            "remedies",
            "Save and exit (usually F10). The names differ between models; this "
            "computer's maker's manual has the exact menu.",
        )
    return Remedy(
        "firmware-virtualization",
        translate("remedies", "Turn on virtualization in the firmware"),
        f"{general} {body} {manual}",
        automated=False,
    )


# EC2 instance families whose CPU options offer nested virtualization ("supported only on 8th generation
# Intel-based instance types (c8i, m8i, r8i, and their flex variants)": https://docs.aws.amazon.com/AWSEC2/latest/
# APIReference/API_ModifyInstanceCpuOptions.html, NestedVirtualization; the CPU option guide lists the same).
AWS_NESTED_FAMILIES = ("c8i", "m8i", "r8i", "c8i-flex", "m8i-flex", "r8i-flex")


def parent_nesting(facts: HostFacts) -> Remedy:
    if facts.cloud == AZURE:
        # Trusted Launch blocks Hyper-V inside; nesting needs the Standard security type (windowsserverdocs
        # nested-virtualization.md; MicrosoftDocs/azure-docs#87947) and a size that supports it.
        return Remedy(
            "enable-nesting-on-parent",
            translate("remedies", "Use an Azure VM that can nest"),
            translate(
                "remedies",
                "This computer is an Azure virtual machine. Azure exposes virtualization "
                "extensions only to VM sizes that support nested virtualization (the size's page "
                "says so), and only with Security type 'Standard': Trusted Launch blocks Hyper-V "
                "inside. Resize the VM to such a size, or create a VM of such a size with Security "
                "type 'Standard'.",
            ),
            automated=False,
        )
    if facts.cloud == AWS:
        kind = (facts.system_model or "").strip()
        family = kind.split(".")[0].lower()
        if family in AWS_NESTED_FAMILIES:
            how = translate(
                "remedies",
                "This computer is an Amazon EC2 instance of type {kind}, which supports "
                "nested virtualization once its CPU option is turned on: stop the instance, run 'aws ec2 "
                "modify-instance-cpu-options --instance-id <id> --nested-virtualization enabled', and "
                "start it again.",
            ).format(kind=kind)
        else:
            how = translate(
                "remedies",
                "This computer is an Amazon EC2 instance of type {kind}. EC2 offers nested "
                "virtualization only on the c8i, m8i and r8i instance types (and their flex "
                "variants), with the CPU option NestedVirtualization=enabled: move to one of those "
                "types, or run NestWiz on a physical computer.",
            ).format(kind=kind or "?")
        return Remedy(
            "enable-nesting-on-parent", translate("remedies", "Use an EC2 instance that can nest"), how, automated=False
        )
    if facts.cloud == GCP:
        # "The only hypervisor supported in an L1 VM is Linux KVM; Microsoft Hyper-V isn't supported."
        # (https://cloud.google.com/compute/docs/instances/nested-virtualization/overview, Restrictions)
        return Remedy(
            "enable-nesting-on-parent",
            translate("remedies", "Use another host"),
            translate(
                "remedies",
                "This computer is a Google Compute Engine VM. Compute Engine's nested "
                "virtualization supports only Linux KVM inside its VMs, not Hyper-V, so NestWiz cannot "
                "nest here. Run it on a physical computer or on a cloud VM that supports nested "
                "Hyper-V.",
            ),
            automated=False,
        )
    model = facts.system_model or translate("remedies", "virtual machine")
    return Remedy(
        "enable-nesting-on-parent",
        translate("remedies", "Enable nesting on the outer hypervisor"),
        translate(
            "remedies",
            "This computer is itself a virtual machine ({model}). Its own hypervisor must "
            "expose virtualization extensions: on Hyper-V, with the VM off, Set-VMProcessor -VMName "
            "<name> -ExposeVirtualizationExtensions $true on the physical host; on Azure, a VM size "
            "that supports nesting with Security type 'Standard'; on VMware, 'Expose hardware "
            "assisted virtualization to the guest OS'.",
        ).format(model=model),
        automated=False,
    )


def hypervisor_launch() -> Remedy:
    return Remedy(
        "hypervisor-launch",
        translate("remedies", "Let the hypervisor start"),
        translate(
            "remedies",
            "Hyper-V is installed but its hypervisor does not run. In an administrator "
            "prompt run 'bcdedit /set hypervisorlaunchtype auto', then restart. If it still does not "
            "start, check that virtualization is on in the firmware.",
        ),
        automated=False,
    )


def lower_memory_plan() -> Remedy:
    return Remedy(
        "memory-plan",
        translate("remedies", "Plan less memory"),
        translate(
            "remedies",
            "Give the outer and inner VMs less memory, close applications or stop other "
            "VMs, or use a host with more memory.",
        ),
        automated=False,
    )


def free_disk() -> Remedy:
    return Remedy(
        "disk-space",
        translate("remedies", "Free disk space"),
        translate(
            "remedies", "Free space on this volume, or choose a folder on another volume for the virtual hard disks."
        ),
        automated=False,
    )


# ---------------------------------------------------------------------- running them
def enable_command(facts: HostFacts) -> Command:
    if facts.is_server:
        return Command.of("Install-WindowsFeature", Name=SERVER_FEATURE, IncludeManagementTools=True)
    return Command.of(
        "Enable-WindowsOptionalFeature", Online=True, FeatureName=CLIENT_FEATURE, All=True, NoRestart=True
    )


RESTART_COMMAND = Command.of("Restart-Computer", Force=True)


async def run_enable_hyperv(runner: Runner, facts: HostFacts) -> bool:
    """Enable the feature or role; True when Windows needs a restart to finish."""
    result = await runner.run(enable_command(facts), timeout=1800)
    needed = False
    for item in result.output:
        if isinstance(item, dict):
            flag = item.get("RestartNeeded")
            needed = needed or flag is True or str(flag).lower() in ("yes", "true")
    return needed


@dataclass
class ResumeState:
    """What a relaunched NestWiz needs to continue: the arguments it had and the wizard's state."""

    argv: list[str]
    state: dict[str, Any] = field(default_factory=dict)

    def save(self, folder: Path | None = None) -> Path:
        folder = folder or data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"resume-{uuid.uuid4().hex[:12]}.json"
        path.write_text(json.dumps({"argv": self.argv, "state": self.state}, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> ResumeState:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            argv, state = data["argv"], data.get("state", {})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise NestWizError(
                translate("remedies", "NestWiz could not read its saved state from {path}.").format(path=path),
                detail=repr(exc),
            ) from exc
        if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv) or not isinstance(state, dict):
            raise NestWizError(
                translate("remedies", "The saved state in {path} is damaged.").format(path=path),
                detail=repr(data)[:200],
            )
        return cls(argv, state)


ELEVATE_FLAG = "--elevate"


def relaunch_argv(argv: list[str], state_path: Path, *, elevate: bool = False) -> list[str]:
    """The same arguments plus the state file; an older --resume is replaced, never repeated.

    `elevate`: the started NestWiz first asks Windows for administrator rights (ELEVATE_FLAG); without it any
    such flag is dropped, so an elevated copy never asks again.
    """
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--resume":
            skip = True
            continue
        if arg.startswith("--resume=") or arg == ELEVATE_FLAG:
            continue
        out.append(arg)
    return [*out, *([ELEVATE_FLAG] if elevate else []), "--resume", str(state_path)]


def launch_command(
    argv: list[str],
    state_path: Path,
    *,
    executable: str | None = None,
    frozen: bool | None = None,
    elevate: bool = False,
) -> tuple[str, str]:
    """(program, parameters) for ShellExecute: the same executable, the same arguments, plus the state file.

    `argv` is the wizard's arguments without the program (sys.argv[1:]); a source checkout runs
    `python -m gui.main`, a frozen build is its own executable.
    """
    exe = executable or sys.executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    args = relaunch_argv(argv, state_path, elevate=elevate)
    if not frozen:
        args = ["-m", "gui.main", *args]
    return exe, subprocess.list2cmdline(args)


ShellExecute = Callable[[str, str], int]


def _shell_execute_runas(program: str, parameters: str) -> int:
    import ctypes

    windll: Any = getattr(ctypes, "windll")  # noqa: B009 (absent off Windows; mypy checks on Linux)
    return int(windll.shell32.ShellExecuteW(None, "runas", program, parameters, None, 1))


def relaunch_elevated(
    resume: ResumeState,
    *,
    shell_execute: ShellExecute | None = None,
    executable: str | None = None,
    frozen: bool | None = None,
) -> Path:
    """Start an elevated copy of NestWiz (UAC) that continues from `resume`; the caller then quits.

    Raises NestWizError when Windows refused (consent declined, or not Windows).
    """
    if shell_execute is None:
        if sys.platform != "win32":
            raise NestWizError(translate("remedies", "Only Windows can restart NestWiz as administrator."))
        shell_execute = _shell_execute_runas
    path = resume.save()
    program, parameters = launch_command(resume.argv, path, executable=executable, frozen=frozen)
    code = shell_execute(program, parameters)
    if code <= 32:  # ShellExecute's documented failure range; 5 = access denied, 1223 = the user said no
        path.unlink(missing_ok=True)
        raise NestWizError(
            translate(
                "remedies",
                "Windows did not start NestWiz as administrator (the consent prompt was declined or failed).",
            ),
            detail=f"ShellExecuteW runas returned {code}",
        )
    return path


def _is_user_an_admin() -> bool:
    import ctypes

    windll: Any = getattr(ctypes, "windll")  # noqa: B009 (absent off Windows; mypy checks on Linux)
    return bool(windll.shell32.IsUserAnAdmin())


def continue_elevated(
    argv: list[str], *, is_admin: Callable[[], bool] | None = None, shell_execute: ShellExecute | None = None
) -> Path | None:
    """Started with ELEVATE_FLAG (by the RunOnce entry after a restart) and not elevated: ask for elevation.

    Returns the state file an elevated copy now continues from (this one then quits), or None to go on here:
    not asked, already elevated, or the consent was declined (the host checks then say NestWiz is not elevated
    and offer to restart it as administrator).
    """
    if ELEVATE_FLAG not in argv or "--resume" not in argv:
        return None
    if is_admin is None:
        if sys.platform != "win32":
            return None
        is_admin = _is_user_an_admin
    if is_admin():
        return None
    resume_path = Path(argv[argv.index("--resume") + 1])
    rest = [a for a in argv if a != ELEVATE_FLAG]
    try:
        resume = ResumeState.load(resume_path)
        return relaunch_elevated(ResumeState(rest, resume.state), shell_execute=shell_execute)
    except NestWizError:
        return None


def run_once_command(resume_path: Path, *, executable: str | None = None, frozen: bool | None = None) -> Command:
    """A RunOnce entry that starts NestWiz after the next sign-in, continuing from the saved state.

    Windows runs the entry once, then deletes it (https://learn.microsoft.com/windows-hardware/drivers/install/
    runonce-registry-key), and starts it unelevated: the shell (File Explorer) runs with the standard user's
    rights even for an administrator, and so do the programs it starts (https://learn.microsoft.com/
    windows-server/security/user-account-control/user-account-control-overview).
    So it carries ELEVATE_FLAG: the started NestWiz asks for elevation (UAC) before anything else
    (continue_elevated).
    """
    program, parameters = launch_command(
        ResumeState.load(resume_path).argv, resume_path, executable=executable, frozen=frozen, elevate=True
    )
    return Command.of(
        "New-ItemProperty",
        Path=RUN_ONCE_KEY,
        Name="NestWiz",
        Value=subprocess.list2cmdline([program]) + " " + parameters,
        PropertyType="String",
        Force=True,
    )


async def restart_and_wait(
    runner: Runner, *, resume: ResumeState | None = None, timeout: float = RESTART_TIMEOUT
) -> None:
    """Restart the target and return once it answers again.

    On this computer the restart ends NestWiz too: a RunOnce entry brings it back with its state. A remote or
    simulated host is polled until it answers.
    """
    if runner.kind == "local":
        if resume is not None:
            await runner.run(run_once_command(resume.save()))
        await runner.run(RESTART_COMMAND)
        return
    try:
        await runner.run(RESTART_COMMAND, timeout=120)
    except RunnerError:
        if runner.kind == "simulated":
            raise
        # A remote session often drops while Windows goes down; the polling below tells whether it came back.
    await runner.clock.sleep(RESTART_SECONDS if runner.kind == "simulated" else 30.0)
    deadline = runner.clock.now() + timeout
    probe = Command.of("Get-CimInstance", ClassName="Win32_OperatingSystem")
    while True:
        try:
            await runner.run(probe, timeout=60)
            return
        except RunnerError:
            if runner.clock.now() > deadline:
                raise
            await runner.clock.sleep(10)


@dataclass(frozen=True)
class RemedyOutcome:
    """What a remedy did. `relaunched`: an elevated NestWiz now continues from this state file; quit this one."""

    message: str
    restart_needed: bool = False
    relaunched: Path | None = None


async def apply(
    remedy: Remedy, runner: Runner, facts: HostFacts, *, resume: ResumeState | None = None
) -> RemedyOutcome:
    """Run an automated remedy on the target. Raises NestWizError when it cannot be run or fails."""
    if not remedy.automated:
        raise NestWizError(
            translate("remedies", "'{label}' is done by hand: {instructions}").format(
                label=remedy.label, instructions=remedy.instructions
            )
        )
    if remedy.id == "enable-hyperv":
        needed = await run_enable_hyperv(runner, facts)
        if needed:
            return RemedyOutcome(
                translate("remedies", "Hyper-V is enabled. Windows must restart to finish installing it."), True
            )
        return RemedyOutcome(translate("remedies", "Hyper-V is enabled."))
    if remedy.id == "restart":
        await restart_and_wait(runner, resume=resume)
        return RemedyOutcome(translate("remedies", "The computer has restarted."))
    if remedy.id == "elevate":
        if runner.elevate_in_place():
            return RemedyOutcome(translate("remedies", "NestWiz now runs as administrator on the simulated host."))
        if runner.kind == "local":
            path = relaunch_elevated(resume or ResumeState(sys.argv[1:]))
            return RemedyOutcome(
                translate("remedies", "NestWiz continues in a new window, as administrator."), relaunched=path
            )
        raise NestWizError(
            translate(
                "remedies",
                "On a remote host NestWiz runs with the account it connected with; "
                "connect with an account in the host's Administrators group.",
            )
        )
    raise NestWizError(translate("remedies", "NestWiz has no automatic way to '{label}'.").format(label=remedy.label))
