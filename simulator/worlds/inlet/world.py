"""The world: clock, internet, shared content, population and campaigns,
and the writer of events.jsonl / truth.json."""

import json
import os
from datetime import datetime, timezone

from .core import (MS_H, MS_M, MS_D, Account, Gateway, Ids, Req, fmt_ms, to_ms,
                   sub_rng)
from .content import Content, NEW_MODEL, latency, tokens, cot_score
from .net import Catalog
from . import benign as _benign
from . import campaigns as _campaigns

WORLD_NAME = "inlet"


class World:
    def __init__(self, seed, benign, hours):
        self.seed = int(seed)
        self.benign = int(benign)
        self.hours = float(hours)
        rng = self.sub("clock")
        base = datetime(2026, 10, 5, tzinfo=timezone.utc)
        self.t0 = to_ms(base) + rng.randint(0, 70) * MS_D + rng.randint(0, 23) * MS_H
        self.t_end = self.t0 + int(self.hours * MS_H)
        span = self.t_end - self.t0
        self.release = self.t0 + int(rng.uniform(0.2, 0.45) * span)
        self.overloads = []
        o = self.t0 + int(rng.uniform(0.1, 0.9) * span)
        self.overloads.append((o, o + int(rng.uniform(8, 25) * MS_M),
                               "claude-sonnet-4-5", rng.uniform(0.1, 0.35)))
        o = self.release + int(rng.uniform(10, 50) * MS_M)
        self.overloads.append((o, o + int(rng.uniform(10, 30) * MS_M), NEW_MODEL,
                               rng.uniform(0.15, 0.4)))
        extra = int(self.hours // 12)
        for _ in range(extra):
            o = self.t0 + int(rng.random() * span)
            self.overloads.append((o, o + int(rng.uniform(5, 20) * MS_M), None,
                                   rng.uniform(0.05, 0.2)))
        self.ids = Ids(self.sub("ids"))
        self.cat = Catalog(self.sub("catalog"))
        self.content = Content(self.sub("content"), self.ids)
        self.gw = Gateway(self)
        self.shared = {}
        self.n_benign = 0
        self.benign_ids = []
        self.campaign_accts = {}
        self._fallback = self.sub("fallback")
        self.debug_labels = []

    def sub(self, *parts):
        return sub_rng(self.seed, *parts)

    # accounts
    def new_account(self, created, pay, org, nkeys, rpm, label):
        acct = Account(self.ids.account(), org, int(created), pay,
                       [self.ids.key() for _ in range(max(1, nkeys))], rpm, label)
        self.debug_labels.append((acct.id, label))
        if label in self.campaign_accts:
            self.campaign_accts[label].append(acct.id)
        else:
            self.n_benign += 1
            self.benign_ids.append(acct.id)
        return acct

    def submit(self, acct, reqs, p400=0.004):
        n = self.gw.submit(acct, reqs, p400=p400)
        if n == 0 and acct.label not in self.campaign_accts:
            # every benign account shows up at least once
            rng = self._fallback
            lo = max(self.t0, acct.created + MS_M)
            hi = self.t_end - 3 * MS_M
            if hi <= lo:
                lo = hi - MS_M
            t = int(lo + rng.random() * (hi - lo))
            inp, out = tokens(rng, "chat")
            m = "claude-sonnet-4-5"
            req = Req(t, acct.keys[0], self.cat.res_as(rng, "US").addr(rng),
                      "anthropic-python/0.74.1", m, "messages", inp, out,
                      min(latency(rng, m, inp, out), 90000), False, 0, 1, False,
                      "chat", cot_score(rng, "chat"), rng.getrandbits(64), None)
            if acct.created > t:
                acct.created = t - MS_M
                acct.created_s = fmt_ms(acct.created)
            self.gw.submit(acct, [req], p400=0.0)
        return n

    # generation
    def run(self):
        groups = _benign.build(self)
        crng = self.sub("campaign-order")
        builders = list(_campaigns.BUILDERS)
        crng.shuffle(builders)
        camps = {}
        for i, b in enumerate(builders):
            cid = "camp-%02d" % (i + 1)
            self.campaign_accts[cid] = []
            kind = b(_campaigns.Ctx(self, self.sub("campaign", cid), cid))
            camps[cid] = kind
        return groups, camps

    def write(self, out_dir):
        groups, camps = self.run()
        os.makedirs(out_dir, exist_ok=True)
        gw = self.gw
        sink = gw.sink
        sink.sort()
        with open(os.path.join(out_dir, "events.jsonl"), "w",
                  encoding="utf-8") as f:
            buf = []
            for _, line in sink:
                buf.append(line)
                if len(buf) >= 20000:
                    f.write("\n".join(buf))
                    f.write("\n")
                    buf = []
            if buf:
                f.write("\n".join(buf))
                f.write("\n")
        n_events = len(sink)
        seen = gw.count_by_acct
        truth_c = {}
        for cid in sorted(camps):
            accts = [a for a in self.campaign_accts[cid] if a in seen]
            if not accts:
                continue
            start = min(gw.first_ts[a] for a in accts)
            truth_c[cid] = {"kind": camps[cid], "start": fmt_ms(start),
                            "accounts": accts}
        benign_seen = sum(1 for a in self.benign_ids if a in seen)
        truth = {"world": WORLD_NAME, "seed": self.seed, "campaigns": truth_c,
                 "benign_accounts": benign_seen,
                 "benign_groups": {g: {"kind": v["kind"],
                                       "accounts": v["accounts"]}
                                   for g, v in groups.items()}}
        with open(os.path.join(out_dir, "truth.json"), "w",
                  encoding="utf-8") as f:
            json.dump(truth, f, indent=1)
        if os.environ.get("INLET_DEBUG"):
            with open(os.path.join(out_dir, "debug_accounts.tsv"), "w") as f:
                for a, lab in self.debug_labels:
                    f.write("%s\t%s\n" % (a, lab))
        del sink[:]
        return n_events, len(truth_c)


def generate(seed, benign, hours, out_dir):
    return World(seed, benign, hours).write(out_dir)
