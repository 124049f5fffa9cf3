"""Assemble the world: clock, network, population, campaigns; play them; write events and truth."""

import datetime
import json
import os
import time

from . import WORLD_NAME
from .accounts import Registry
from .benign import build as build_benign, fallback
from .campaigns import build as build_campaigns
from .emit import Emitter, Sink
from .network import Net
from .util import rng_for, iso_ms, ms_of, HOUR_MS, MIN_MS, DAY_MS


class Ctx:
    def __init__(self, seed, n_benign, hours):
        self.seed, self.n_benign, self.hours = seed, n_benign, hours
        r = rng_for(seed, "clock")
        day = datetime.datetime(2026, 11, 16) + datetime.timedelta(days=r.randrange(4))
        self.t0 = ms_of(day) + r.choice((0, 4, 8, 12, 14, 16, 20)) * HOUR_MS
        self.t1 = self.t0 + int(hours * HOUR_MS)
        self.gen0 = self.t0 - 2 * HOUR_MS
        H = self.t1 - self.t0
        self.release_ms = self.t0 + int(r.uniform(0.2, 0.45) * H)
        self.incidents = []
        for _ in range(1 + int(hours // 12)):
            a = r.randrange(self.gen0, self.t1)
            m = r.choice((None, "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"))
            self.incidents.append((a, a + int(r.uniform(8, 40) * MIN_MS), m, r.uniform(0.05, 0.25)))
        self.net = Net(seed, n_benign, self.t0, self.t1)
        self.reg = Registry(seed)
        self.tool_sys = {}


def generate(seed, n_benign, hours, out_dir, log=None, debug_roles=None):
    t_start = time.time()
    ctx = Ctx(seed, n_benign, hours)
    n_victims = max(5, int(round(n_benign * 0.003)))
    ctx.n_benign = n_benign + n_victims
    benign, groups = build_benign(ctx)
    ctx.n_benign = n_benign
    camps, victims = build_campaigns(ctx, benign)
    vset = set(id(m) for m in victims)
    benign = [m for m in benign if id(m) not in vset]
    if log:
        log("built %d benign + %d campaign accounts in %.1fs" % (
            len(benign), sum(len(c.members) for c in camps), time.time() - t_start))

    os.makedirs(out_dir, exist_ok=True)
    sink = Sink(out_dir, ctx.t0, ctx.t1)
    em = Emitter(ctx, sink)
    for m in benign:
        a = m.acct
        rng = rng_for(seed, "run", a.id)
        a.n, _ = em.run(a, m.fn(ctx, m, rng), rng)
        tries = 0
        while a.n == 0 and tries < 4:
            a.n, _ = em.run(a, fallback(ctx, m, rng), rng)
            tries += 1
    camp_truth = {}
    for c in camps:
        first = None
        accts = []
        for m in c.members:
            a = m.acct
            rng = rng_for(seed, "run", a.id)
            a.n, fm = em.run(a, m.fn(ctx, m, rng), rng)
            if a.n:
                accts.append(a.id)
            if fm is not None and (first is None or fm < first):
                first = fm
        if accts and first is not None:
            camp_truth[c.id] = {"kind": c.kind, "start": iso_ms(first), "accounts": accts}
    if log:
        log("played %d events in %.1fs" % (sink.count, time.time() - t_start))
    sink.finish(os.path.join(out_dir, "events.jsonl"))

    benign_ids = set(m.acct.id for m in benign if m.acct.n > 0)
    gtruth = {}
    for gid, (kind, accts) in groups.items():
        k = len(set(a.id for a in accts if a.id in benign_ids))
        if k >= 2:
            gtruth[gid] = {"kind": kind, "accounts": k}
    truth = {"world": WORLD_NAME, "seed": seed, "campaigns": camp_truth,
             "benign_accounts": len(benign_ids), "benign_groups": gtruth}
    if debug_roles:
        roles = {m.acct.id: m.acct.role for m in benign}
        for c in camps:
            for m in c.members:
                roles[m.acct.id] = "C:" + c.kind
        with open(debug_roles, "w") as f:
            json.dump(roles, f)
    with open(os.path.join(out_dir, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")
    if log:
        log("wrote %d events in %.1fs" % (sink.count, time.time() - t_start))
    return truth, sink.count
