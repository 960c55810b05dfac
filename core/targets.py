"""The composition root for targets: the one place that builds a runner (and, for demos, the simulated host)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.commands import Credential
from core.errors import NestWizError
from core.runners.base import Runner
from core.sim import DEFAULT_PROFILE as DEFAULT_PROFILE
from core.sim import DEMO_SPEED as DEMO_SPEED

if TYPE_CHECKING:
    from core.lab.engine import GuestInstaller
    from core.lab.plan import TargetPlan
    from core.sim.host import SimHost

SIMULATED_PASSWORD = "NestWiz-Guest1!"  # the demo's administrator password for an OS the simulated Setup installs


def simulated_runner(
    profile: str, speed: float, *, persist: bool = False, reset: bool = False
) -> tuple[Runner, SimHost]:
    """A runner answered by the simulated host of `profile`, its clock `speed` times real time, and that host.
    `persist`: the host as the last run left it (saved under the NestWiz home after every change); `reset`
    discards that first.

    Raises ValueError when there is no such profile (the message names the known ones)."""
    from core.clock import ScaledClock
    from core.runners.simulated import SimulatedRunner
    from core.sim.host import SimHost

    if persist:
        from core.sim.store import open_host

        host = open_host(profile, clock=ScaledClock(speed), reset=reset)
    else:
        host = SimHost.from_profile(profile, clock=ScaledClock(speed))
    return SimulatedRunner(host), host


def local_runner() -> Runner:
    from core.runners.local import LocalRunner

    return LocalRunner()


def remote_runner(settings: Any) -> Any:
    """A runner for a Hyper-V host over WinRM (core.runners.remote.RemoteRunner: it also has connect())."""
    from core.runners.remote import RemoteRunner

    return RemoteRunner(settings)


@dataclass
class SimulatedSetup:
    """Windows Setup on the simulated host: the OS the VM's ISO holds, with the account the lab plans."""

    host: SimHost

    async def install(self, runner: Runner, vm_name: str, credential: Credential) -> None:
        from core.sim.handlers.nested import install_guest_os

        vms = self.host.find_vms(vm_name)
        if len(vms) == 1 and vms[0].guest is not None and vms[0].guest.installed:
            return  # Windows is there already: Setup would only ask to replace it
        try:
            await install_guest_os(self.host, vm_name, credential.user, credential.password)
        except ValueError as exc:
            from core.i18n import translate

            raise NestWizError(
                translate("targets", "The simulated installation could not start: {reason}").format(reason=exc)
            ) from exc


def simulated_guest_password(host: SimHost, vm_name: str) -> str | None:
    """The password of the OS already inside a simulated VM (a demo's story), when it has one."""
    vms = host.find_vms(vm_name)
    guest = vms[0].guest if len(vms) == 1 else None
    return guest.password if guest is not None and guest.password else None


def add_target_arguments(parser: Any, *, default_speed: float) -> None:
    """--demo [PROFILE] | --remote HOST (with its connection options), and --speed for the simulated host."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--demo",
        nargs="?",
        const=DEFAULT_PROFILE,
        metavar="PROFILE",
        help=f"on the simulated host with this profile (default {DEFAULT_PROFILE})",
    )
    where.add_argument("--remote", metavar="HOST", help="on a remote Hyper-V host over WinRM")
    parser.add_argument(
        "--demo-reset",
        action="store_true",
        help="the simulated host starts from its profile, not as the last run left it",
    )
    remote = parser.add_argument_group("remote host (--remote)")
    remote.add_argument("--user", default="", help="user name on the remote host (default: the current account)")
    remote.add_argument(
        "--host-password-stdin",
        action="store_true",
        help="read the remote host's password from standard input (before the guest's)",
    )
    remote.add_argument("--port", type=int, help="WinRM port (default 5986, or 5985 with --http)")
    remote.add_argument("--http", action="store_true", help="plain HTTP; needs an authentication that encrypts")
    remote.add_argument("--auth", default="negotiate", help="negotiate (default), kerberos, ntlm, basic, certificate")
    remote.add_argument("--ca-file", metavar="PEM", help="CA that issued the host's HTTPS certificate")
    remote.add_argument("--insecure", action="store_true", help="do not check the host's HTTPS certificate")
    parser.add_argument(
        "--speed", type=float, default=default_speed, help="simulated seconds per real second (the simulated host)"
    )


class TargetArgumentError(NestWizError):
    """The target options cannot be used as given (an unknown profile, a speed that is not one): a usage error."""


@dataclass
class Built:
    """A runner for the chosen target, how to name it, and the simulated host behind it (demos only)."""

    runner: Runner
    describe: str
    kind: str
    profile: str = ""
    sim: SimHost | None = None
    remote: Any = None  # ConnectionSettings, without its password once built
    note: str = ""  # for the user: e.g. the simulated host's saved state was unreadable and set aside


def runner_from_args(args: Any, stdin: Any) -> Built:
    """The runner the arguments ask for: --demo, --remote, else this computer (Windows only)."""
    import math
    import sys

    if args.remote:
        from core.runners.remote import ConnectionSettings

        password = ""
        if args.user:
            if args.host_password_stdin:
                password = stdin.readline().rstrip("\r\n")
            else:
                import getpass

                password = getpass.getpass(f"Password for {args.user} on {args.remote}: ")
        settings = ConnectionSettings(
            host=args.remote,
            user=args.user,
            password=password,
            port=args.port,
            https=not args.http,
            auth=args.auth,
            ca_file=args.ca_file,
            verify=not args.insecure,
        )
        return Built(remote_runner(settings), f"Remote host {args.remote}", "remote", remote=settings)
    if args.demo or sys.platform != "win32":
        profile = args.demo or DEFAULT_PROFILE
        speed = float(args.speed)
        if not math.isfinite(speed) or not 1.0 <= speed <= 1e7:
            raise TargetArgumentError(f"--speed must be a number from 1 to 10000000, not {args.speed}.")
        try:
            runner, host = simulated_runner(profile, speed, persist=True, reset=bool(args.demo_reset))
        except ValueError as exc:
            raise TargetArgumentError(str(exc)) from exc
        from core.sim.store import store_name

        return Built(
            runner, f"Simulated host ({profile})", "simulated", store_name(profile), host, note=host.store_note or ""
        )
    return Built(local_runner(), "This computer", "local")


async def identify(runner: Runner) -> dict[str, Any]:
    """Test a connection: the host's Windows as it names itself (caption, build), in one round trip."""
    from core.commands import Command

    connect = getattr(runner, "connect", None)
    if connect is not None:
        await connect()
    result = await runner.run(Command.of("Get-CimInstance", ClassName="Win32_OperatingSystem"), timeout=60)
    first = result.first()
    return first if isinstance(first, dict) else {}


def target_plan(kind: str, profile: str = "", remote: Any = None) -> TargetPlan:
    """Where a lab is built, as its plan and journal keep it: never a password, a simulated profile by name."""
    from core.lab.plan import TargetPlan

    if kind == "remote" and remote is not None:
        r = remote
        return TargetPlan(
            "remote",
            host=r.host,
            user=r.user,
            port=r.port or 0,
            https=r.https,
            auth=r.auth,
            ca_file=r.ca_file or "",
            verify=r.verify,
            certificate_pem=r.certificate_pem or "",
            certificate_key_pem=r.certificate_key_pem or "",
        )
    if kind == "simulated":
        from core.sim.store import store_name

        return TargetPlan("simulated", profile=store_name(profile))
    return TargetPlan(kind)


def installer_for(sim: SimHost | None) -> GuestInstaller:
    """Who installs the OS of a new outer VM: the simulated Setup on the simulated host, else a person in the VM's
    console (opened for them on this computer)."""
    from core.lab.steps import ConsoleSetup

    return SimulatedSetup(sim) if sim is not None else ConsoleSetup()
