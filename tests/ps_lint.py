"""A lint for NestWiz's fixed PowerShell scripts: syntax, 5.1-only language, and cmdlets/parameters in the reference.

tree-sitter-powershell is a lint, not PowerShell's parser: it reports false errors on some valid code
(bare-word lists such as `-Name a,b`, `$x * 1GB`, a one-line `function f { param($a) $a }`), so fixed
scripts are written in a style it parses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tree_sitter
import tree_sitter_powershell

from core.reference import COMMON_ALIASES, COMMON_PARAMETERS, SHOULD_PROCESS, Reference

_LANGUAGE = tree_sitter.Language(tree_sitter_powershell.language())

# Operators Windows PowerShell 5.1 does not have (PowerShell 7 added them).
_PS7_TOKENS = {
    "&&": "the && pipeline-chain operator",
    "||": "the || pipeline-chain operator",
    "??": "the ?? operator",
    "??=": "the ??= operator",
    "?.": "the ?. operator",
    "?[": "the ?[] operator",
}


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


def _walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _text(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def _at(node: tree_sitter.Node, message: str) -> Problem:
    return Problem(node.start_point[0] + 1, node.start_point[1] + 1, message)


def _functions(root: tree_sitter.Node) -> dict[str, set[str]]:
    """Functions the script defines, with their parameter names (lower case)."""
    found: dict[str, set[str]] = {}
    for node in _walk(root):
        if node.type != "function_statement":
            continue
        name = next((c for c in node.children if c.type == "function_name"), None)
        if name is None:
            continue
        params: set[str] = set()
        for inner in _walk(node):
            if inner.type == "script_parameter":
                var = next((c for c in inner.children if c.type == "variable"), None)
                if var is not None:
                    params.add(_text(var).lstrip("$").lower())
        found[_text(name).lower()] = params
    return found


def _parameter_name(node: tree_sitter.Node) -> str:
    return _text(node).lstrip("-").rstrip(":").split(":", 1)[0]


def lint(text: str, reference: Reference | None = None, *, native: Iterable[str] = ()) -> list[Problem]:
    """Every problem found in a script: syntax errors, PowerShell 7-only operators, commands or
    parameters that are neither in the reference nor defined by the script. `native` names the
    external programs the script may call (e.g. "bcdedit.exe")."""
    reference = reference or Reference.default()
    tree = tree_sitter.Parser(_LANGUAGE).parse(text.encode("utf-8"))
    root = tree.root_node
    problems: list[Problem] = []
    allowed_native = {n.lower() for n in native}
    functions = _functions(root)

    for node in _walk(root):
        if node.type == "ERROR":
            problems.append(_at(node, f"syntax error near {_text(node)[:40]!r}"))
        elif node.is_missing:
            problems.append(_at(node, f"syntax error: missing {node.type!r}"))
        elif node.child_count == 0 and node.type in _PS7_TOKENS:
            problems.append(_at(node, f"{_PS7_TOKENS[node.type]} is PowerShell 7 only"))
        elif node.type == "ternary_expression":
            problems.append(_at(node, "the ?: operator is PowerShell 7 only"))
        elif node.type == "command":
            problems.extend(_check_command(node, reference, functions, allowed_native))
    return problems


def _check_command(
    node: tree_sitter.Node, reference: Reference, functions: dict[str, set[str]], native: set[str]
) -> list[Problem]:
    name_node = next((c for c in node.children if c.type == "command_name"), None)
    if name_node is None:
        return []  # `& $command`, `. $script`: the name is data, checked where it is built
    name = _text(name_node)
    module = ""
    if "\\" in name:  # module-qualified, e.g. Microsoft.PowerShell.Utility\Write-Host
        module, name = name.rsplit("\\", 1)
    elements = next((c for c in node.children if c.type == "command_elements"), None)
    params = [c for c in elements.children if c.type == "command_parameter"] if elements else []

    if name.lower() in functions:
        known = functions[name.lower()]
        return [
            _at(p, f"{name} has no parameter -{_parameter_name(p)}")
            for p in params
            if _parameter_name(p).lower() not in known | COMMON_PARAMETERS
        ]
    if name.lower() in native:
        return []
    cmdlet = reference.cmdlet(name)
    if cmdlet is None:
        return [_at(name_node, f"'{name}' is not a cmdlet of the reference (nor a function of the script)")]
    problems = []
    if module and cmdlet.module and module.lower() != cmdlet.module.lower():
        problems.append(_at(name_node, f"{cmdlet.name} is in module {cmdlet.module}, not {module}"))
    if cmdlet.name.lower() != name.lower():
        problems.append(_at(name_node, f"'{name}' is an alias; write {cmdlet.name}"))
    for p in params:
        key = _parameter_name(p)
        low = key.lower()
        if low in COMMON_PARAMETERS or low in COMMON_ALIASES or (cmdlet.should_process and low in SHOULD_PROCESS):
            continue
        if not any(s.find(key) for s in cmdlet.sets):
            problems.append(_at(p, f"{cmdlet.name} has no parameter -{key}"))
    return problems


def lint_file(path: Path, reference: Reference | None = None, *, native: Iterable[str] = ()) -> list[Problem]:
    return lint(path.read_text(encoding="utf-8"), reference, native=native)


def assert_clean(path: Path, *, native: Iterable[str] = ()) -> None:
    """Fail with every problem listed, for use in tests."""
    problems = lint_file(path, native=native)
    assert not problems, f"{path.name}:\n" + "\n".join(str(p) for p in problems)
