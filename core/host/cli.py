"""`nestwiz diagnose`: the host diagnosis without a window, for people (text) or scripts (--json)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import importlib
import json
import sys
from typing import Any, TextIO

from core.errors import NestWizError
from core.host.diagnose import diagnose
from core.host.rules import GB, Plan
from core.runners.base import Runner
from core.targets import DEFAULT_PROFILE, local_runner, simulated_runner

EXIT_READY, EXIT_BLOCKED, EXIT_FAILED = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nestwiz diagnose",
        description="Check whether a host can run a VM that runs Hyper-V, and say what to fix.",
        epilog="Exit codes: 0 nesting can be set up, 1 a blocker remains, 2 the diagnosis itself failed.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--demo",
        nargs="?",
        const=DEFAULT_PROFILE,
        metavar="PROFILE",
        help=f"diagnose the simulated host with this profile (default {DEFAULT_PROFILE})",
    )
    where.add_argument("--remote", metavar="HOST", help="diagnose a remote Hyper-V host over WinRM")
    remote = parser.add_argument_group("remote host (--remote)")
    remote.add_argument("--user", default="", help="user name (default: the current Windows account)")
    remote.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else it is asked for)",
    )
    remote.add_argument("--port", type=int, help="WinRM port (default 5986, or 5985 with --http)")
    remote.add_argument(
        "--http",
        action="store_true",
        help="plain HTTP; needs an authentication that encrypts every message (negotiate, kerberos, ntlm, credssp)",
    )
    remote.add_argument(
        "--auth", default="negotiate", help="negotiate (default), kerberos, ntlm, credssp, basic or certificate"
    )
    remote.add_argument("--ca-file", metavar="PEM", help="CA that issued the host's HTTPS certificate")
    remote.add_argument("--insecure", action="store_true", help="do not check the host's HTTPS certificate")
    parser.add_argument("--json", action="store_true", help="print the diagnosis as JSON for scripts")
    parser.add_argument(
        "--memory-gb",
        type=float,
        default=4.0,
        metavar="N",
        help="memory planned for the outer VM itself, in GB (default 4)",
    )
    parser.add_argument(
        "--inner-memory-gb",
        type=float,
        default=2.0,
        metavar="N",
        help="memory planned for the inner VM, in GB (default 2)",
    )
    parser.add_argument(
        "--reserve-gb", type=float, default=2.0, metavar="N", help="memory the host keeps for itself, in GB (default 2)"
    )
    parser.add_argument(
        "--vhdx-folder",
        metavar="PATH",
        help="folder for the virtual hard disks (default: Hyper-V's folder on the host)",
    )
    return parser


def _plan(args: argparse.Namespace) -> Plan:
    for name in ("memory_gb", "inner_memory_gb", "reserve_gb"):
        value = getattr(args, name)
        if not 0 <= value <= 64 * 1024:
            raise NestWizError(f"--{name.replace('_', '-')} must be between 0 and 65536 GB, not {value:g}.")
    return Plan(
        outer_vm_memory=int(args.memory_gb * GB),
        inner_vm_memory=int(args.inner_memory_gb * GB),
        host_reserve=int(args.reserve_gb * GB),
        vhdx_folder=args.vhdx_folder,
    )


def _runner(args: argparse.Namespace) -> tuple[Runner, str]:
    if args.demo:
        try:
            runner, _ = simulated_runner(args.demo, 10_000.0)
        except ValueError as exc:
            raise NestWizError(str(exc)) from exc
        return runner, f"Simulated host ({args.demo})"
    if args.remote:
        try:
            remote: Any = importlib.import_module("core.runners.remote")
        except ImportError as exc:
            raise NestWizError(
                "Diagnosing a remote host needs the WinRM runner (core.runners.remote), which this "
                "build does not include yet.",
                detail=repr(exc),
            ) from exc
        password = ""
        if args.user:
            password = (
                sys.stdin.readline().rstrip("\r\n")
                if args.password_stdin
                else getpass.getpass(f"Password for {args.user} on {args.remote}: ")
            )
        settings = remote.ConnectionSettings(
            host=args.remote,
            user=args.user,
            password=password,
            port=args.port,
            https=not args.http,
            auth=args.auth,
            ca_file=args.ca_file,
            verify=not args.insecure,
        )
        return remote.RemoteRunner(settings), f"Remote host {args.remote}"
    if sys.platform != "win32":
        raise NestWizError(
            "This computer cannot run Hyper-V (it is not Windows). Use --demo PROFILE for the "
            "simulated host, or --remote HOST."
        )
    return local_runner(), "This computer"


async def _diagnose(args: argparse.Namespace, out: TextIO) -> int:
    plan = _plan(args)
    runner, target = _runner(args)
    try:
        diagnosis = await diagnose(runner, plan, target=target)
    finally:
        await runner.close()
    if args.json:
        json.dump(diagnosis.as_dict(), out, indent=1, default=str)
        out.write("\n")
    else:
        out.write(diagnosis.report() + "\n")
    return diagnosis.exit_code


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        return asyncio.run(_diagnose(args, out))
    except NestWizError as exc:
        if args.json:
            json.dump({"verdict": "failed", "error": exc.message, "detail": exc.detail}, out, indent=1)
            out.write("\n")
        err.write(f"nestwiz diagnose: {exc.message}\n")
        return EXIT_FAILED
