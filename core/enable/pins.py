"""The pinned Enable-NestedVm.ps1: where it is published and every digest we accept for it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

COMMIT = "9b528aab32f815edf32f334901ed5a91ca811091"
FILE_NAME = "Enable-NestedVm.ps1"
# Pinned to the commit that last changed the file: the 2016 articles point at a `master` branch that no
# longer exists, and GitHub does not redirect raw URLs after a branch rename.
PINNED_URL = (
    "https://raw.githubusercontent.com/MicrosoftDocs/Virtualization-Documentation/"
    f"{COMMIT}/hyperv-tools/Nested/{FILE_NAME}"
)
DIGEST_SOURCE = (
    "NestWiz reference notes, hyperv-nested-facts.md section 1.2, compiled from the public repository "
    f"MicrosoftDocs/Virtualization-Documentation, blob 30b8d858492a3c7b6d66773d81f8060ee43c6ef3 "
    f"(last changed by commit {COMMIT}, 2016-01-05)"
)


class LineEndings(StrEnum):
    LF = "LF"
    CRLF = "CRLF"
    MIXED = "mixed"
    NONE = "none"

    @classmethod
    def of(cls, content: bytes) -> LineEndings:
        crlf = content.count(b"\r\n")
        lf = content.count(b"\n") - crlf
        if crlf and lf:
            return cls.MIXED
        if crlf:
            return cls.CRLF
        return cls.LF if lf else cls.NONE


# SHA-256 from CPython's own implementation when the build has one: hashlib loads OpenSSL (~4 MB of memory) to
# hash a 6 KB script, and the simulated flow needs OpenSSL for nothing else. The standard library's `random` does
# the same for SHA-512.
try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # 3.11
    except ImportError:  # a build without the built-in hashes
        from hashlib import sha256 as _sha256  # type: ignore[assignment,unused-ignore]


def sha256_hex(content: bytes) -> str:
    return str(_sha256(content).hexdigest())


@dataclass(frozen=True)
class KnownDigest:
    """One exact byte form of the script we trust without asking."""

    sha256: str
    size: int
    line_endings: LineEndings
    note: str

    @classmethod
    def of(cls, content: bytes, note: str) -> KnownDigest:
        return cls(sha256_hex(content), len(content), LineEndings.of(content), note)


@dataclass(frozen=True)
class KnownScript:
    """A script we download or import: its file name, where it is published and the digests we trust."""

    file_name: str
    url: str
    digests: tuple[KnownDigest, ...]
    source: str

    def match(self, sha256: str) -> KnownDigest | None:
        wanted = sha256.lower()
        return next((known for known in self.digests if known.sha256 == wanted), None)


ENABLE_NESTED_VM = KnownScript(
    file_name=FILE_NAME,
    url=PINNED_URL,
    digests=(
        KnownDigest(
            sha256="d940c4b9cdfb321e6b31417a9fa652989c09082dcc041f54a992c894806c907e",
            size=5296,
            line_endings=LineEndings.LF,
            note="as stored in git and served by raw.githubusercontent.com (UTF-8 with BOM, LF)",
        ),
        KnownDigest(
            sha256="5856b185430a6a6a328c6265a530a9b645e8898b3828b604d9a6c5798fa04cdc",
            size=5463,
            line_endings=LineEndings.CRLF,
            note="the same file checked out on Windows with core.autocrlf=true; computed by LF to CRLF",
        ),
    ),
    source=DIGEST_SOURCE,
)
