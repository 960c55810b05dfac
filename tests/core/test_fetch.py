"""Downloading, caching and importing the enablement script against a real HTTPS server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import trustme
from https_proxy import ConnectProxy
from https_server import HttpsServer, Reply

from core.enable.fetch import (
    CaFileInvalid,
    CertificateUntrusted,
    ConnectionBroken,
    DigestMismatch,
    DownloadFailed,
    DownloadTimedOut,
    FetchLimits,
    HttpStatusError,
    ImportFailed,
    InsecureUrl,
    ScriptCache,
    TooLarge,
    Trust,
    fetch_script,
    import_script,
    inspect_file,
)
from core.enable.pins import ENABLE_NESTED_VM, KnownDigest, KnownScript, LineEndings, sha256_hex
from core.errors import NestWizError

# Stand-in for Microsoft's file: same shape (UTF-8 BOM, LF), big enough to arrive in several pieces.
GOOD = b"\xef\xbb\xbfparam([string]$vmName)\n" + b"# stand-in for Enable-NestedVm.ps1, never run\n" * 900
GOOD_CRLF = GOOD.replace(b"\n", b"\r\n")
OTHER = GOOD.replace(b"never run", b"EDITED!!!")
BIG = b"x" * 400_000

LIMITS = FetchLimits(connect_timeout=2.0, stall_timeout=2.0, total_timeout=8.0, cancel_grace=1.0)


@pytest.fixture
def server(ca: trustme.CA) -> Iterator[HttpsServer]:
    with HttpsServer(ca) as running:
        yield running
    assert not [t for t in threading.enumerate() if t.name.startswith("nestwiz-fetch")]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NESTWIZ_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def cache(home: Path) -> ScriptCache:
    return ScriptCache.default()


def known_at(url: str) -> KnownScript:
    return KnownScript(
        file_name="Enable-NestedVm.ps1",
        url=url,
        digests=(KnownDigest.of(GOOD, "stand-in, LF"), KnownDigest.of(GOOD_CRLF, "stand-in, CRLF")),
        source="test",
    )


def files_in(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_pins_match_the_reference_notes() -> None:
    assert ENABLE_NESTED_VM.url == (
        "https://raw.githubusercontent.com/MicrosoftDocs/Virtualization-Documentation/"
        "9b528aab32f815edf32f334901ed5a91ca811091/hyperv-tools/Nested/Enable-NestedVm.ps1"
    )
    forms = {(d.line_endings, d.size, d.sha256[:8]) for d in ENABLE_NESTED_VM.digests}
    assert forms == {(LineEndings.LF, 5296, "d940c4b9"), (LineEndings.CRLF, 5463, "5856b185")}
    assert ENABLE_NESTED_VM.match("D940C4B9CDFB321E6B31417A9FA652989C09082DCC041F54A992C894806C907E")


async def test_good_file_is_downloaded_verified_and_cached(
    server: HttpsServer, ca_file: Path, cache: ScriptCache, home: Path
) -> None:
    server.routes["/Enable-NestedVm.ps1"] = Reply(GOOD)
    seen: list[tuple[int, int | None]] = []
    known = known_at(server.url("/Enable-NestedVm.ps1"))

    script = await fetch_script(known, ca_file=ca_file, limits=LIMITS, progress=lambda *p: seen.append(p))

    digest = sha256_hex(GOOD)
    assert script.path == home / "cache" / "enable" / digest / "Enable-NestedVm.ps1"
    assert script.path.read_bytes() == GOOD
    assert (script.sha256, script.size, script.trust, script.pinned) == (
        digest,
        len(GOOD),
        Trust.PINNED,
        True,
    )
    assert script.line_endings is LineEndings.LF
    assert script.source == known.url
    assert not script.reused
    origin = json.loads((script.path.parent / "origin.json").read_text())
    assert origin["accepted"] is False and origin["sha256"] == digest and origin["source"] == known.url
    assert files_in(cache.root) == [Path(digest, "Enable-NestedVm.ps1"), Path(digest, "origin.json")]
    assert seen[0] == (0, len(GOOD)) and seen[-1] == (len(GOOD), len(GOOD)) and len(seen) > 2
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


async def test_cache_is_reused_without_a_request_and_reverified(
    server: HttpsServer, ca_file: Path, cache: ScriptCache
) -> None:
    server.routes["/s.ps1"] = Reply(GOOD)
    known = known_at(server.url("/s.ps1"))
    first = await fetch_script(known, ca_file=ca_file, limits=LIMITS)

    again = await fetch_script(known, ca_file=ca_file, limits=LIMITS)
    assert again.reused and again.path == first.path and again.source == known.url
    assert server.hits["/s.ps1"] == 1

    first.path.write_bytes(OTHER)
    repaired = await fetch_script(known, ca_file=ca_file, limits=LIMITS)
    assert not repaired.reused and repaired.path.read_bytes() == GOOD
    assert server.hits["/s.ps1"] == 2

    fresh = await fetch_script(known, ca_file=ca_file, limits=LIMITS, use_cache=False)
    assert not fresh.reused and server.hits["/s.ps1"] == 3


async def test_wrong_digest_is_refused_and_nothing_is_cached(
    server: HttpsServer, ca_file: Path, cache: ScriptCache
) -> None:
    server.routes["/s.ps1"] = Reply(OTHER)
    with pytest.raises(DigestMismatch) as caught:
        await fetch_script(known_at(server.url("/s.ps1")), ca_file=ca_file, limits=LIMITS)
    assert caught.value.sha256 == sha256_hex(OTHER) and caught.value.size == len(OTHER)
    assert sha256_hex(OTHER) in caught.value.message and "Nothing was saved" in caught.value.message
    assert files_in(cache.root) == []


@pytest.mark.parametrize(
    ("reply", "error", "words"),
    [
        pytest.param(Reply(BIG), TooLarge, "larger than", id="oversized-declared"),
        pytest.param(Reply(BIG, chunked=True), TooLarge, "larger than", id="oversized-chunked"),
        pytest.param(Reply(status=404, body=b"nope"), HttpStatusError, "404", id="404"),
        pytest.param(Reply(status=500, body=b"oops"), HttpStatusError, "500", id="500"),
        pytest.param(Reply(GOOD, cut_after=20_000), ConnectionBroken, "closed after", id="cut-mid-body"),
        pytest.param(Reply(GOOD, cut_after=20_000, reset=True), ConnectionBroken, "broke off", id="reset"),
        pytest.param(Reply(GOOD, chunked=True, cut_after=20_000), ConnectionBroken, "broke off", id="cut-chunk"),
        pytest.param(Reply(GOOD, stall_after=20_000), DownloadTimedOut, "stopped sending", id="stall"),
        pytest.param(Reply(GOOD, head_delay=5.0), DownloadTimedOut, "stopped sending", id="slow-answer"),
        pytest.param(Reply(GOOD, byte_interval=0.01), DownloadTimedOut, "took longer", id="trickle"),
        pytest.param(
            Reply(status=302, headers=(("Location", "http://127.0.0.1:9/s.ps1"),)),
            InsecureUrl,
            "not HTTPS",
            id="redirect-to-http",
        ),
        pytest.param(
            Reply(status=301, headers=(("Location", "/s.ps1"),)), DownloadFailed, "redirected more", id="loop"
        ),
    ],
)
async def test_each_failure_is_typed_and_leaves_the_cache_empty(
    server: HttpsServer,
    ca_file: Path,
    cache: ScriptCache,
    reply: Reply,
    error: type[NestWizError],
    words: str,
) -> None:
    server.routes["/s.ps1"] = reply
    limits = FetchLimits(max_bytes=100_000, connect_timeout=2.0, stall_timeout=0.4, total_timeout=1.0, cancel_grace=1.0)
    started = time.monotonic()
    with pytest.raises(error) as caught:
        await fetch_script(known_at(server.url("/s.ps1")), ca_file=ca_file, limits=limits)
    assert words in caught.value.message
    assert time.monotonic() - started < 3.0
    assert files_in(cache.root) == []


async def test_a_redirect_to_https_is_followed_and_the_final_address_recorded(
    server: HttpsServer, ca_file: Path, cache: ScriptCache
) -> None:
    server.routes["/old.ps1"] = Reply(status=302, headers=(("Location", "/new.ps1"),))
    server.routes["/new.ps1"] = Reply(GOOD)
    script = await fetch_script(known_at(server.url("/old.ps1")), ca_file=ca_file, limits=LIMITS)
    assert script.source == server.url("/new.ps1")
    assert server.hits == {"/old.ps1": 1, "/new.ps1": 1}


async def test_http_urls_are_refused_before_any_connection(cache: ScriptCache) -> None:
    with pytest.raises(InsecureUrl, match="only over HTTPS"):
        await fetch_script(known_at("https://127.0.0.1:9/x"), url="http://127.0.0.1:9/x", limits=LIMITS)


async def test_a_refused_connection_says_it_could_not_reach_the_host(ca_file: Path, cache: ScriptCache) -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    with pytest.raises(DownloadFailed, match=r"Could not reach 127\.0\.0\.1"):
        await fetch_script(known_at(f"https://127.0.0.1:{port}/x"), ca_file=ca_file, limits=LIMITS)


async def test_cancel_mid_transfer_stops_at_once_and_caches_nothing(
    server: HttpsServer, ca_file: Path, cache: ScriptCache
) -> None:
    server.routes["/s.ps1"] = Reply(BIG, stall_after=32_768)
    limits = FetchLimits(stall_timeout=8.0, total_timeout=9.0, cancel_grace=1.0)
    first_bytes = asyncio.Event()

    def progress(done: int, total: int | None) -> None:
        if done:
            first_bytes.set()

    task = asyncio.create_task(
        fetch_script(known_at(server.url("/s.ps1")), ca_file=ca_file, limits=limits, progress=progress)
    )
    async with asyncio.timeout(5):
        await first_bytes.wait()
    started = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - started < 0.5
    assert not [t for t in threading.enumerate() if t.name.startswith("nestwiz-fetch")]
    assert files_in(cache.root) == []


async def test_an_untrusted_certificate_is_rejected_unless_its_ca_file_is_given(
    ca_file: Path, cache: ScriptCache, tmp_path: Path
) -> None:
    stranger = trustme.CA()
    stranger_file = tmp_path / "stranger.pem"
    stranger.cert_pem.write_to_path(str(stranger_file))
    with HttpsServer(stranger) as other:
        other.routes["/s.ps1"] = Reply(GOOD)
        known = known_at(other.url("/s.ps1"))
        for extra in (None, ca_file):
            with pytest.raises(CertificateUntrusted, match="not trusted") as caught:
                await fetch_script(known, ca_file=extra, limits=LIMITS)
            assert "CA file" in caught.value.message
        assert other.hits == {} and files_in(cache.root) == []

        script = await fetch_script(known, ca_file=stranger_file, limits=LIMITS)
        assert script.path.read_bytes() == GOOD


@pytest.mark.parametrize("content", [None, b"not a certificate\n"], ids=["missing", "garbage"])
async def test_an_unusable_ca_file_is_a_clear_error(tmp_path: Path, cache: ScriptCache, content: bytes | None) -> None:
    path = tmp_path / "ca.pem"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CaFileInvalid, match=r"ca\.pem"):
        await fetch_script(known_at("https://127.0.0.1:9/x"), ca_file=path, limits=LIMITS)


async def test_the_system_proxy_is_used_with_its_credentials(
    server: HttpsServer, ca_file: Path, cache: ScriptCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.routes["/s.ps1"] = Reply(GOOD)
    with ConnectProxy() as proxy:
        monkeypatch.setenv("https_proxy", proxy.url.replace("http://", "http://trainer:s%40cret@"))
        script = await fetch_script(known_at(server.url("/s.ps1")), ca_file=ca_file, limits=LIMITS)
    assert script.path.read_bytes() == GOOD
    assert [t.target for t in proxy.tunnels] == [f"127.0.0.1:{server.port}"]
    assert proxy.tunnels[0].authorization == "Basic dHJhaW5lcjpzQGNyZXQ="


async def test_a_proxy_failure_names_the_proxy_but_not_its_password(
    ca_file: Path, cache: ScriptCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        closed_port = placeholder.getsockname()[1]
    with ConnectProxy() as proxy:
        monkeypatch.setenv("https_proxy", proxy.url.replace("http://", "http://trainer:hunter2@"))
        with pytest.raises(DownloadFailed) as caught:
            await fetch_script(known_at(f"https://127.0.0.1:{closed_port}/x"), ca_file=ca_file, limits=LIMITS)
    assert f"through the proxy {proxy.url}" in caught.value.message and "502" in caught.value.message
    assert "hunter2" not in caught.value.message + caught.value.detail
    monkeypatch.setenv("https_proxy", "socks5://trainer:hunter2@127.0.0.1:1080")
    with pytest.raises(DownloadFailed, match="not an http:// proxy") as caught:
        await fetch_script(known_at("https://127.0.0.1:9/x"), ca_file=ca_file, limits=LIMITS)
    assert "hunter2" not in caught.value.message + caught.value.detail
    assert files_in(cache.root) == []


async def test_no_proxy_bypasses_the_system_proxy(
    server: HttpsServer, ca_file: Path, cache: ScriptCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.routes["/s.ps1"] = Reply(GOOD)
    with ConnectProxy() as proxy:
        monkeypatch.setenv("https_proxy", proxy.url)
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        await fetch_script(known_at(server.url("/s.ps1")), ca_file=ca_file, limits=LIMITS)
    assert proxy.tunnels == []


def test_import_of_a_pinned_file_caches_it(tmp_path: Path, cache: ScriptCache) -> None:
    offered = tmp_path / "from-trainer.ps1"
    offered.write_bytes(GOOD_CRLF)
    script = import_script(offered, known_at("https://127.0.0.1:9/x"))
    assert (script.trust, script.line_endings, script.sha256) == (
        Trust.PINNED,
        LineEndings.CRLF,
        sha256_hex(GOOD_CRLF),
    )
    assert script.source == str(offered.resolve())
    assert script.path.read_bytes() == GOOD_CRLF and script.path.name == "Enable-NestedVm.ps1"
    assert cache.find(known_at("https://127.0.0.1:9/x")) == replace(script, reused=True)


def test_import_of_an_unknown_file_is_refused_with_its_digest(
    tmp_path: Path, cache: ScriptCache, caplog: pytest.LogCaptureFixture
) -> None:
    offered = tmp_path / "edited.ps1"
    offered.write_bytes(OTHER)
    with caplog.at_level(logging.INFO, logger="nestwiz.enable"), pytest.raises(DigestMismatch) as caught:
        import_script(offered, known_at("https://127.0.0.1:9/x"))
    assert caught.value.sha256 == sha256_hex(OTHER)
    assert sha256_hex(OTHER) in caught.value.message and "viewer" in caught.value.message
    assert files_in(cache.root) == []
    assert any(sha256_hex(OTHER) in r.getMessage() and "Refused" in r.getMessage() for r in caplog.records)


def test_import_with_explicit_acceptance_is_cached_marked_and_logged(
    tmp_path: Path, cache: ScriptCache, caplog: pytest.LogCaptureFixture
) -> None:
    offered = tmp_path / "edited.ps1"
    offered.write_bytes(OTHER)
    known = known_at("https://127.0.0.1:9/x")
    viewed = inspect_file(offered, known)
    assert viewed.known is None and viewed.text().startswith("param(")

    with caplog.at_level(logging.INFO, logger="nestwiz.enable"):
        script = import_script(offered, known, accept_digest=viewed.sha256.upper())

    assert (script.trust, script.pinned, script.sha256) == (Trust.USER_ACCEPTED, False, sha256_hex(OTHER))
    origin = json.loads((script.path.parent / "origin.json").read_text())
    assert origin["accepted"] is True and origin["sha256"] == script.sha256
    assert origin["source"] == str(offered.resolve()) and origin["saved_at"]
    accepted = [r for r in caplog.records if r.name == "nestwiz.enable" and "User accepted" in r.getMessage()]
    assert len(accepted) == 1 and script.sha256 in accepted[0].getMessage()
    assert accepted[0].levelno == logging.WARNING

    assert cache.find(known) is None
    found = cache.find(known, include_accepted=True)
    assert found is not None and found.trust is Trust.USER_ACCEPTED and found.reused


def test_an_acceptance_for_other_bytes_is_refused(tmp_path: Path, cache: ScriptCache) -> None:
    offered = tmp_path / "edited.ps1"
    offered.write_bytes(OTHER)
    with pytest.raises(DigestMismatch, match="changed after you viewed it"):
        import_script(offered, known_at("https://127.0.0.1:9/x"), accept_digest=sha256_hex(GOOD + b"x"))
    assert files_in(cache.root) == []


def test_import_refuses_big_and_missing_files(tmp_path: Path, cache: ScriptCache) -> None:
    big = tmp_path / "big.ps1"
    big.write_bytes(BIG)
    known = known_at("https://127.0.0.1:9/x")
    with pytest.raises(TooLarge):
        import_script(big, known, max_bytes=100_000)
    with pytest.raises(ImportFailed, match="Could not read"):
        import_script(tmp_path / "absent.ps1", known)
    assert files_in(cache.root) == []


def test_cache_discards_copies_that_no_longer_verify(tmp_path: Path, cache: ScriptCache) -> None:
    known = known_at("https://127.0.0.1:9/x")
    offered = tmp_path / "edited.ps1"
    offered.write_bytes(OTHER)
    accepted = import_script(offered, known, accept_digest=sha256_hex(OTHER))
    pinned = cache.store(known, GOOD, source="test", trust=Trust.PINNED)
    assert [e.sha256 for e in cache.entries(known)] == [pinned.sha256, accepted.sha256]

    (accepted.path.parent / "origin.json").write_text(json.dumps({"accepted": False}))
    pinned.path.write_bytes(GOOD + b"\n# appended\n")
    assert cache.entries(known) == []
    assert files_in(cache.root) == []
