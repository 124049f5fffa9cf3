"""Decoder cost per event: median of repeated timings of `decode` on the contract's example.

Run: .venv/bin/python bench/bench_decoder.py
"""

from __future__ import annotations

import statistics
import timeit

import orjson

from streams.decoder import SAMPLE, decode

N = 100_000
REPEATS = 7


def per_event_us(fn) -> float:
    return statistics.median(timeit.repeat(fn, number=N, repeat=REPEATS)) / N * 1e6


if __name__ == "__main__":
    bad = SAMPLE.replace(b'"status":200', b'"status":"200"')
    print(f"decode (valid event):      {per_event_us(lambda: decode(SAMPLE)):.2f} us/event")
    print(f"decode (wrong_type status): {per_event_us(lambda: decode(bad)):.2f} us/event")
    print(f"orjson.loads alone:         {per_event_us(lambda: orjson.loads(SAMPLE)):.2f} us/event")
