"""One deterministic order for messages that arrive from many partitions.

The account stage runs per input partition, possibly on several workers; the cluster stage
reads what they send through one topic, interleaved however the workers happened to run.
`Sequencer` restores a single order that does not depend on that interleaving: every message
carries its source partition's *clock* (the newest event time seen on that partition) and its
source position; messages are released sorted by (clock, partition, offset, index) once every
partition's clock has passed them (the watermark). Replay and the stream both go through it,
so they feed the cluster stage the same sequence.

Idle partitions would hold the watermark back forever, so a partition may be marked idle
(the stream does that when a partition is caught up and quiet): it stops counting until it
sends again. A message that arrives behind what was already released is *late*: it is
released at once (counted in `late`), the one case where arrival order leaks through.
Re-sent messages (at or before a partition's last accepted position) are dropped and counted.

>>> s = Sequencer(2)
>>> s.push(0, 10.0, 0, 0, "a0"), s.push(0, 20.0, 1, 0, "a1"), s.release()
(True, True, [])
>>> s.push(1, 15.0, 0, 0, "b0"), s.release()  # watermark = min(20, 15): releases clock < 15
(True, ['a0'])
>>> s.push(0, 20.0, 1, 0, "a1"), s.duplicates  # a retry of a message already held
(False, 1)
>>> s.mark_idle(1); s.release()  # partition 1 is quiet: only partition 0 holds the watermark
['b0']
>>> s.flush()
['a1']
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Any

_INF = float("inf")


class Sequencer:
    """K-way merge of per-partition message streams by event-time clock."""

    def __init__(self, partitions: int) -> None:
        self.partitions = partitions
        self.clocks = [-_INF] * partitions
        self.idle = [False] * partitions
        self.queues: list[deque] = [deque() for _ in range(partitions)]
        self.positions: list[tuple[int, int]] = [(-1, -1)] * partitions  # last accepted (offset, index)
        self.released: tuple = (-_INF, -1, -1, -1)  # key of the last message released
        self.late: list[Any] = []
        self.late_total = 0
        self.duplicates = 0
        self.pending = 0

    def push(self, partition: int, clock: float, offset: int, index: int, message: Any) -> bool:
        """Queue `message`; False if it repeats an accepted position (a retry), dropped."""
        position = (offset, index)
        if position <= self.positions[partition]:
            self.duplicates += 1
            return False
        self.positions[partition] = position
        self.idle[partition] = False
        if clock < self.clocks[partition]:
            clock = self.clocks[partition]  # clocks never go back
        self.clocks[partition] = clock
        if (clock, partition, offset, index) <= self.released:
            self.late.append(message)
            self.late_total += 1
            return True
        self.queues[partition].append((clock, partition, offset, index, message))
        self.pending += 1
        return True

    def mark_idle(self, partition: int) -> None:
        """`partition` is caught up and quiet: don't wait for it until it sends again."""
        self.idle[partition] = True

    def mark_active(self, partition: int) -> None:
        """`partition` has messages on the way: wait for them again."""
        self.idle[partition] = False

    def watermark(self) -> float:
        active = [c for c, idle in zip(self.clocks, self.idle) if not idle]
        return min(active) if active else _INF

    def release(self) -> list[Any]:
        """Messages below the watermark, in order (late ones first)."""
        out, self.late = self.late, []
        if self.pending:
            self._drain(self.watermark(), out)
        return out

    def flush(self) -> list[Any]:
        """Everything still held, in order (end of input)."""
        out, self.late = self.late, []
        self._drain(_INF, out)
        return out

    def _drain(self, watermark: float, out: list) -> None:
        heads = [(q[0], p) for p, q in enumerate(self.queues) if q and q[0][0] < watermark]
        heapq.heapify(heads)
        queues = self.queues
        while heads:
            item, p = heads[0]
            out.append(item[4])
            self.released = item[:4]
            q = queues[p]
            q.popleft()
            self.pending -= 1
            if q and q[0][0] < watermark:
                heapq.heapreplace(heads, (q[0], p))
            else:
                heapq.heappop(heads)
