"""streams/topics.py: one registry of the project's topics, used by the app, the admin and the README."""

from __future__ import annotations

import re
from pathlib import Path

from streams import topics
from streams.app import create_app
from streams.settings import Settings

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_topics() -> dict[str, tuple[str, str, str]]:
    """name -> (key, partitions, kept) from the README's topic table."""
    rows = {}
    for line in README.read_text().splitlines():
        m = re.match(r"\| `([^`]+)` \| ([^|]+) \| (\d+) \| ([^|]+) \|", line)
        if m:
            rows[m.group(1)] = (m.group(2).strip(), m.group(3), m.group(4).strip())
    return rows


def test_the_readme_table_lists_every_topic_of_the_registry_as_it_is():
    s = Settings()
    documented = readme_topics()
    for t in topics.TOPICS:
        key, partitions, kept = documented[t.name(s)]
        assert (key, partitions) == (t.key, str(t.partitions(s))), t.role
        config = dict(t.config(s))
        if kept.endswith(" days"):
            assert int(config["retention.ms"]) == int(kept.split()[0]) * topics.DAY_MS, t.role
        if kept.startswith("compacted"):
            assert config.get("cleanup.policy") == "compact", t.role
    assert documented.get("<app id>-*-changelog") is not None


def test_the_app_declares_each_topic_with_the_registrys_partitions(tmp_path, monkeypatch):
    import faust

    declared: dict = {}
    original = faust.App.topic

    def topic(self, *names, **options):
        for name in names:
            declared[name] = options.get("partitions")
        return original(self, *names, **options)

    monkeypatch.setattr(faust.App, "topic", topic)
    s = Settings(store="memory://", home=tmp_path, partitions=6)
    create_app(s)
    specs = {spec.name: spec.partitions for spec in topics.project_topics(s)}
    roles = ("input", "dead-letters", "alerts", "cluster-input")  # the snapshot topic is written by the producer
    assert {name: declared.get(name) for name in (topics.spec(s, r).name for r in roles)} == \
        {name: specs[name] for name in (topics.spec(s, r).name for r in roles)}
    assert declared[s.alerts_topic] == 4 and declared[s.input_topic] == 6


def test_the_snapshot_topic_is_compacted_and_follows_the_internal_topic_name():
    s = Settings(cluster_topic="run-7-cluster")
    spec = topics.spec(s, "cluster-snapshots")
    assert spec.name == "run-7-cluster-snapshots" and ("cleanup.policy", "compact") in spec.config
    assert topics.spec(Settings(cluster_snapshot_topic="x"), "cluster-snapshots").name == "x"
