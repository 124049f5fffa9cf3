"""`hydrawatch replay`: the detection core over a JSONL file, in one process, without Kafka.

The same decoder and the same runtime classes as a worker (streams/runtimes.py; account state
partitioned by Kafka's partitioner, cluster-stage items merged by the sequencer), so a backtest
gives the answers the live pipeline gives.
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

import click
import orjson

from detectors.alerts import AlertEvent
from detectors.partitioning import partition_for
from detectors.stages import EXPIRE_EVERY_EVENTS
from simulator.contract import parse_ts
from streams.decoder import Rejection, decode
from streams.runtimes import AccountRuntime, ClusterRuntime
from streams.settings import Settings

BATCH = 256  # events per partition handed to the account runtime at once, as a fetch would


@dataclass
class ReplayStats:
    lines: int = 0
    rejected: int = 0
    alerts: int = 0
    seconds: float = 0.0

    @property
    def events_per_second(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0


# Replay builds millions of long-lived objects (account states, summaries, link-graph entries);
# with CPython's default thresholds the cyclic collector traverses them again and again.
# Collections are made rarer, not disabled: nothing in the core relies on them (no finalizers,
# no weak references), so results are identical (tested). Measured by bench/bench_replay.py:
# a median 7% faster on `default` (paired runs 0.99x-1.15x; this machine is noisy).
REPLAY_GC_THRESHOLD = (20_000, 100, 100)


@contextmanager
def replay_gc():
    """Run a block with rarer cyclic garbage collections (see REPLAY_GC_THRESHOLD)."""
    before = gc.get_threshold()
    gc.set_threshold(*REPLAY_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def decoded_events(stream: IO[bytes], stats: ReplayStats, progress: bool = False) -> Iterator[dict]:
    """Decode each line; rejected lines are counted (and reported), never fed to the detectors."""
    started = time.monotonic()
    for line in stream:
        stats.lines += 1
        event = decode(line)
        if type(event) is Rejection:
            stats.rejected += 1
            continue
        if progress and stats.lines % 100_000 == 0:
            rate = stats.lines / max(1e-9, time.monotonic() - started)
            print(f"\r{stats.lines:,} events  {rate:,.0f}/s  (event time {event['ts']})", end="", file=sys.stderr)
        yield event
    if progress:
        print(file=sys.stderr)


def run_runtimes(events: Iterator[dict], partitions: int, seed: int, settings: Settings,
                 stats: ReplayStats | None = None, wall: float | None = None) -> list[AlertEvent]:
    """Decoded events through a worker's runtimes: partitioned as Kafka would, in batches of
    BATCH per partition, states in memory (no tables). The event-time bounds take `wall` (default:
    now) as the wall clock, as a worker would reading the same records now; refused events are
    counted in `stats.rejected`."""
    accounts = AccountRuntime(settings.account_ttl_s, wire=False, max_event_lead_s=settings.max_event_lead_s,
                              max_event_age_s=settings.max_event_age_s)
    wall = time.time() if wall is None else wall
    cluster = ClusterRuntime(partitions, seed=seed, account_ttl_s=settings.account_ttl_s,
                             account_volume_margin=settings.account_volume_margin,
                             account_critical_margin=settings.account_critical_margin)
    alerts: list[AlertEvent] = []
    pending: list[list] = [[] for _ in range(partitions)]
    offsets = [0] * partitions
    where: dict[str, int] = {}

    def feed(p: int) -> None:
        items = accounts.apply(p, pending[p], wall)
        pending[p] = []
        if accounts.rejections:
            if stats is not None:
                stats.rejected += len(accounts.rejections)
            accounts.rejections.clear()
        cluster.apply_items(p, items, alerts)

    for n, event in enumerate(events):
        account = event["account_id"]
        p = where.get(account)
        if p is None:
            p = where[account] = partition_for(account.encode(), partitions)
        batch = pending[p]
        batch.append((offsets[p], event, None))
        offsets[p] += 1
        if len(batch) == BATCH:
            feed(p)
        if n % EXPIRE_EVERY_EVENTS == EXPIRE_EVERY_EVENTS - 1:
            accounts.expire_in_memory()
            if len(where) > 1_000_000:
                where.clear()
    for p in range(partitions):
        if pending[p]:
            feed(p)
    cluster.stage.feed(cluster.sequencer.flush(), alerts)
    return alerts


def replay_file(path: Path, alerts_out: IO[bytes], partitions: int = 8, seed: int = 0,
                progress: bool = False, settings: Settings | None = None, wall: float | None = None) -> ReplayStats:
    """Replay `path` with the detection settings the workers would read (the environment's by
    default): idle-account TTL and account margins. `wall`: the wall clock the event-time bounds
    compare with (default: now)."""
    stats = ReplayStats()
    started = time.perf_counter()
    if settings is None:
        settings = Settings.from_env()
    # 1 MiB reads: the default buffer (the file system block, 4 KiB here) costs a read(2) every ~6 events.
    with open(path, "rb", buffering=1 << 20) as stream, replay_gc():
        alerts = run_runtimes(decoded_events(stream, stats, progress), partitions, seed, settings, stats, wall)
    for alert in alerts:
        alerts_out.write(orjson.dumps(alert.to_dict()) + b"\n")
    stats.alerts = len(alerts)
    stats.seconds = time.perf_counter() - started
    return stats


@click.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Events, one JSON object per line (the input contract).")
@click.option("--alerts-out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write alert events (JSONL, the output contract); '-' for stdout.")
@click.option("--partitions", default=8, show_default=True, help="Partitions to emulate (as the input topic's).")
@click.option("--seed", default=0, show_default=True, help="Seed of the River models.")
@click.option("--account-ttl-s", type=float, default=None,
              help="Idle account TTL, event-time seconds [HYDRAWATCH_ACCOUNT_TTL_S, 604800].")
@click.option("--account-volume-margin", type=click.FloatRange(min=1.0), default=None,
              help="A lone account alerts (warning) at this multiple of the population's 99.9th percentile "
                   "of hourly harvest [HYDRAWATCH_ACCOUNT_VOLUME_MARGIN, 1.0].")
@click.option("--account-critical-margin", type=click.FloatRange(min=1.0), default=None,
              help="... and is critical at this multiple [HYDRAWATCH_ACCOUNT_CRITICAL_MARGIN, 3.0].")
@click.option("--wall-clock", default=None, metavar="ISO-8601",
              help="The wall clock the event-time bounds compare with, e.g. 2026-12-10T00:00:00Z: events leading it "
                   "by more than HYDRAWATCH_MAX_EVENT_LEAD_S are refused, as a live worker refuses them. Default: "
                   "now (a worker reading the records now). Give the end of a recorded or generated period to "
                   "replay it as the workers read it live.")
def replay(input_path: Path, alerts_out: Path, partitions: int, seed: int, account_ttl_s: float | None,
           account_volume_margin: float | None, account_critical_margin: float | None,
           wall_clock: str | None) -> None:
    """Run the detection core over a file of events: backtests and tuning."""
    progress = sys.stderr.isatty()
    given = {"account_ttl_s": account_ttl_s, "account_volume_margin": account_volume_margin,
             "account_critical_margin": account_critical_margin}
    try:  # the options over the environment, checked as the workers check their settings
        settings = dataclasses.replace(Settings.from_env(), **{k: v for k, v in given.items() if v is not None})
    except ValueError as exc:
        raise click.UsageError(f"{exc} (--account-volume-margin, --account-critical-margin)") from None
    wall = None
    if wall_clock is not None:
        try:
            wall = parse_ts(wall_clock) / 1000.0  # RFC 3339, as the contract's; no offset is UTC
        except ValueError:
            raise click.BadParameter(f"not an ISO-8601 time: {wall_clock!r}", param_hint="--wall-clock") from None
    if str(alerts_out) == "-":
        stats = replay_file(input_path, sys.stdout.buffer, partitions, seed, progress, settings, wall)
    else:
        with open(alerts_out, "wb") as out:
            stats = replay_file(input_path, out, partitions, seed, progress, settings, wall)
    click.echo(
        f"replayed {stats.lines:,} events ({stats.rejected:,} rejected) in {stats.seconds:.1f}s "
        f"({stats.events_per_second:,.0f} events/s); {stats.alerts:,} alert messages -> {alerts_out}",
        err=True,
    )
    if stats.rejected:
        click.echo(f"{stats.rejected:,} events refused (malformed, or outside the event-time bounds: more than "
                   f"{settings.max_event_lead_s:g} s ahead of the wall clock, {wall_clock or 'now'}, or older than "
                   f"{settings.max_event_age_s / 86400:g} days); see --wall-clock", err=True)
