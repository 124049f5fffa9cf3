"""The event-time sequencer: one release order whatever the arrival interleaving."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.sequencer import Sequencer


def msg(p: int, offset: int, index: int = 0) -> str:
    return f"p{p}o{offset}i{index}"


def push(s: Sequencer, p: int, clock: float, offset: int, index: int = 0) -> bool:
    return s.push(p, clock, offset, index, msg(p, offset, index))


def test_release_order_is_clock_then_partition_then_offset_then_index():
    s = Sequencer(3)
    push(s, 2, 5.0, 0)
    push(s, 2, 5.0, 1, 0)
    push(s, 2, 5.0, 1, 1)
    push(s, 0, 5.0, 7)
    push(s, 1, 3.0, 4)
    push(s, 1, 5.0, 5)
    push(s, 0, 9.0, 8)
    assert s.flush() == [
        msg(1, 4),  # the lowest clock first, whatever its partition
        msg(0, 7),  # equal clocks: by partition ...
        msg(1, 5),
        msg(2, 0),  # ... then offset ...
        msg(2, 1, 0),  # ... then index
        msg(2, 1, 1),
        msg(0, 8),
    ]
    assert s.pending == 0 and s.flush() == []


def test_watermark_is_the_minimum_clock_over_partitions_not_idle():
    s = Sequencer(3)
    assert s.watermark() == -math.inf  # no partition has spoken: nothing may be released
    push(s, 0, 10.0, 0)
    push(s, 1, 20.0, 0)
    assert s.watermark() == -math.inf  # partition 2 still unheard
    push(s, 2, 15.0, 0)
    assert s.watermark() == 10.0
    s.mark_idle(0)
    assert s.watermark() == 15.0
    s.mark_idle(1)
    s.mark_idle(2)
    assert s.watermark() == math.inf  # everything idle: nothing to wait for


def test_release_only_below_the_watermark():
    s = Sequencer(2)
    push(s, 0, 10.0, 0)
    push(s, 0, 20.0, 1)
    assert s.release() == []  # partition 1 unheard
    push(s, 1, 20.0, 0)
    assert s.release() == [msg(0, 0)]  # strictly below 20: the ties wait
    assert s.pending == 2
    push(s, 0, 30.0, 2)
    push(s, 1, 30.0, 1)
    assert s.release() == [msg(0, 1), msg(1, 0)]
    assert s.flush() == [msg(0, 2), msg(1, 1)]


def test_idle_partitions_stop_holding_the_watermark_until_they_send():
    s = Sequencer(2)
    push(s, 0, 10.0, 0)
    push(s, 0, 20.0, 1)
    assert s.release() == []
    s.mark_idle(1)
    assert s.release() == [msg(0, 0)]  # the newest clock of a partition is never passed alone
    push(s, 1, 25.0, 0)  # sending makes it active again
    assert not s.idle[1] and s.watermark() == 20.0
    push(s, 0, 30.0, 2)
    assert s.release() == [msg(0, 1)]


def test_mark_active_waits_for_a_partition_again():
    s = Sequencer(2)
    push(s, 1, 5.0, 0)
    s.mark_idle(1)
    push(s, 0, 10.0, 0)
    push(s, 0, 20.0, 1)
    s.mark_active(1)  # messages on the way: its clock (5) holds the watermark again
    assert s.release() == []
    assert s.flush() == [msg(1, 0), msg(0, 0), msg(0, 1)]


def test_clocks_never_go_back():
    s = Sequencer(1)
    push(s, 0, 10.0, 0)
    push(s, 0, 4.0, 1)  # a partition's clock is its newest event time: an older one keeps it
    assert s.clocks[0] == 10.0
    assert s.flush() == [msg(0, 0), msg(0, 1)]


def test_positions_at_or_before_the_last_accepted_are_dropped():
    s = Sequencer(2)
    assert push(s, 0, 1.0, 5, 0) and push(s, 0, 1.0, 5, 1)
    assert not push(s, 0, 1.0, 5, 1)  # the same position
    assert not push(s, 0, 1.0, 5, 0)  # an earlier index of the same offset
    assert not push(s, 0, 9.0, 4, 3)  # an earlier offset
    assert push(s, 1, 1.0, 4, 3)  # positions are per partition
    assert s.duplicates == 3
    assert s.flush() == [msg(0, 5, 0), msg(0, 5, 1), msg(1, 4, 3)]
    assert not push(s, 0, 1.0, 5, 1)  # even after release
    assert s.duplicates == 4 and s.flush() == []


def test_duplicates_do_not_wake_an_idle_partition():
    s = Sequencer(2)
    push(s, 1, 5.0, 0)
    s.mark_idle(1)
    assert not push(s, 1, 5.0, 0)
    assert s.idle[1]


def test_late_messages_are_released_at_once_and_counted():
    s = Sequencer(2)
    push(s, 1, 5.0, 0)
    s.mark_idle(1)
    push(s, 0, 100.0, 0)
    push(s, 0, 200.0, 1)
    assert s.release() == [msg(1, 0), msg(0, 0)]
    assert s.late_total == 0
    # Partition 1 wakes with an event time behind what was released: late.
    assert push(s, 1, 50.0, 1)
    assert s.late_total == 1 and s.pending == 1  # not queued
    push(s, 1, 300.0, 2)  # on time: waits for the watermark as usual
    assert s.release() == [msg(1, 1)]  # the watermark is min(200, 300): p0's 200 still waits
    push(s, 0, 400.0, 2)
    assert s.release() == [msg(0, 1)]  # min(400, 300): p1's 300 waits now
    assert s.late_total == 1
    assert s.flush() == [msg(1, 2), msg(0, 2)]


def test_late_messages_come_out_of_flush_too():
    s = Sequencer(2)
    push(s, 1, 5.0, 0)
    s.mark_idle(1)
    push(s, 0, 100.0, 0)
    assert s.flush() == [msg(1, 0), msg(0, 0)]
    push(s, 1, 50.0, 1)  # behind the last release (clock 100)
    push(s, 0, 150.0, 1)
    assert s.flush() == [msg(1, 1), msg(0, 1)]
    assert s.late_total == 1


def test_flush_releases_everything_in_order_and_pending_counts():
    s = Sequencer(3)
    for p, clock, offset in [(0, 3.0, 0), (1, 1.0, 0), (0, 4.0, 1), (1, 1.0, 1)]:
        push(s, p, clock, offset)
    assert s.pending == 4
    assert s.release() == []  # partition 2 unheard
    assert s.flush() == [msg(1, 0), msg(1, 1), msg(0, 0), msg(0, 1)]
    assert s.pending == 0 and s.release() == [] and s.flush() == []


# --- property: order independent of the interleaving -------------------------------------------

@st.composite
def partition_streams(draw):
    """Per partition, in send order: (clock, offset, index); clocks monotonic per partition,
    several messages (indexes) per offset at one clock, as the account stage sends them."""
    n = draw(st.integers(1, 4))
    streams = []
    for _ in range(n):
        clocks = sorted(draw(st.lists(st.integers(0, 12), max_size=10)))  # a small range: many ties
        offset = -1
        stream = []
        for clock in clocks:
            offset += draw(st.integers(1, 3))
            for index in range(draw(st.integers(1, 3))):
                stream.append((float(clock), offset, index))
        streams.append(stream)
    return streams


def all_then_flush(streams) -> list:
    s = Sequencer(len(streams))
    for p, stream in enumerate(streams):
        for clock, offset, index in stream:
            push(s, p, clock, offset, index)
    return s.flush()


@settings(max_examples=150, deadline=None)
@given(partition_streams(), st.data())
def test_release_order_does_not_depend_on_interleaving(streams, data):
    expected = all_then_flush(streams)
    by_key = sorted((clock, p, offset, index) for p, stream in enumerate(streams) for clock, offset, index in stream)
    assert expected == [msg(p, offset, index) for _, p, offset, index in by_key]

    s = Sequencer(len(streams))
    schedule = data.draw(st.permutations([p for p, stream in enumerate(streams) for _ in stream]), "schedule")
    sent = [0] * len(streams)
    out: list = []
    for p in schedule:
        clock, offset, index = streams[p][sent[p]]
        assert push(s, p, clock, offset, index)
        sent[p] += 1
        if data.draw(st.booleans(), "retry"):  # a producer retry re-sends something already sent
            retry = data.draw(st.integers(0, sent[p] - 1), "which")
            assert not push(s, p, *streams[p][retry])
        if data.draw(st.booleans(), "release"):
            out.extend(s.release())
    out.extend(s.flush())
    assert out == expected
    assert s.late_total == 0  # without idle marks nothing can arrive behind the watermark
    assert s.pending == 0
