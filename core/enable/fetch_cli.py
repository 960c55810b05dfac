"""`nestwiz fetch-script`: download and verify the enablement script without a window, for offline kits."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO

from core.enable.fetch import FetchError, ScriptFile, fetch_script
from core.enable.pins import ENABLE_NESTED_VM, KnownScript, sha256_hex
from core.files import write_atomic

PROG = "nestwiz fetch-script"


def build_parser(known: KnownScript = ENABLE_NESTED_VM) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            f"Download Microsoft's {known.file_name}, check its SHA-256 against the pinned digests and keep "
            "it in NestWiz's cache. Exits 0 only when the digest matched."
        ),
    )
    parser.add_argument(
        "--url",
        help="download from this HTTPS address (a mirror) instead of the pinned one; the digest must still match",
    )
    parser.add_argument(
        "--ca-file",
        type=Path,
        metavar="PEM",
        help="also trust the CA certificates in this PEM file (for networks that inspect HTTPS)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help=f"also write a copy to PATH (a file, or a folder to put {known.file_name} in)",
    )
    return parser


class _Progress:
    """Progress on stderr: redrawn in place on a terminal, a single summary line otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.done = 0

    def __call__(self, done: int, total: int | None) -> None:
        self.done = done
        if self.live:
            of = f" of {total:,} bytes ({done * 100 // total}%)" if total else " bytes"
            self.stream.write(f"\r  {done:,}{of}")
            self.stream.flush()

    def finish(self) -> None:
        if self.live:
            self.stream.write("\n")
        elif self.done:
            self.stream.write(f"  received {self.done:,} bytes\n")


def _copy(script: ScriptFile, out: Path) -> Path:
    target = out / script.path.name if out.is_dir() else out
    content = script.path.read_bytes()
    if sha256_hex(content) != script.sha256:
        raise OSError(f"the cached copy changed while it was being copied ({script.path})")
    write_atomic(target, content)
    return target


def main(argv: list[str], *, known: KnownScript = ENABLE_NESTED_VM) -> int:
    """Run `nestwiz fetch-script`; 0 when a pinned copy is cached (and copied), 1 when refused, 2 on usage."""
    parser = build_parser(known)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    stderr, stdout = sys.stderr, sys.stdout
    progress = _Progress(stderr)
    stderr.write(f"Fetching {known.file_name} from {args.url or known.url}\n")
    try:
        script = asyncio.run(fetch_script(known, url=args.url, ca_file=args.ca_file, progress=progress))
    except FetchError as exc:
        progress.finish()
        stderr.write(f"{PROG}: {exc.message}\n")
        return 1
    except KeyboardInterrupt:
        progress.finish()
        stderr.write(f"{PROG}: cancelled; nothing was saved.\n")
        return 130
    progress.finish()
    if script.reused:
        stderr.write("  already in the cache; re-verified\n")
    form = script.known.note if script.known else script.line_endings.value
    stdout.write(f"verified  SHA-256 {script.sha256}  {script.size:,} bytes  ({form})\n")
    stdout.write(f"source    {script.source}\n")
    stdout.write(f"cached    {script.path}\n")
    if args.out is not None:
        try:
            copy = _copy(script, args.out)
        except OSError as exc:
            stderr.write(f"{PROG}: could not write {args.out}: {exc.strerror or exc}\n")
            return 1
        stdout.write(f"copied to {copy}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
