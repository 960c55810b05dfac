"""The `nestwiz` command: the wizard, or a headless subcommand (diagnose, fetch-script, export-script)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from core.cli import SUBCOMMANDS, run_subcommand
from core.session import hyperv_possible_here
from core.sim import DEFAULT_PROFILE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nestwiz",
        description="Set up Hyper-V nested virtualization: a VM that runs Hyper-V, with a VM inside it.",
        epilog=f"Subcommands without a window: {', '.join(SUBCOMMANDS)} (nestwiz SUBCOMMAND --help).",
    )
    parser.add_argument(
        "--demo",
        nargs="?",
        const=DEFAULT_PROFILE,
        metavar="PROFILE",
        help="use the simulated host with this profile, a name or a .toml file of your own (the default where "
        "Hyper-V cannot run); it carries on as the last run left it",
    )
    parser.add_argument(
        "--demo-reset", action="store_true", help="start the simulated host afresh from its profile (implies --demo)"
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        help="walk every page with its defaults, save a PNG per "
        "page into DIR, and exit (0 when the last page was reached)",
    )
    parser.add_argument("--smoke", action="store_true", help="walk every page on the simulated host and exit 0")
    parser.add_argument("--speed", type=float, default=None, help="simulated seconds per real second (demo)")
    parser.add_argument("--lang", metavar="CODE", help="user interface language (en, fr)")
    parser.add_argument("--resume", metavar="FILE", help=argparse.SUPPRESS)  # written by an elevated relaunch
    parser.add_argument("--elevate", action="store_true", help=argparse.SUPPRESS)  # written by the RunOnce entry
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return run_subcommand(argv[0], argv[1:])
    parser = build_parser()
    args, qt_args = parser.parse_known_args(argv)
    if args.elevate:
        from core.host.remedies import continue_elevated

        if continue_elevated(argv) is not None:
            return 0  # an elevated NestWiz carries on
    if args.demo is None and (args.demo_reset or args.smoke or args.screenshots or not hyperv_possible_here()):
        args.demo = DEFAULT_PROFILE
    if (args.smoke or args.screenshots) and not os.environ.get("NESTWIZ_HOME"):
        # a tour starts from scratch and leaves the user's journal, logs and cache alone
        os.environ["NESTWIZ_HOME"] = tempfile.mkdtemp(prefix="nestwiz-tour-")
    from gui.lean import prepare

    prepare()
    from gui.app import run_wizard  # Qt is imported only when a window is wanted

    return run_wizard(args, qt_args)


if __name__ == "__main__":
    sys.exit(main())
