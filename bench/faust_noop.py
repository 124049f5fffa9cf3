"""Faust's own ceiling: an agent that only counts events (take_events), no tables, no sends.

Used by bench_pipeline.py: `T=<topic> N=<events> BOOTSTRAP=host:port python bench/faust_noop.py`
prints `RATE <events/s>` (first batch to the N-th event) on stderr and exits.
"""

import os
import sys
import tempfile
import time

import faust

topic_name, target = os.environ["T"], int(os.environ["N"])
app = faust.App(f"noop-{topic_name}-{os.getpid()}", broker=f"kafka://{os.environ['BOOTSTRAP']}", store="memory://",
                datadir=tempfile.mkdtemp(prefix="hydrawatch-noop-"), web_enabled=False, web_port=int(os.environ["WEB_PORT"]), consumer_auto_offset_reset="earliest",
                autodiscover=False,
                stream_buffer_maxsize=4096, broker_max_poll_records=2000)
topic = app.topic(topic_name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")


@app.agent(topic)
async def count(stream):
    n, started = 0, None
    async for events in stream.take_events(2000, within=0.05):
        started = started or time.perf_counter()
        n += len(events)
        if n >= target:
            os.write(2, f"RATE {n / (time.perf_counter() - started):.0f}\n".encode())
            os._exit(0)


if __name__ == "__main__":
    sys.argv = [sys.argv[0], "worker", "-l", "warn"]
    app.main()
