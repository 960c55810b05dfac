"""Round trip per call of the real runners against their test peers, and the event loop's longest freeze.

    .venv/bin/python bench/bench_runners.py [--calls N]

Local: LocalRunner against the Python stand-in for powershell.exe (tests/core/standin_powershell.py), one
long-lived process per session versus one process per call. Remote: RemoteRunner over HTTPS to the WinRM test
endpoint (tests/remote/winrm_server.py), run in its own process so that its work does not compete with the
client for the GIL as a real host would not. The freeze is the largest gap between ticks of a 10 ms asyncio timer
(no Qt) while calls run (target: under 50 ms). The stand-in starts faster than powershell.exe does, so the
per-call column understates what a process per call costs on Windows.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import ssl
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import trustme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.clock import ScaledClock
from core.commands import Command
from core.paths import resource
from core.runners.local import LocalRunner
from core.runners.remote import ConnectionSettings, RemoteRunner
from core.sim.host import SimHost
from tests.remote.winrm_server import CommandTable, SimulatedHandler, WinRMServer

ROOT = Path(__file__).resolve().parent.parent
STANDIN = [sys.executable, str(ROOT / "tests" / "core" / "standin_powershell.py")]
USER, PASSWORD = "bench", "bench-password"


class FreezeProbe:
    """Ticks every 10 ms on the running loop and keeps the largest gap between ticks."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            self.gaps.append(now - last)
            last = now

    def __enter__(self) -> FreezeProbe:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000


async def timed(calls: int, call: Callable[[], Awaitable[Any]]) -> tuple[list[float], FreezeProbe]:
    times = []
    with FreezeProbe() as probe:
        for _ in range(calls):
            started = time.perf_counter()
            await call()
            times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.02)
    return times, probe


def row(name: str, times: list[float], probe: FreezeProbe) -> str:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return (
        f"{name:<44} {statistics.median(times):8.1f} {p90:8.1f} {times[0]:8.1f} {times[-1]:8.1f} {probe.worst_ms:9.1f}"
    )


async def bench_local(calls: int) -> list[str]:
    lines = []
    small = Command.of("Write-Output", InputObject=["web01", 1, True])
    for reuse in (True, False):
        runner = LocalRunner(STANDIN, reuse_process=reuse)
        started = time.perf_counter()
        await runner.run(small)
        first = (time.perf_counter() - started) * 1000
        times, probe = await timed(calls, lambda r=runner: r.run(small))
        mode = "one process per session" if reuse else "one process per call"
        lines.append(row(f"local, {mode}", times, probe) + f"   first call {first:.0f} ms")
        await runner.close()
    sim = LocalRunner([*STANDIN, "--profile", "intel-laptop-win11-pro"])
    await sim.run(Command.of("Get-VMHost"))
    times, probe = await timed(calls, lambda: sim.run(Command.of("Get-VM")))
    lines.append(row("local, session, Get-VM on the simulated host", times, probe))
    await sim.close()
    big = Command.of("Get-Random", Count=4)
    runner = LocalRunner(STANDIN)
    times, probe = await timed(max(3, calls // 10), lambda: runner.run(big))
    lines.append(row("local, session, 5 MiB of output", times, probe))
    await runner.close()
    return lines


def vm_list(call: Any, data: Any, writer: Any) -> list[dict[str, Any]]:
    count = int(call.params.get("Count", 2))
    return [
        {"Name": f"vm{i:04}", "State": "Running", "MemoryStartup": 4 * 2**30, "ProcessorCount": 4, "Notes": "x" * 64}
        for i in range(count)
    ]


def serve(kind: str, key_and_cert: str, pipe: Any) -> None:
    """The WinRM test endpoint in a process of its own, until the pipe closes."""
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(key_and_cert)
    if kind == "simulated":
        host = SimHost.from_profile("intel-laptop-win11-pro", clock=ScaledClock(100_000.0))
        handler: Any = SimulatedHandler(host, resource("scripts"))
    else:
        handler = CommandTable({"Get-Random": vm_list})
    with WinRMServer(handler, users={USER: PASSWORD}, tls=tls) as server:
        pipe.send(server.port)
        with contextlib.suppress(EOFError):
            pipe.recv()


async def remote_runner(kind: str, folder: Path, ca: trustme.CA) -> tuple[RemoteRunner, Any, Any]:
    key_and_cert = folder / "server.pem"
    ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(str(key_and_cert))
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(kind, str(key_and_cert), theirs), daemon=True)
    process.start()
    port = await asyncio.to_thread(ours.recv)
    settings = ConnectionSettings("127.0.0.1", USER, PASSWORD, port=port, auth="basic", ca_file=str(folder / "ca.pem"))
    return RemoteRunner(settings), process, ours


async def bench_remote(calls: int) -> list[str]:
    lines = []
    ca = trustme.CA()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ca.cert_pem.write_to_path(str(folder / "ca.pem"))
        runner, process, pipe = await remote_runner("canned", folder, ca)
        started = time.perf_counter()
        await runner.connect()
        opened = (time.perf_counter() - started) * 1000
        small = Command.of("Get-Random", Count=2)
        times, probe = await timed(calls, lambda: runner.run(small))
        lines.append(row("remote (HTTPS, Basic), 2 objects", times, probe) + f"   pool open {opened:.0f} ms")
        big = Command.of("Get-Random", Count=2000)
        times, probe = await timed(max(3, calls // 10), lambda: runner.run(big))
        lines.append(row("remote (HTTPS, Basic), 2000 objects", times, probe))
        await runner.close()
        pipe.close()
        process.join(10)

        runner, process, pipe = await remote_runner("simulated", folder, ca)
        await runner.connect()
        times, probe = await timed(calls, lambda: runner.run(Command.of("Get-VM")))
        lines.append(row("remote, Get-VM on the simulated host", times, probe))
        await runner.close()
        pipe.close()
        process.join(10)
    return lines


async def main(calls: int) -> None:
    print(f"{'runner and call':<44} {'median':>8} {'p90':>8} {'min':>8} {'max':>8} {'freeze':>9}   (ms)")
    for line in await bench_local(calls):
        print(line)
    for line in await bench_remote(calls):
        print(line)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    asyncio.run(main(parser.parse_args().calls))
