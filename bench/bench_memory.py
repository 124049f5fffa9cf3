"""Memory per tracked account, at 100,000 and 1,000,000 accounts (resident set size growth).

Each synthetic account sends 3 requests (a card, sometimes a shared system prompt, random
prompts) through the real stages; memory is measured per stage and divided by the accounts.

Run:  .venv/bin/python bench/bench_memory.py [--accounts 100000 1000000]
"""

from __future__ import annotations

import argparse
import gc
import random
import subprocess
import sys
import os
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detectors.partitioning import partition_for  # noqa: E402
from detectors.stages import AccountStage, ClusterStage  # noqa: E402

T0 = 1_795_132_800.0


def rss() -> int:
    """Resident set size of this process, bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def events(n_accounts: int, rng: random.Random):
    for i in range(n_accounts):
        account = f"acct_{i:012x}"
        card = f"pm_{rng.getrandbits(64):016x}" if rng.random() < 0.8 else None
        prompt = f"sp_{rng.randrange(50):04d}" if rng.random() < 0.3 else None
        for k in range(3):
            yield {
                "account_id": account, "ts_s": T0 + i * 0.01 + k * 0.001, "account_created_s": T0 - 86400 * rng.randrange(1, 900),
                "org_id": None, "payment_fingerprint": card, "system_prompt_hash": prompt,
                "client_ip": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}", "asn": 64500,
                "model": "m", "status": 200, "input_tokens": 500, "output_tokens": 400, "cot_elicitation": rng.random(),
                "thinking": False, "tool_count": 0, "turns": 1, "task_category": "chat",
                "prompt_simhash_int": rng.getrandbits(64),
            }


def measure(n_accounts: int, chained: bool, partitions: int = 8) -> float:
    """RSS growth per account while `n_accounts` pass through the account stages (and, when
    `chained`, the decision stage too)."""
    rng = random.Random(n_accounts)
    gc.collect()
    base = rss()
    account_stages = [AccountStage() for _ in range(partitions)]
    decision = ClusterStage() if chained else None
    out: list = []
    alerts: list = []
    for event in events(n_accounts, rng):
        account_stages[partition_for(event["account_id"].encode(), partitions)].process(event, out)
        if decision is not None:
            for message in out:
                decision.process(message, alerts)
        out.clear()
    gc.collect()
    return (rss() - base) / n_accounts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--one", nargs=2, metavar=("N", "CHAINED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(measure(int(args.one[0]), args.one[1] == "1"))
        return
    for n in args.accounts:
        # Each measurement in a fresh process: freed memory is not always returned to the OS.
        per = [float(subprocess.run([sys.executable, __file__, "--one", str(n), flag], check=True,
                                    capture_output=True, text=True).stdout) for flag in ("0", "1")]
        print(f"{n:>9,} accounts: account stage {per[0]:,.0f} B/account, decision stage {per[1] - per[0]:,.0f} "
              f"B/account (both {per[1]:,.0f} B/account, RSS growth)")


if __name__ == "__main__":
    main()
