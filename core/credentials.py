"""Remembered passwords live only in the OS credential store (keyring), and only when the user asks."""

from __future__ import annotations

import logging

import keyring
import keyring.errors

from core.errors import NestWizError
from core.redact import register_secret

SERVICE = "NestWiz"
log = logging.getLogger("nestwiz.credentials")


class CredentialStoreUnavailable(NestWizError):
    pass


def _key(host: str, user: str) -> str:
    return f"{user}@{host}"


def remember(host: str, user: str, password: str) -> None:
    try:
        keyring.set_password(SERVICE, _key(host, user), password)
    except keyring.errors.KeyringError as exc:
        raise CredentialStoreUnavailable(
            "This computer has no credential store NestWiz can use, so the password was not remembered.",
            detail=str(exc),
        ) from None
    log.info("password for %s remembered in the OS credential store", _key(host, user))


def recall(host: str, user: str) -> str | None:
    try:
        password = keyring.get_password(SERVICE, _key(host, user))
    except keyring.errors.KeyringError as exc:
        log.info("credential store unavailable: %s", exc)
        return None
    register_secret(password)
    return password


def forget(host: str, user: str) -> None:
    try:
        keyring.delete_password(SERVICE, _key(host, user))
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        log.info("credential store unavailable: %s", exc)
