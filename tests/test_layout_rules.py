"""The layout's rules (issue 13), checked on the source: no module over about 300 lines, no function over 40
lines, and packages meet only at their `__init__` (see ARCHITECTURE.md, Invariants)."""
from __future__ import annotations

import ast
import re

import pytest

from tests.support.paths import ROOT

PACKAGES = ("parsers", "flows", "warehouse", "expectations")
MODULE_LINES = 320  # "about 300"
FUNCTION_LINES = 40
# the one import across the layers that ARCHITECTURE.md names: the gate process ends with its parent
ALLOWED_DEEP_IMPORTS = {("expectations", "flows.runtime.lifecycle")}


def _modules():
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_module_is_over_about_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MODULE_LINES}
    assert not long, f"modules over {MODULE_LINES} lines: {long}"


def test_no_function_is_over_40_lines():
    long = {}
    for path in _modules():
        for node in _functions(ast.parse(path.read_text())):
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LINES:
                long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = length
    assert not long, f"functions over {FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("package", PACKAGES)
def test_packages_import_each_other_only_through_their_init(package):
    deep = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                top, _, rest = node.module.partition(".")
                if top in PACKAGES and top != package and rest and (package, node.module) not in ALLOWED_DEEP_IMPORTS:
                    deep.add(f"{path.relative_to(ROOT)}: from {node.module}")
            if isinstance(node, ast.Import):
                for alias in node.names:
                    top, _, rest = alias.name.partition(".")
                    if top in PACKAGES and top != package and rest:
                        deep.add(f"{path.relative_to(ROOT)}: import {alias.name}")
    assert not deep, f"imports past another package's __init__: {sorted(deep)}"


def test_parsers_import_nothing_of_the_other_packages_or_of_io_libraries():
    banned = re.compile(r"^\s*(from|import)\s+(flows|warehouse|expectations|prefect|httpx|duckdb)\b", re.M)
    found = [str(p.relative_to(ROOT)) for p in (ROOT / "parsers").rglob("*.py") if banned.search(p.read_text())]
    assert not found, f"parsers must stay pure: {found}"
