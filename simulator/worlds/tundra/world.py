"""World assembly, time-ordered merge and writing of events.jsonl / truth.json."""
import heapq
import json
import math
import os
import random
import time
from calendar import timegm

from .benign import build_benign
from .campaigns import build_campaigns
from .core import HOUR, MIN
from .net import Internet

WORLD = "tundra"
# Tuesday 2026-11-17 00:00:00 UTC
T0 = timegm((2026, 11, 17, 0, 0, 0)) * 1000


class World:
    def __init__(self, seed, benign, hours):
        self.seed = seed
        self.B = benign
        self.hours = hours
        self.master = random.Random("tundra/%d/%d/%r" % (seed, benign, float(hours)))
        self.t0 = T0
        self.t_end = T0 + int(hours * HOUR)
        self.release_t = T0 + int(self.master.uniform(0.35, 0.55) * hours * HOUR)
        self._idr = random.Random(self.master.getrandbits(64))
        self._ids = set()
        self.net = Internet(random.Random(self.master.getrandbits(64)))
        # capacity incidents: a release-day overload bump and one random incident
        self.inc_t = T0 + int(self.master.uniform(0.1, 0.9) * hours * HOUR)
        self.inc_len = int(self.master.uniform(15, 40) * MIN)
        self.inc_p = self.master.uniform(0.03, 0.08)
        self.actors = []
        self.groups = {}
        self.campaigns = {}
        self.team_count = 0

    # -- ids ---------------------------------------------------------------
    def rng(self):
        return random.Random(self.master.getrandbits(64))

    def hex(self, n):
        return "%0*x" % (n, self._idr.getrandbits(4 * n))

    def uid(self, prefix, n):
        while True:
            s = prefix + self.hex(n)
            if s not in self._ids:
                self._ids.add(s)
                return s

    def pay(self):
        return self.uid("pm_", 16)

    def org(self):
        return self.uid("org_", 12)

    # -- registration ------------------------------------------------------
    def add(self, a):
        self.actors.append(a)

    def group_kind(self, name, kind):
        self.groups.setdefault(name, kind)

    def campaign(self, cid, kind, desc):
        self.campaigns[cid] = (kind, desc)

    # -- capacity ------------------------------------------------------------
    def p529(self, t):
        p = 0.003
        dt = t - self.release_t
        if 0 <= dt < 5 * HOUR:
            p += 0.035 * math.exp(-dt / (1.2 * HOUR))
        if self.inc_t <= t < self.inc_t + self.inc_len:
            p += self.inc_p
        return p

    def slow(self, t):
        dt = t - self.release_t
        if 0 <= dt < 5 * HOUR:
            return 1.0 + 0.5 * math.exp(-dt / (1.2 * HOUR))
        return 1.0


BENIGN_GROUP_KINDS = {
    "individuals": "individual",
    "power_users": "power_user",
    "new_free_tier": "new_free_user",
    "carrier_nat_mobile": "carrier_grade_nat",
    "vpn_users": "vpn",
    "release_day_signups": "early_adopter",
}


def generate(seed, benign=6000, hours=8.0, out_dir="."):
    t_start = time.time()
    seed = int(seed)
    benign = int(benign)
    hours = float(hours)
    w = World(seed, benign, hours)
    build_benign(w, benign)
    build_campaigns(w, benign)
    for g, k in BENIGN_GROUP_KINDS.items():
        w.group_kind(g, k)

    os.makedirs(out_dir, exist_ok=True)
    n_act = len(w.actors)
    counts = [0] * n_act
    first = [None] * n_act
    wr = random.Random(w.master.getrandbits(64))
    getbits = wr.getrandbits
    gmtime = time.gmtime
    strftime = time.strftime
    last_s = -1
    prefix = ""
    n_events = 0
    buf = []
    path = os.path.join(out_dir, "events.jsonl")
    streams = [a.stream(i) for i, a in enumerate(w.actors)]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for ts, gid, _n, line in heapq.merge(*streams):
            s = ts // 1000
            if s != last_s:
                prefix = strftime("%Y-%m-%dT%H:%M:%S", gmtime(s))
                last_s = s
            tstr = "%s.%03dZ" % (prefix, ts - s * 1000)
            h = "%032x" % getbits(128)
            buf.append('{"event_id":"%s-%s-4%s-%s%s-%s","ts":"%s",%s\n' % (
                h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) & 3], h[17:20], h[20:], tstr, line))
            if counts[gid] == 0:
                first[gid] = tstr
            counts[gid] += 1
            n_events += 1
            if len(buf) >= 20000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))

    campaigns = {}
    camp_counts = {}
    for cid, (kind, desc) in w.campaigns.items():
        accts, fs = [], {}
        for i, a in enumerate(w.actors):
            if a.group == cid and counts[i]:
                accts.append(a.acct)
                fs[a.acct] = first[i]
        camp_counts[cid] = len(accts)
        if not accts:
            continue  # only possible in windows too short for the campaign to begin
        start = min(fs.values())
        campaigns[cid] = {"kind": kind, "start": start, "accounts": accts, "first_seen": fs,
                          "description": desc}
    groups = {}
    n_benign = 0
    for name, kind in w.groups.items():
        c = sum(1 for i, a in enumerate(w.actors) if a.group == name and counts[i])
        groups[name] = {"kind": kind, "accounts": c}
        n_benign += c
    truth = {"world": WORLD, "seed": seed, "campaigns": campaigns, "benign_accounts": n_benign,
             "benign_groups": groups}
    with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, indent=1, sort_keys=False)
        f.write("\n")
    return {"world": WORLD, "seed": seed, "events": n_events, "benign_accounts": n_benign,
            "benign_groups": {k: v["accounts"] for k, v in groups.items()},
            "campaign_accounts": camp_counts, "campaign_events": {
                cid: sum(counts[i] for i, a in enumerate(w.actors) if a.group == cid)
                for cid in w.campaigns},
            "release": _fmt(w.release_t), "seconds": round(time.time() - t_start, 2)}


def _fmt(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + ".%03dZ" % (ms % 1000)
