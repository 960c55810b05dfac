"""`nestwiz fetch-script` against a trustme-certified HTTPS server on 127.0.0.1: exit codes and files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from https_server import HttpsServer, Reply

from core.enable.fetch_cli import main
from core.enable.pins import KnownDigest, KnownScript, sha256_hex

GOOD = b"\xef\xbb\xbfparam([string]$vmName)\n" + b"# stand-in for Enable-NestedVm.ps1, never run\n" * 120
OTHER = GOOD.replace(b"never run", b"EDITED!!!")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(ca: trustme.CA) -> Iterator[HttpsServer]:
    with HttpsServer(ca) as running:
        running.routes["/good.ps1"] = Reply(GOOD)
        running.routes["/other.ps1"] = Reply(OTHER)
        yield running


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NESTWIZ_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def stand_in(url: str) -> KnownScript:
    return KnownScript("Enable-NestedVm.ps1", url, (KnownDigest.of(GOOD, "stand-in"),), "test")


def cached_files(home: Path) -> list[Path]:
    root = home / "cache"
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_matching_download_exits_0_caches_and_copies(
    server: HttpsServer, ca_file: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    known = stand_in(server.url("/good.ps1"))

    assert main(["--ca-file", str(ca_file), "--out", str(out)], known=known) == 0

    captured = capsys.readouterr()
    digest = sha256_hex(GOOD)
    assert (out / "Enable-NestedVm.ps1").read_bytes() == GOOD
    assert cached_files(home) == [Path("enable", digest, name) for name in ("Enable-NestedVm.ps1", "origin.json")]
    assert f"SHA-256 {digest}" in captured.out and "copied to" in captured.out
    assert f"received {len(GOOD):,} bytes" in captured.err

    renamed = tmp_path / "renamed.ps1"
    assert main(["--ca-file", str(ca_file), "--out", str(renamed)], known=known) == 0
    assert renamed.read_bytes() == GOOD
    assert "already in the cache" in capsys.readouterr().err
    assert server.hits["/good.ps1"] == 1


def test_a_mirror_with_other_bytes_exits_1_and_saves_nothing(
    server: HttpsServer, ca_file: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copy.ps1"
    known = stand_in(server.url("/good.ps1"))
    argv = ["--url", server.url("/other.ps1"), "--ca-file", str(ca_file), "--out", str(out)]
    assert main(argv, known=known) == 1
    error_lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("nestwiz")]
    assert len(error_lines) == 1 and "not a known version" in error_lines[0]
    assert cached_files(home) == [] and not out.exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--url", "/missing.ps1"], "404"),
        (["--url", "http://127.0.0.1:9/x"], "only over HTTPS"),
        ([], "not trusted"),
    ],
    ids=["404", "plain-http", "untrusted"],
)
def test_failed_downloads_exit_1_with_one_line(
    server: HttpsServer,
    ca_file: Path,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    words: str,
) -> None:
    argv = [server.url(a) if a.startswith("/") else a for a in argv]
    if words != "not trusted":
        argv += ["--ca-file", str(ca_file)]
    assert main(argv, known=stand_in(server.url("/good.ps1"))) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("nestwiz fetch-script:")]
    assert len(errors) == 1 and words in errors[0]
    assert cached_files(home) == []


def test_an_unwritable_out_path_exits_1(
    server: HttpsServer, ca_file: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "x.ps1"
    assert main(["--ca-file", str(ca_file), "--out", str(out)], known=stand_in(server.url("/good.ps1"))) == 1
    assert "could not write" in capsys.readouterr().err
    assert not out.parent.exists()


def test_usage_errors_exit_2_and_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--bogus"]) == 2
    assert "usage: nestwiz fetch-script" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "--ca-file PEM" in capsys.readouterr().out


def test_runs_as_a_module_with_the_real_pins(server: HttpsServer, ca_file: Path, tmp_path: Path) -> None:
    env = dict(os.environ)  # without proxy variables (tests/conftest.py)
    env["NESTWIZ_HOME"] = str(tmp_path / "home")
    command = [sys.executable, "-m", "core.enable.fetch_cli"]
    refused = subprocess.run(
        [*command, "--url", server.url("/good.ps1"), "--ca-file", str(ca_file)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert refused.returncode == 1, refused.stderr
    assert "not a known version of Enable-NestedVm.ps1" in refused.stderr
    usage = subprocess.run([*command, "--nope"], cwd=REPO, env=env, capture_output=True, text=True, timeout=30)
    assert usage.returncode == 2 and "usage: nestwiz fetch-script" in usage.stderr
