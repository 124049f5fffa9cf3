"""What the cluster stage was fed, read back from the internal topic, against what replay feeds it.

The cluster stage's state is a pure function of its internal topic, so when live alerts differ
from replay's, the difference is in that topic: a message at a position replay never produced,
different content at the same position, or an arrival behind the watermark (late). Every
worker that owned the stage counted its own late inputs, and a restarted worker's counter starts
at zero; re-applying the whole topic here counts all of them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from kafka import KafkaConsumer, TopicPartition

from streams.app import ClusterRuntime


@dataclass
class TopicReplay:
    records: int = 0
    late: int = 0
    resent: int = 0  # messages at a position already accepted (dropped by the sequencer)
    accepted: dict = field(default_factory=dict)  # (partition, offset, index) -> wire item, first accepted
    dropped: dict = field(default_factory=dict)  # position -> record offset, for positions arriving out of order
    spans: dict = field(default_factory=dict)  # partition -> [(record offset, first offset, last offset)]
    alerts: list = field(default_factory=list)  # what the cluster stage decides on the topic, applied afresh


class InternalTopicTap(threading.Thread):
    """Copies the internal topic as it is written. The cluster stage deletes the records its
    snapshots cover (streams/snapshots.py), so reading it afterwards would miss the start; the
    tap reads from offset 0 all along and fails loudly if a deletion ever overtakes it."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        super().__init__(daemon=True, name=f"tap-{topic}")
        self.bootstrap, self.topic = bootstrap, topic
        self.records: list = []  # (offset, value)
        self.error: BaseException | None = None
        self.stopping = threading.Event()

    def run(self) -> None:
        # Reconnect within a quarter second of a broker's return (kafka-python backs off up to 30 s
        # by default): after an outage the worker snapshots, and deletes what the tap has not read
        # yet, two snapshot intervals after it is back.
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False,
                                 auto_offset_reset="none", max_partition_fetch_bytes=8 * 1024 * 1024,
                                 reconnect_backoff_max_ms=250)
        tp = TopicPartition(self.topic, 0)
        try:
            consumer.assign([tp])
            consumer.seek(tp, 0)
            while not self.stopping.is_set():
                for record in consumer.poll(timeout_ms=200).get(tp, ()):
                    assert record.offset == len(self.records), f"tap at {len(self.records)} got offset {record.offset}"
                    self.records.append((record.offset, record.value))
        except BaseException as exc:  # noqa: BLE001 - reported by `copy`
            self.error = exc
        finally:
            consumer.close()

    def copy(self, timeout_s: float = 60) -> list:
        """Everything written so far, once the tap has reached the topic's end."""
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap)
        try:
            tp = TopicPartition(self.topic, 0)
            end = consumer.end_offsets([tp])[tp]
        finally:
            consumer.close()
        deadline = time.monotonic() + timeout_s
        while len(self.records) < end and self.error is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.error is None, f"the internal-topic tap failed: {self.error!r}"
        assert len(self.records) >= end, f"the tap holds {len(self.records)} of {end} internal records"
        return self.records[:end]


def read_internal_topic(pipeline) -> TopicReplay:
    """Apply the whole internal topic (as the pipeline's tap copied it) through a fresh cluster
    runtime, as a new owner without snapshots would."""
    runtime = ClusterRuntime(pipeline.partitions)
    result = TopicReplay()
    positions = [(-1, -1)] * pipeline.partitions
    sink: list = []
    for offset, value in pipeline.tap.copy():
        result.records += 1
        for p, items in orjson.loads(value).get("m", ()):
            if items:
                result.spans.setdefault(p, []).append((offset, items[0][0], items[-1][0]))
            for item_offset, index, clock, _, wire in items:
                if (item_offset, index) > positions[p]:
                    positions[p] = (item_offset, index)
                    result.accepted[(p, item_offset, index)] = [clock, wire]
                elif (p, item_offset, index) not in result.accepted:
                    result.dropped[(p, item_offset, index)] = offset
        runtime.apply(value, sink)
    runtime.stage.feed(runtime.sequencer.flush(), sink)
    result.alerts = [alert.to_dict() for alert in sink]
    result.late = runtime.sequencer.late_total
    result.resent = runtime.sequencer.duplicates
    return result


def replay_items(events_path: Path, partitions: int) -> dict:
    """(partition, offset, index) -> [clock, wire item], as replay's account stages produce them."""
    from detectors.partitioning import partition_for
    from detectors.stages import AccountStage, to_wire
    from streams.decoder import Rejection, decode
    from streams.settings import Settings

    ttl_s = Settings.from_env().account_ttl_s
    stages = [AccountStage(ttl_s) for _ in range(partitions)]
    offsets = [0] * partitions
    items: dict = {}
    out: list = []
    for line in open(events_path, "rb"):
        event = decode(line)
        if type(event) is Rejection:
            continue
        p = partition_for(event["account_id"].encode(), partitions)
        stage = stages[p]
        stage.process(event, out)
        for i, message in enumerate(out):
            items[(p, offsets[p], i)] = [stage.clock, orjson.loads(orjson.dumps(to_wire(message)))]
        out.clear()
        offsets[p] += 1
    return items


def divergence(live: TopicReplay, expected: dict, show: int = 5, expected_alerts: list | None = None) -> str:
    """A readable account of how the topic's accepted messages differ from replay's."""
    only_live = sorted(set(live.accepted) - set(expected))
    only_replay = sorted(set(expected) - set(live.accepted))
    changed = sorted(k for k in set(live.accepted) & set(expected) if live.accepted[k] != expected[k])
    lines = [f"internal topic: {live.records} records, {len(live.accepted)} messages accepted, {live.resent} re-sent, "
             f"{live.late} late; replay {len(expected)} messages; only in the topic {len(only_live)}, only in replay "
             f"{len(only_replay)}, different content {len(changed)}"]
    if expected_alerts is not None:
        same = sorted(map(orjson.dumps, live.alerts)) == sorted(map(orjson.dumps, expected_alerts))
        lines.append(f"the topic applied afresh gives {len(live.alerts)} alert messages, "
                     f"{'equal to' if same else 'different from'} replay's {len(expected_alerts)}")
    for name, keys in (("only in the topic", only_live), ("only in replay", only_replay)):
        for k in keys[:show]:
            lines.append(f"{name} {k}: {(live.accepted.get(k) or expected.get(k))}")
            if k in live.dropped:
                lines.append(f"  in the topic at record {live.dropped[k]}, but behind an accepted position: dropped")
            p, offset = k[0], k[1]
            near = [s for s in live.spans.get(p, ()) if s[1] - 2000 <= offset <= s[2] + 2000]
            lines.append(f"  records holding partition {p} near offset {offset} (record, first, last): {near[:40]}")
    for k in changed[:show]:
        lines.append(f"different at {k}: topic {live.accepted[k]} / replay {expected[k]}")
    return "\n".join(lines)
