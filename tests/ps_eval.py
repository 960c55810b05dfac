"""Read rendered PowerShell back with tree-sitter-powershell: commands, their parameters, and literal values."""

from __future__ import annotations

from typing import Any

import tree_sitter as ts
import tree_sitter_powershell as tsp

PARSER = ts.Parser(ts.Language(tsp.language()))
QUOTES = "'\u2018\u2019\u201a\u201b"
_WRAPPERS = {
    "array_literal_expression",
    "unary_expression",
    "pipeline",
    "pipeline_chain",
    "logical_expression",
    "bitwise_expression",
    "comparison_expression",
    "multiplicative_expression",
    "format_expression",
    "range_expression",
    "expression_with_unary_operator",
    "additive_expression",
}


class NotLiteral(ValueError):
    pass


def parse(src: str) -> ts.Node:
    return PARSER.parse(src.encode("utf-8")).root_node


def syntax_errors(src: str) -> list[str]:
    data = src.encode("utf-8")
    found: list[str] = []
    stack = [PARSER.parse(data).root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            found.append(f"line {node.start_point.row + 1}: {data[node.start_byte : node.end_byte][:40]!r}")
        stack.extend(node.children)
    return found


def _text(src: bytes, node: ts.Node) -> str:
    return src[node.start_byte : node.end_byte].decode("utf-8")


def unquote(literal: str) -> str:
    """The value of a verbatim (single-quoted) literal: outer quotes off, each doubled quote character halved."""
    assert literal[0] in QUOTES and literal[-1] in QUOTES, literal
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch in QUOTES and i + 1 < len(body) and body[i + 1] in QUOTES:
            out.append(ch)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def evaluate(src: bytes, node: ts.Node) -> Any:
    """Evaluate the small literal grammar render() writes: strings, [char]N, +, integers, $true/$false/$null, @()."""
    kind = node.type
    named = [c for c in node.children if c.type not in ("(", ")", "+", "@(", ",")]
    if kind == "string_literal":
        return unquote(_text(src, node))
    if kind == "integer_literal":
        return int(_text(src, node))
    if kind == "variable":
        name = _text(src, node).lower()
        if name in ("$true", "$false", "$null"):
            return {"$true": True, "$false": False, "$null": None}[name]
        return ("variable", _text(src, node)[1:])
    if kind == "cast_expression":
        type_name = _text(src, node.children[0]).lower()
        if type_name != "[char]":
            raise NotLiteral(type_name)
        return chr(evaluate(src, node.children[1]))
    if kind == "additive_expression" and len(node.children) == 3:
        left, op, right = node.children
        if _text(src, op) != "+":
            raise NotLiteral(_text(src, node))
        a, b = evaluate(src, left), evaluate(src, right)
        if not isinstance(a, str) or not isinstance(b, str):
            raise NotLiteral(_text(src, node))
        return a + b
    if kind == "parenthesized_expression":
        return evaluate(src, named[0])
    if kind == "array_expression":
        inner = [c for c in node.children if c.type == "statement_list"]
        return () if not inner else _array(src, inner[0])
    if kind == "array_literal_expression" and len(named) > 1:
        return tuple(evaluate(src, c) for c in named)
    if kind in _WRAPPERS and len(named) == 1:
        return evaluate(src, named[0])
    if kind == "statement_list" and len(named) == 1:
        return evaluate(src, named[0])
    raise NotLiteral(f"{kind}: {_text(src, node)[:60]}")


def _array(src: bytes, statements: ts.Node) -> tuple[Any, ...]:
    value = evaluate(src, statements)
    return value if isinstance(value, tuple) else (value,)


def commands(text: str) -> list[tuple[str, list[tuple[str, Any]]]]:
    """Every command in the script: its name and its (-Parameter, value) pairs; a switch has the value True."""
    src = text.encode("utf-8")
    found: list[tuple[str, list[tuple[str, Any]]]] = []
    stack = [PARSER.parse(src).root_node]
    while stack:
        node = stack.pop()
        if node.type == "command" and node.child_by_field_name("command_name") is not None:
            name = _text(src, node.child_by_field_name("command_name"))
            elements = node.child_by_field_name("command_elements")
            kids = [c for c in (elements.children if elements else []) if c.type != "command_argument_sep"]
            params: list[tuple[str, Any]] = []
            i = 0
            while i < len(kids):
                kid = kids[i]
                if kid.type == "command_parameter":
                    key = _text(src, kid)[1:]
                    if key.endswith(":"):
                        params.append((key[:-1], evaluate(src, kids[i + 1])))
                        i += 2
                        continue
                    if i + 1 < len(kids) and kids[i + 1].type != "command_parameter":
                        try:
                            params.append((key, evaluate(src, kids[i + 1])))
                            i += 2
                            continue
                        except NotLiteral:
                            params.append((key, ("expression", _text(src, kids[i + 1]))))
                            i += 2
                            continue
                    params.append((key, True))
                i += 1
            found.append((name, params))
        stack.extend(reversed(node.children))
    return found
