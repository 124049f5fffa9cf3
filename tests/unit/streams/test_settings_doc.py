"""docs/configuration.md lists every setting of streams/settings.py, with its default; the README's
short table is a part of it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from streams.settings import PREFIX, Settings

ROOT = Path(__file__).resolve().parents[3]


def rows(path: Path) -> dict[str, tuple[str, str]]:
    """variable -> (default cell, meaning) of a configuration table."""
    found = {}
    for line in path.read_text().splitlines():
        m = re.match(r"\| `(HYDRAWATCH_[A-Z0-9_]+)` \| ([^|]+) \| (.+) \|$", line)
        if m:
            found[m.group(1)] = (m.group(2).strip(), m.group(3).strip())
    return found


def test_every_setting_is_documented_with_its_default():
    documented = rows(ROOT / "docs" / "configuration.md")
    for f in dataclasses.fields(Settings):
        name = PREFIX + f.name.upper()
        assert name in documented, f"{name} is not in docs/configuration.md"
        cell = documented[name][0]
        if cell.startswith("`") and not cell.startswith("`<"):
            value = cell.strip("`")
            if isinstance(f.default, bool) or not isinstance(f.default, (int, float)):
                assert value == str(f.default), name
            else:
                assert float(value.replace(",", "")) == f.default, name
        else:  # (empty), (system CAs), `<cluster topic>-snapshots`: an empty default, said in words
            assert f.default == "", name


def test_the_readme_rows_are_the_full_tables():
    full = rows(ROOT / "docs" / "configuration.md")
    short = {k: (d, m.replace("](docs/", "](")) for k, (d, m) in rows(ROOT / "README.md").items()}  # links from docs/
    assert len(short) >= 10
    assert {k: full.get(k) for k in short} == short
