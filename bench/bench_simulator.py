"""Simulator throughput: generation to a JSONL file and to Kafka (median of 3 runs).

    python bench/bench_simulator.py                       # file + kafka, default scenario, 3 simulated hours
    python bench/bench_simulator.py --sink file --scenario large --hours 0.3
    HYDRAWATCH_KAFKA_BOOTSTRAP=127.0.0.1:9092 python bench/bench_simulator.py --sink kafka

Rates are events per wall-clock second from the first event to the last flush; scenario
setup (building the account table) is reported separately.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator import Simulation, load_scenario  # noqa: E402
from simulator.output import write_jsonl  # noqa: E402
from streams.simulate_cli import ForkedGenerator, bootstrap_servers, produce_to_kafka  # noqa: E402


def run_file(scenario) -> tuple[int, float, float]:
    started = time.perf_counter()
    simulation = Simulation(scenario)
    ready = time.perf_counter()
    with tempfile.TemporaryFile() as sink:
        write_jsonl(simulation.records(), sink)
    return simulation.events_emitted, ready - started, time.perf_counter() - ready


def run_kafka(scenario, bootstrap: str, compression: str | None) -> tuple[int, float, float]:
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic

    topic = f"bench-simulator-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic(topic, 8, 1)])
    try:
        started = time.perf_counter()

        def records_and_truth():
            simulation = Simulation(scenario)
            return simulation.records(), simulation.truth

        generator = ForkedGenerator(records_and_truth)
        count = produce_to_kafka(generator.pairs(), topic, bootstrap, compression)
        return count, 0.0, time.perf_counter() - started
    finally:
        admin.delete_topics([topic])
        admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--sink", choices=["file", "kafka", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compression", default="none", choices=["none", "gzip", "lz4", "snappy", "zstd"])
    args = parser.parse_args()
    scenario = load_scenario(args.scenario, hours=args.hours)
    sinks = ["file", "kafka"] if args.sink == "both" else [args.sink]
    bootstrap = os.environ.get("HYDRAWATCH_KAFKA_BOOTSTRAP", bootstrap_servers())
    for sink in sinks:
        rates, setups = [], []
        for _ in range(args.runs):
            if sink == "file":
                count, setup, elapsed = run_file(scenario)
            else:
                count, setup, elapsed = run_kafka(scenario, bootstrap, None if args.compression == "none"
                                                  else args.compression)
            rates.append(count / elapsed)
            setups.append(setup)
            print(f"  {sink}: {count:,} events in {elapsed:.2f}s = {count / elapsed:,.0f} events/s", flush=True)
        print(f"{sink}: {args.scenario} ({args.hours:g}h, {count:,} events): median {statistics.median(rates):,.0f} "
              f"events/s over {args.runs} runs" + (f"; setup {statistics.median(setups):.2f}s" if sink == "file"
                                                   else f" (to {bootstrap}, compression {args.compression})"))


if __name__ == "__main__":
    main()
