"""Secrets never reach a log or a support bundle: known secret values and password-like fields are masked."""

from __future__ import annotations

import re
import threading

MASK = "********"
_lock = threading.Lock()
_secrets: set[str] = set()

# key=value, key: value, -Key value, "Key": "value" for password-like keys
_FIELD = re.compile(
    r"""(?ix)
    (?P<key>["']?\b(?:password|passwd|pwd|secret|token|apikey|api_key|authorization|plaintextpassword)\b["']?)
    (?P<sep>\s*[:=]\s*|\s+)
    (?P<value>"[^"]*"|'[^']*'|(?:Basic|Bearer|Negotiate|NTLM)\s+\S+|[^\s,;&}]+)
    """
)


def register_secret(value: str | None) -> None:
    """Remember a secret so that every later redaction masks it wherever it appears."""
    if value and len(value) >= 3:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    return _FIELD.sub(_mask_field, text)


def _mask_field(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[0] if value[0] in "\"'" else ""
    return f"{match.group('key')}{match.group('sep')}{quote}{MASK}{quote}"
