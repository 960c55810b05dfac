"""Translatable sentences in core: marked for Qt's lupdate as translate(context, text), translated by whatever
the front end installs (Qt's translators in the wizard), English where none is installed (CLI, tests).

Write `translate("rules", "{free} GB free").format(free=...)`: the template is looked up, then filled, so a
translation keeps the placeholders and may reorder them.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None


def install(translator: Callable[[str, str], str] | None) -> None:
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    return _translator(context, text) or text
