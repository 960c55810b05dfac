"""Download, cache and import the enablement script, keeping only pinned or explicitly accepted bytes."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from core import __version__, paths
from core.enable.pins import ENABLE_NESTED_VM, KnownDigest, KnownScript, LineEndings, sha256_hex
from core.errors import NestWizError
from core.files import TEMP_PREFIX, write_atomic
from core.i18n import translate

if TYPE_CHECKING:
    import http.client
    import ssl

log = logging.getLogger("nestwiz.enable")

MAX_BYTES = 1 << 20
_CHUNK = 16 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ORIGIN = "origin.json"
_STALE_TEMP_SECONDS = 600.0

ProgressCallback = Callable[[int, int | None], None]
"""Called on the event loop with (bytes received, total bytes or None when the server did not say)."""


class FetchError(NestWizError):
    """Base for every failure to download, import or cache the script."""


class InsecureUrl(FetchError):
    """The URL, or a redirect on the way, is not HTTPS."""


class CaFileInvalid(FetchError):
    """The extra CA bundle the user gave cannot be read or holds no certificate."""


class DownloadFailed(FetchError):
    """The server could not be reached or did not deliver the file."""


class CertificateUntrusted(DownloadFailed):
    """The server's certificate does not chain to the system trust store or the given CA file."""


class HttpStatusError(DownloadFailed):
    """The server answered with a status other than 200 (404, 500, ...)."""

    def __init__(self, message: str, *, status: int, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.status = status


class ConnectionBroken(DownloadFailed):
    """The connection was reset or closed before the whole file arrived."""


class DownloadTimedOut(DownloadFailed):
    """Connecting took too long, data stopped coming, or the whole download took too long."""


class TooLarge(FetchError):
    """The file is bigger than the size cap; the enablement script is about 5 KB."""


class DigestMismatch(FetchError):
    """The bytes are not a pinned version of the script (and were not accepted by the user)."""

    def __init__(self, message: str, *, sha256: str, size: int, source: str, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.sha256 = sha256
        self.size = size
        self.source = source


class ImportFailed(FetchError):
    """The file to import cannot be read."""


class CacheUnavailable(FetchError):
    """The cache folder cannot be written."""


class Trust(StrEnum):
    PINNED = "pinned"
    USER_ACCEPTED = "user-accepted"


@dataclass(frozen=True)
class ScriptFile:
    """A verified copy of the script in the cache, ready for the viewer and the runner."""

    path: Path
    sha256: str
    size: int
    source: str
    trust: Trust
    line_endings: LineEndings
    saved_at: datetime
    known: KnownDigest | None
    reused: bool = False

    @property
    def pinned(self) -> bool:
        return self.trust is Trust.PINNED


@dataclass(frozen=True)
class ScriptCandidate:
    """A file read for the viewer before it is imported: its bytes, digest and whether a pin matches."""

    path: Path
    content: bytes
    sha256: str
    line_endings: LineEndings
    known: KnownDigest | None

    @property
    def size(self) -> int:
        return len(self.content)

    def text(self) -> str:
        return self.content.decode("utf-8-sig", errors="replace")


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = MAX_BYTES
    connect_timeout: float = 15.0
    stall_timeout: float = 20.0
    total_timeout: float = 120.0
    max_redirects: int = 5
    # A cancelled transfer's thread is woken at once; this only bounds the wait for a connect in progress.
    cancel_grace: float = 2.0


DEFAULT_LIMITS = FetchLimits()


def _read_capped(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(
            translate("fetch", "{path} is larger than {size}; the enablement script is about 5 KB.").format(
                path=path, size=_size(max_bytes)
            ),
            detail=str(path),
        )
    return data


class ScriptCache:
    """Verified copies by digest: `<root>/<sha256>/<file name>` with an `origin.json` beside it."""

    def __init__(self, root: Path, *, max_bytes: int = MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    @classmethod
    def default(cls) -> ScriptCache:
        return cls(paths.cache_dir() / "enable")

    def entries(self, known: KnownScript) -> list[ScriptFile]:
        """Every copy that still verifies, pinned forms first, then accepted ones newest first.

        A copy whose bytes no longer match its digest, or whose digest is neither pinned nor accepted,
        is deleted."""
        if not self.root.is_dir():
            return []
        found: list[ScriptFile] = []
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and _is_digest(folder.name):
                entry = self._load(folder, known)
                if entry is not None:
                    found.append(entry)
        order = {pin.sha256: index for index, pin in enumerate(known.digests)}
        pinned = sorted((e for e in found if e.pinned), key=lambda e: order[e.sha256])
        accepted = sorted((e for e in found if not e.pinned), key=lambda e: e.saved_at, reverse=True)
        return pinned + accepted

    def find(self, known: KnownScript, *, include_accepted: bool = False) -> ScriptFile | None:
        for entry in self.entries(known):
            if entry.pinned or include_accepted:
                return entry
        return None

    def store(self, known: KnownScript, content: bytes, *, source: str, trust: Trust) -> ScriptFile:
        digest = sha256_hex(content)
        pin = known.match(digest)
        if trust is Trust.PINNED and pin is None:
            raise ValueError(f"{digest} is not pinned for {known.file_name}")
        folder = self.root / digest
        target = folder / known.file_name
        saved_at = datetime.now(UTC)
        origin = {
            "file_name": known.file_name,
            "sha256": digest,
            "size": len(content),
            "source": source,
            "accepted": trust is Trust.USER_ACCEPTED,
            "saved_at": saved_at.isoformat(),
        }
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not _holds(target, digest, self.max_bytes):
                write_atomic(target, content)
            write_atomic(folder / _ORIGIN, json.dumps(origin, indent=2).encode())
        except OSError as exc:
            raise CacheUnavailable(
                translate("fetch", "Could not save the script in the cache folder {folder}: {reason}.").format(
                    folder=self.root, reason=exc.strerror or exc
                ),
                detail=repr(exc),
            ) from exc
        log.info("Cached %s (%s, sha256 %s, %d bytes) from %s", target, trust, digest, len(content), source)
        return ScriptFile(target, digest, len(content), source, trust, LineEndings.of(content), saved_at, pin)

    def _load(self, folder: Path, known: KnownScript) -> ScriptFile | None:
        _sweep_stale_temps(folder)
        digest = folder.name
        target = folder / known.file_name
        if not target.is_file():
            if not any(folder.glob(f"{TEMP_PREFIX}*")):
                self._discard(folder, "the script file is missing")
            return None
        try:
            content = _read_capped(target, self.max_bytes)
        except (OSError, TooLarge) as exc:
            self._discard(folder, f"it cannot be read ({exc})")
            return None
        if sha256_hex(content) != digest:
            self._discard(folder, f"its content no longer has SHA-256 {digest}")
            return None
        origin = _read_origin(folder / _ORIGIN)
        pin = known.match(digest)
        if pin is not None:
            trust = Trust.PINNED
        elif origin.get("accepted") is True and origin.get("sha256") == digest:
            trust = Trust.USER_ACCEPTED
        else:
            self._discard(folder, f"SHA-256 {digest} is neither pinned nor accepted")
            return None
        return ScriptFile(
            path=target,
            sha256=digest,
            size=len(content),
            source=str(origin.get("source") or "cache"),
            trust=trust,
            line_endings=LineEndings.of(content),
            saved_at=_parse_time(origin.get("saved_at"), target),
            known=pin,
            reused=True,
        )

    def _discard(self, folder: Path, why: str) -> None:
        log.warning("Discarding cached copy %s: %s", folder, why)
        shutil.rmtree(folder, ignore_errors=True)


def _is_digest(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def _holds(target: Path, digest: str, max_bytes: int) -> bool:
    try:
        return sha256_hex(_read_capped(target, max_bytes)) == digest
    except (OSError, TooLarge):
        return False


def _sweep_stale_temps(folder: Path) -> None:
    """Remove temporary files a killed process left; fresh ones may belong to a writer still at work."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for temp in folder.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _read_origin(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _parse_time(value: object, target: Path) -> datetime:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(value)
    return datetime.fromtimestamp(target.stat().st_mtime, UTC)


def _size(count: int) -> str:
    if count >= 1 << 20:
        return translate("fetch", "{amount} MiB").format(amount=f"{count / (1 << 20):g}")
    if count >= 1 << 10:
        return translate("fetch", "{amount} KiB").format(amount=f"{count / (1 << 10):.1f}")
    return translate("fetch", "{count} bytes").format(count=count)


def tls_context(ca_file: Path | str | None = None) -> ssl.SSLContext:
    """The operating system's trust store, plus the CA bundle a user gives for TLS inspection proxies."""
    # ssl (OpenSSL), truststore, http.client and urllib.request (with the email package) are imported for a
    # download only: the Enable page imports this module in every run, and most runs download nothing (megabytes).
    import ssl

    import truststore

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_file is not None:
        try:
            context.load_verify_locations(cafile=os.fspath(ca_file))
        except ssl.SSLError as exc:
            raise CaFileInvalid(
                translate(
                    "fetch", "The CA file {file} holds no certificate NestWiz can read; it must be PEM text."
                ).format(file=ca_file),
                detail=repr(exc),
            ) from exc
        except OSError as exc:
            raise CaFileInvalid(
                translate("fetch", "Could not read the CA file {file}: {reason}.").format(
                    file=ca_file, reason=exc.strerror or exc
                ),
                detail=repr(exc),
            ) from exc
    return context


def require_https(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise InsecureUrl(
            translate(
                "fetch", "NestWiz downloads the script only over HTTPS, and {url} is not an HTTPS address."
            ).format(url=repr(url)),
            detail=url,
        )
    return parts


class _Aborted(Exception):
    """The transfer was cancelled from the event loop."""


@dataclass(frozen=True)
class _Body:
    content: bytes
    url: str


class _Transfer:
    """One blocking download in a worker thread; `abort()` from any thread ends it at once."""

    def __init__(
        self,
        url: str,
        context: ssl.SSLContext,
        limits: FetchLimits,
        progress: ProgressCallback | None,
    ) -> None:
        self.url = url
        self.context = context
        self.limits = limits
        self.progress = progress
        self._lock = threading.Lock()
        self._aborted = False
        self._socket: socket.socket | None = None
        self.via = ""

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            sock = self._socket
        if sock is not None:
            # shutdown() wakes a recv() blocked in the worker thread; close() alone would not.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def run(self) -> _Body:
        url = self.url
        for _hop in range(self.limits.max_redirects + 1):
            target = require_https(url)
            try:
                location = self._get(url, target)
            except _Aborted:
                raise
            except FetchError:
                if self._aborted:
                    raise _Aborted from None
                raise
            if isinstance(location, _Body):
                return location
            log.info("%s redirected to %s", url, location)
            url = location
        raise DownloadFailed(
            translate("fetch", "{url} redirected more than {count} times; giving up.").format(
                url=self.url, count=self.limits.max_redirects
            ),
            detail=url,
        )

    def _get(self, url: str, target: SplitResult) -> _Body | str:
        host = target.hostname or ""
        phase = "connect"
        received = 0
        connection = self._connection(target)
        response: http.client.HTTPResponse | None = None
        try:
            connection.connect()
            self._hold(connection.sock)
            connection.sock.settimeout(self.limits.stall_timeout)
            phase = "answer"
            path = target.path or "/"
            connection.request(
                "GET",
                f"{path}?{target.query}" if target.query else path,
                headers={"User-Agent": f"NestWiz/{__version__}", "Accept": "*/*"},
            )
            response = connection.getresponse()
            if response.status in _REDIRECTS:
                return self._redirect(url, response)
            if response.status != 200:
                missing = response.status in (404, 410)
                raise HttpStatusError(
                    (
                        translate(
                            "fetch",
                            "{host} answered {status} {reason} for {url}; the file is not at that "
                            "address. Check it, or use a mirror.",
                        )
                        if missing
                        else translate(
                            "fetch",
                            "{host} answered {status} {reason} for {url}; the server would not "
                            "hand out the file. Try again later, or use a mirror.",
                        )
                    ).format(host=host, status=response.status, reason=response.reason, url=url),
                    status=response.status,
                    detail=url,
                )
            encoding = (response.getheader("Content-Encoding") or "identity").lower()
            if encoding != "identity":
                raise DownloadFailed(
                    translate(
                        "fetch", "{host} sent the file compressed ({encoding}) although NestWiz asked for plain bytes."
                    ).format(host=host, encoding=encoding),
                    detail=url,
                )
            total = response.length
            if total is not None and total > self.limits.max_bytes:
                raise self._too_large(url, total)
            phase = "body"
            body = bytearray()
            self._report(0, total)
            while chunk := response.read1(min(_CHUNK, self.limits.max_bytes + 1 - len(body))):
                if self._aborted:
                    raise _Aborted
                body += chunk
                received = len(body)
                if received > self.limits.max_bytes:
                    raise self._too_large(url, received)
                self._report(received, total)
            if self._aborted:
                raise _Aborted
            if total is not None and received < total:
                raise ConnectionBroken(
                    translate(
                        "fetch",
                        "The connection to {host} closed after {received} of {total}. Nothing was saved; try again.",
                    ).format(host=host, received=_size(received), total=_size(total)),
                    detail=url,
                )
            return _Body(bytes(body), url)
        except (FetchError, _Aborted):
            raise
        except Exception as exc:
            if self._aborted:
                raise _Aborted from exc
            raise _translate(exc, host, url, phase, received, self.limits, self.via) from exc
        finally:
            with self._lock:
                self._socket = None
            # The response owns the socket once the server says "Connection: close"; close both.
            if response is not None:
                response.close()
            connection.close()

    def _connection(self, target: SplitResult) -> http.client.HTTPSConnection:
        import http.client

        host = target.hostname or ""
        port = target.port or 443
        proxy = _proxy_for(host)
        if proxy is None:
            self.via = ""
            return http.client.HTTPSConnection(host, port, context=self.context, timeout=self.limits.connect_timeout)
        # Shown to people and logged, so without the credentials the proxy URL may carry.
        self.via = f"{proxy.scheme}://{proxy.hostname}:{proxy.port or 80}"
        if proxy.scheme.lower() != "http" or not proxy.hostname:
            raise DownloadFailed(
                translate(
                    "fetch", "The system proxy {proxy} is not an http:// proxy, which is all NestWiz can use."
                ).format(proxy=self.via),
                detail=self.via,
            )
        connection = http.client.HTTPSConnection(
            proxy.hostname, proxy.port or 80, context=self.context, timeout=self.limits.connect_timeout
        )
        headers = {}
        if proxy.username is not None:
            credentials = f"{unquote(proxy.username)}:{unquote(proxy.password or '')}"
            headers["Proxy-Authorization"] = "Basic " + base64.b64encode(credentials.encode()).decode()
        connection.set_tunnel(host, port, headers=headers)
        log.info("Using proxy %s for %s", self.via, host)
        return connection

    def _hold(self, sock: socket.socket) -> None:
        with self._lock:
            if self._aborted:
                raise _Aborted
            self._socket = sock

    def _redirect(self, url: str, response: http.client.HTTPResponse) -> str:
        location = response.getheader("Location")
        if not location:
            raise DownloadFailed(
                translate("fetch", "{url} answered {status} (redirect) without saying where to.").format(
                    url=url, status=response.status
                ),
                detail=url,
            )
        following = urljoin(url, location)
        if urlsplit(following).scheme.lower() != "https":
            raise InsecureUrl(
                translate(
                    "fetch", "{url} redirected to {target}, which is not HTTPS; NestWiz refuses to follow it."
                ).format(url=url, target=following),
                detail=following,
            )
        return following

    def _too_large(self, url: str, size: int) -> TooLarge:
        return TooLarge(
            translate(
                "fetch",
                "The file at {url} is larger than {limit} ({size} or more); the enablement script "
                "is about 5 KB, so this is not it.",
            ).format(url=url, limit=_size(self.limits.max_bytes), size=_size(size)),
            detail=url,
        )

    def _report(self, done: int, total: int | None) -> None:
        if self.progress is not None and not self._aborted:
            self.progress(done, total)


def _proxy_for(host: str) -> SplitResult | None:
    """The HTTPS proxy the system asks for (environment, Windows registry, macOS settings), if any."""
    import urllib.request

    proxy = urllib.request.getproxies().get("https")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return urlsplit(proxy if "://" in proxy else f"http://{proxy}")


def _translate(
    exc: Exception, host: str, url: str, phase: str, received: int, limits: FetchLimits, via: str
) -> DownloadFailed:
    import ssl

    detail = f"{url}: {exc!r}" + (f" (through the proxy {via})" if via else "")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return CertificateUntrusted(
            translate(
                "fetch",
                "The certificate of {host} is not trusted ({reason}). If your network inspects "
                "HTTPS, give your organisation's CA file.",
            ).format(host=host, reason=exc.verify_message),
            detail=detail,
        )
    if isinstance(exc, TimeoutError):
        if phase == "connect":
            return DownloadTimedOut(
                translate("fetch", "Could not connect to {host} within {seconds} seconds.").format(
                    host=host, seconds=f"{limits.connect_timeout:g}"
                ),
                detail=detail,
            )
        return DownloadTimedOut(
            (
                translate(
                    "fetch",
                    "{host} stopped sending for {seconds} seconds after {received}. Nothing was saved; try again.",
                )
                if received
                else translate("fetch", "{host} stopped sending for {seconds} seconds. Nothing was saved; try again.")
            ).format(host=host, seconds=f"{limits.stall_timeout:g}", received=_size(received)),
            detail=detail,
        )
    if phase != "connect" and (phase == "body" or isinstance(exc, ConnectionError)):
        return ConnectionBroken(
            translate(
                "fetch", "The connection to {host} broke off after {received}. Nothing was saved; try again."
            ).format(host=host, received=_size(received)),
            detail=detail,
        )
    import http.client

    if isinstance(exc, http.client.HTTPException):
        return DownloadFailed(
            translate("fetch", "{host} did not answer like a web server.").format(host=host), detail=detail
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        message = (
            translate("fetch", "Could not reach {host} through the proxy {proxy}: {reason}.")
            if via
            else translate("fetch", "Could not reach {host}: {reason}.")
        )
        return DownloadFailed(message.format(host=host, proxy=via, reason=reason), detail=detail)
    return DownloadFailed(
        translate("fetch", "Downloading from {host} failed: {reason}.").format(host=host, reason=exc), detail=detail
    )


async def _download(url: str, context: ssl.SSLContext, limits: FetchLimits, progress: ProgressCallback | None) -> _Body:
    loop = asyncio.get_running_loop()

    def report(done: int, total: int | None) -> None:
        if progress is not None:
            loop.call_soon_threadsafe(progress, done, total)

    transfer = _Transfer(url, context, limits, report if progress is not None else None)
    # A thread of its own (named, ended with its one job) rather than the shared default executor.
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nestwiz-fetch")
    future = loop.run_in_executor(executor, transfer.run)
    try:
        async with asyncio.timeout(limits.total_timeout):
            return await asyncio.shield(future)
    except TimeoutError:
        raise DownloadTimedOut(
            translate("fetch", "Downloading {url} took longer than {seconds} seconds. Nothing was saved.").format(
                url=url, seconds=f"{limits.total_timeout:g}"
            ),
            detail=url,
        ) from None
    finally:
        if not future.done():
            transfer.abort()
            await asyncio.wait({future}, timeout=limits.cancel_grace)
        future.add_done_callback(_ignore_outcome)
        # Once its one job is over the idle thread exits at once, so joining it costs nothing and no thread
        # outlives the call; a thread still stuck in connect() is left to finish on its own.
        executor.shutdown(wait=future.done())


def _ignore_outcome(future: asyncio.Future[_Body]) -> None:
    if not future.cancelled():
        future.exception()


async def fetch_script(
    known: KnownScript = ENABLE_NESTED_VM,
    *,
    url: str | None = None,
    ca_file: Path | str | None = None,
    cache: ScriptCache | None = None,
    limits: FetchLimits = DEFAULT_LIMITS,
    progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> ScriptFile:
    """A pinned copy of the script: from the cache when one still verifies, else downloaded and cached.

    `url` replaces the pinned address (a mirror); the bytes must still match a pinned digest. Cancelling
    the awaiting task stops the transfer at once and raises CancelledError; nothing is cached then."""
    source = url or known.url
    require_https(source)
    cache = cache or ScriptCache.default()
    if use_cache:
        cached = cache.find(known)
        if cached is not None:
            log.info("Reusing cached %s (sha256 %s)", cached.path, cached.sha256)
            return cached
    context = tls_context(ca_file)
    log.info("Downloading %s", source)
    body = await _download(source, context, limits, progress)
    digest = sha256_hex(body.content)
    if known.match(digest) is None:
        log.info("Refused %s from %s: sha256 %s is not pinned", known.file_name, body.url, digest)
        raise DigestMismatch(
            translate(
                "fetch",
                "The file from {url} is not a known version of {file}: its SHA-256 is {digest} "
                "({size}). Nothing was saved.",
            ).format(url=body.url, file=known.file_name, digest=digest, size=_size(len(body.content))),
            sha256=digest,
            size=len(body.content),
            source=body.url,
            detail="pinned: " + ", ".join(pin.sha256 for pin in known.digests),
        )
    return cache.store(known, body.content, source=body.url, trust=Trust.PINNED)


def inspect_file(
    path: Path | str, known: KnownScript = ENABLE_NESTED_VM, *, max_bytes: int = MAX_BYTES
) -> ScriptCandidate:
    """Read a file offered for import, for the viewer: its bytes, digest and the pin it matches, if any."""
    path = Path(path)
    try:
        content = _read_capped(path, max_bytes)
    except OSError as exc:
        raise ImportFailed(
            translate("fetch", "Could not read {path}: {reason}.").format(path=path, reason=exc.strerror or exc),
            detail=repr(exc),
        ) from exc
    digest = sha256_hex(content)
    return ScriptCandidate(path, content, digest, LineEndings.of(content), known.match(digest))


def import_script(
    path: Path | str,
    known: KnownScript = ENABLE_NESTED_VM,
    *,
    accept_digest: str | None = None,
    cache: ScriptCache | None = None,
    max_bytes: int = MAX_BYTES,
) -> ScriptFile:
    """Cache a local file if its digest is pinned, or if it is exactly the one the user accepted.

    `accept_digest` is the SHA-256 the user saw in the viewer when they chose to trust this file."""
    candidate = inspect_file(path, known, max_bytes=max_bytes)
    cache = cache or ScriptCache.default()
    source = str(candidate.path.resolve())
    if candidate.known is not None:
        return cache.store(known, candidate.content, source=source, trust=Trust.PINNED)
    if accept_digest is None:
        log.info("Refused import of %s: sha256 %s is not pinned", source, candidate.sha256)
        raise DigestMismatch(
            translate(
                "fetch",
                "{name} is not a known version of {file}: its SHA-256 is {digest}. Open it in the "
                "viewer and accept it only if you trust what it does.",
            ).format(name=candidate.path.name, file=known.file_name, digest=candidate.sha256),
            sha256=candidate.sha256,
            size=candidate.size,
            source=source,
        )
    if accept_digest.strip().lower() != candidate.sha256:
        log.info(
            "Refused import of %s: accepted sha256 %s but the file now has %s",
            source,
            accept_digest,
            candidate.sha256,
        )
        raise DigestMismatch(
            translate(
                "fetch",
                "{name} changed after you viewed it: you accepted SHA-256 {accepted}, it now has "
                "{digest}. Open it in the viewer again.",
            ).format(name=candidate.path.name, accepted=accept_digest, digest=candidate.sha256),
            sha256=candidate.sha256,
            size=candidate.size,
            source=source,
        )
    log.warning(
        "User accepted %s from %s with unpinned sha256 %s (%d bytes)",
        known.file_name,
        source,
        candidate.sha256,
        candidate.size,
    )
    return cache.store(known, candidate.content, source=source, trust=Trust.USER_ACCEPTED)
