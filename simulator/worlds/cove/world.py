"""World context and command line entry point."""
import argparse
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta

from .core import EPOCH, UTC, Account, Family, Ids, Sink, NEW_MODEL, fmt_ms, poisson
from .net import Net
from .people import PROFILES, COUNTRY_W, pick_tz

WORLD_NAME = "cove"


class World:
    def __init__(self, seed, hours, out_dir, n_benign):
        self.seed = seed
        self.hours = float(hours)
        self.dur = self.hours * 3600.0
        self.out_dir = out_dir
        self.n_benign = int(n_benign)
        self.scale = self.n_benign / 10000.0
        r = self.sub("clock")
        start = datetime(2026, 11, 9, tzinfo=UTC) + timedelta(days=r.randint(0, 24), hours=r.randint(0, 23),
                                                              minutes=r.choice([0, 0, 0, 15, 30, 45]))
        self.start_dt = start
        self.start_ms = int((start - EPOCH).total_seconds() * 1000)
        self.start_hour = start.hour + start.minute / 60.0
        self.ids = Ids(self.sub("ids"))
        self.net = Net(self.sub("net"))
        self.sink = Sink(out_dir, self.start_ms, self.dur, self.sub("event_ids"))
        # a model release inside the window
        self.release_t = self.dur * r.uniform(0.28, 0.55)
        self.new_model = NEW_MODEL
        ov = []
        ov.append((self.release_t + r.uniform(0.1, 0.6) * 3600, None, NEW_MODEL, r.uniform(0.04, 0.14)))
        ov[-1] = (ov[-1][0], ov[-1][0] + r.uniform(0.3, 1.2) * 3600, NEW_MODEL, ov[-1][3])
        for _ in range(r.randint(0, 2)):
            a = r.uniform(0, self.dur)
            ov.append((a, a + r.uniform(5, 40) * 60, r.choice([None, "claude-opus-4-1", "claude-sonnet-4-5"]),
                       r.uniform(0.02, 0.2)))
        self.overloads = ov
        # shared prompt material seen across the whole population
        s = self.sub("shared")
        self.greetings = [Family(s, 0, 0) for _ in range(7)]       # "hi", "hello", "test", ...
        self.common = [Family(s, 2, 9) for _ in range(60)]         # popular copy-pasted prompts
        self._frac_cache = {}
        self.truth_campaigns = {}
        self.benign_groups = {}
        self.benign_ids = []

    def sub(self, name):
        return random.Random(f"{WORLD_NAME}:{self.seed}:{name}")

    # ---- time helpers
    def fmt(self, t):
        return fmt_ms(self.start_ms + int(t * 1000.0))

    def local_hour(self, t, tz):
        return (self.start_hour + t / 3600.0 + tz) % 24.0

    def overload(self, model, t):
        p = 0.0
        for a, b, m, q in self.overloads:
            if a <= t < b and (m is None or m == model):
                p = max(p, q)
        return p

    def frac(self, prof, tz, t0, t1):
        """Expected fraction of a day's sessions that fall in [t0, t1)."""
        key = (prof, tz, int(t0), int(t1))
        v = self._frac_cache.get(key)
        if v is not None:
            return v
        w = PROFILES[prof]
        tot = sum(w)
        step = 900.0
        acc = 0.0
        t = t0
        while t < t1:
            dt = min(step, t1 - t)
            h = int(self.local_hour(t + dt / 2, tz)) % 24
            acc += w[h] / tot * (dt / 3600.0)
            t += dt
        if len(self._frac_cache) < 200000:
            self._frac_cache[key] = acc
        return acc

    # sessions already under way when the window opens: start sampling a little before t=0
    PRE = 1800.0

    def n_sessions(self, rng, prof, tz, rate_day, t0=0.0, t1=None):
        if t1 is None:
            t1 = self.dur
        if t0 <= 0.0:
            t0 = -self.PRE
        return poisson(rng, rate_day * self.frac(prof, tz, t0, t1))

    def sample_times(self, rng, prof, tz, n, t0=0.0, t1=None):
        if t1 is None:
            t1 = self.dur
        if t0 <= 0.0:
            t0 = -self.PRE
        if n <= 0 or t1 <= t0:
            return []
        w = PROFILES[prof]
        mx = max(w)
        out = []
        tries = 0
        while len(out) < n and tries < n * 300:
            tries += 1
            t = rng.uniform(t0, t1)
            if rng.random() * mx <= w[int(self.local_hour(t, tz)) % 24]:
                out.append(t)
        while len(out) < n:
            out.append(rng.uniform(t0, t1))
        out.sort()
        return out

    # ---- accounts
    def new_account(self, rng, created_t, cc=None, tz=None, org=None, pay=None, n_keys=1, keys=None):
        """org / pay: a string to share, 'own' for a fresh one, None for none."""
        if cc is None:
            cc = COUNTRY_W.pick(rng)
        if tz is None:
            tz = pick_tz(rng, cc)
        if org == "own":
            org = self.ids.org()
        if pay == "own":
            pay = self.ids.pay()
        if keys is None:
            keys = [self.ids.key() for _ in range(max(1, n_keys))]
        aid = self.ids.account()
        return Account(aid, org, self.start_ms + int(created_t * 1000.0), pay, keys, cc, tz)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="cove", description="cove synthetic API traffic world")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--benign", type=int, default=10000)
    ap.add_argument("--hours", type=float, default=8.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.benign < 1 or a.hours <= 0:
        ap.error("--benign must be >= 1 and --hours > 0")
    os.makedirs(a.out, exist_ok=True)
    from .benign import build_benign
    from .campaigns import build_campaigns

    t_wall = time.perf_counter()
    W = World(a.seed, a.hours, a.out, a.benign)
    build_benign(W)
    build_campaigns(W)
    n = W.sink.finish(os.path.join(a.out, "events.jsonl"))

    per_acct = W.sink.per_acct
    campaigns = {}
    for cid, c in W.truth_campaigns.items():
        accts = [x for x in c["accounts"] if per_acct.get(x, 0) > 0]
        if accts:
            campaigns[cid] = {"kind": c["kind"], "start": c["start"], "accounts": accts}
    missing = [x for x in W.benign_ids if per_acct.get(x, 0) == 0]
    truth = {
        "world": WORLD_NAME,
        "seed": a.seed,
        "campaigns": campaigns,
        "benign_accounts": len(W.benign_ids) - len(missing),
        "benign_groups": W.benign_groups,
    }
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")
    if not a.quiet:
        camp_ev = sum(v for k, v in W.sink.per_label.items() if k != "benign")
        n_camp = sum(len(c["accounts"]) for c in campaigns.values())
        print(f"cove: seed={a.seed} start={W.fmt(0)} events={n} benign_events={W.sink.per_label.get('benign', 0)} "
              f"campaign_events={camp_ev} benign_accounts={truth['benign_accounts']} "
              f"campaign_accounts={n_camp} campaigns={len(campaigns)} "
              f"wall={time.perf_counter() - t_wall:.1f}s", file=sys.stderr)
    return 0
