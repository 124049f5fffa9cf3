"""How streams/ is laid out: Faust's internals in one module, a short app."""

from __future__ import annotations

import ast
from pathlib import Path

STREAMS = Path(__file__).resolve().parents[3] / "streams"


def private_attributes(path: Path) -> list[str]:
    """`x._name` where x is not self/cls: another object's private attribute."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
    return found


# The one workaround for prometheus-client (streams.metrics.observe_many), tested against observe.
PROMETHEUS_WORKAROUND = {"metrics.py": {"_upper_bounds", "_buckets", "_sum"}}


def test_only_faust_patches_touches_another_objects_private_attributes():
    offenders = [hit for path in sorted(STREAMS.glob("*.py")) if path.name != "faust_patches.py"
                 for hit in private_attributes(path)
                 if hit.rsplit(".", 1)[1] not in PROMETHEUS_WORKAROUND.get(path.name, ())]
    assert offenders == []


def test_the_check_sees_a_private_attribute():
    assert private_attributes(STREAMS / "faust_patches.py")  # it does touch them, by design


def test_the_app_only_declares_topics_tables_and_agents():
    assert len((STREAMS / "app.py").read_text().splitlines()) <= 250
