"""The layering of DESIGN.md, enforced: imports run downwards, Qt only where the UI lives, SQL only in store/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kommandesk"
QT_ALLOWED = ("ui/", "app.py", "tasks.py", "i18n/qt.py", "settings.py")
# Upper-case keywords only, so that English prose ("Select the volunteers from ...") does not count.
SQL_WORDS = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA)\b",
                       re.DOTALL)


def modules() -> list[tuple[str, ast.Module]]:
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        rel = file.relative_to(PACKAGE).as_posix()
        found.append((rel, ast.parse(file.read_text(encoding="utf-8"))))
    return found


def imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = modules()


def test_the_package_has_modules():
    assert len(MODULES) > 20


@pytest.mark.parametrize("rel,tree", MODULES, ids=[rel for rel, _ in MODULES])
def test_qt_only_in_the_ui_layer(rel, tree):
    uses_qt = any(name.split(".")[0] in ("PySide6", "shiboken6") for name in imported(tree))
    assert not uses_qt or rel.startswith(QT_ALLOWED), f"{rel} imports Qt"


@pytest.mark.parametrize("rel,tree", MODULES, ids=[rel for rel, _ in MODULES])
def test_imports_run_downwards(rel, tree):
    names = imported(tree)
    layer = rel.split("/")[0]
    forbidden = {
        "domain": ("kommandesk.store", "kommandesk.services", "kommandesk.ui", "kommandesk.documents",
                   "kommandesk.interchange", "sqlite3", "sqlite_utils"),
        "store": ("kommandesk.services", "kommandesk.ui", "kommandesk.documents", "kommandesk.interchange"),
        "services": ("kommandesk.ui", "kommandesk.app"),
        "documents": ("kommandesk.services", "kommandesk.ui", "kommandesk.store"),
        "interchange": ("kommandesk.services", "kommandesk.ui", "kommandesk.store"),
        "cli.py": ("kommandesk.ui", "kommandesk.app", "kommandesk.tasks", "kommandesk.settings"),
    }.get(layer, ())
    bad = sorted(name for name in names if name.startswith(forbidden))
    assert not bad, f"{rel} imports {bad}"


@pytest.mark.parametrize("rel,tree", MODULES, ids=[rel for rel, _ in MODULES])
def test_sql_only_in_store(rel, tree):
    if rel.startswith("store/"):
        return
    strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    offending = [s for s in strings if SQL_WORDS.search(s)]
    assert not offending, f"{rel} contains SQL: {offending[:2]}"
