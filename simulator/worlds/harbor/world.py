"""World state, request outcome model, contract encoder and the event engine."""
from __future__ import annotations

import heapq
import json
import os
import random

from .core import (
    HOUR, MIN, MODELS, NEW_MODEL, T0_MS, Account, Networks, Template, ts,
)


class World:
    def __init__(self, seed: int, benign: int, hours: float):
        self.seed = int(seed)
        self.n_benign = int(benign)
        self.hours = float(hours)
        self.rng = random.Random(f"harbor/{self.seed}")
        rng = self.rng
        self.t0 = T0_MS
        self.end = T0_MS + int(self.hours * HOUR)
        self.net = Networks(rng)
        # a new frontier model is released a few hours into the window
        self.release = T0_MS + int(rng.uniform(2.0, min(4.5, 0.45 * self.hours)) * HOUR)
        # capacity incidents: short windows of elevated 529s
        self.overload = []
        n_inc = max(1, int(self.hours / 8.0 * rng.uniform(2, 5) + 0.5))
        for _ in range(n_inc):
            s = T0_MS + int(rng.uniform(0, self.hours) * HOUR)
            self.overload.append((s, s + int(rng.uniform(4, 25) * MIN), rng.uniform(0.04, 0.18)))
        self.p529_base = rng.uniform(0.001, 0.004)
        self.launch_529 = rng.uniform(0.02, 0.07)
        self.gens = []
        self.accounts: list[Account] = []
        self._ids: set = set()
        self.benign_groups: dict = {}  # group -> kind
        self.campaigns: dict = {}      # cid -> dict(kind, description, accounts)

    # ------------------------------------------------------------ ids ---
    def _uid(self, prefix: str, nhex: int) -> str:
        while True:
            s = prefix + format(self.rng.getrandbits(nhex * 4), f"0{nhex}x")
            if s not in self._ids:
                self._ids.add(s)
                return s

    def new_key(self) -> str:
        return self._uid("key_", 10)

    def new_org(self) -> str:
        return self._uid("org_", 12)

    def new_card(self) -> str:
        return self._uid("pm_", 16)

    def new_sp(self) -> str:
        return format(self.rng.getrandbits(64), "016x")

    def template(self, **kw) -> Template:
        return Template(self.rng, **kw)

    def account(self, group: str, created_ms: int, org=None, card=None, campaign=None) -> Account:
        a = Account(self._uid("acct_", 12), org, int(created_ms), card, group, campaign)
        self.accounts.append(a)
        return a

    def add(self, gen):
        self.gens.append(gen)

    # -------------------------------------------------------- outcome ---
    def p529(self, t: int, model: str) -> float:
        p = self.p529_base
        for s, e, q in self.overload:
            if s <= t < e:
                p += q
        if model == NEW_MODEL and t < self.release + 3 * HOUR:
            p += self.launch_529 * (1.0 - (t - self.release) / (3.0 * HOUR))
        return p

    def outcome(self, rng, t, model, itok, otok, p400, p429):
        """-> (status, output_tokens, latency_ms)"""
        u = rng.random()
        if u < p400:
            return 400, 0, 15 + int(rng.random() * 180)
        u -= p400
        if u < p429:
            return 429, 0, 10 + int(rng.random() * 90)
        u -= p429
        if u < self.p529(t, model):
            return 529, 0, 250 + int(rng.random() * 3500)
        ttft, tps = MODELS[model]
        lat = ttft * (0.55 + 0.9 * rng.random()) + itok * 0.012 + otok * 1000.0 / (tps * (0.7 + 0.6 * rng.random()))
        return 200, otok, int(lat)

    # -------------------------------------------------------- encoder ---
    def line(self, A: Account, t, key, net, ua, model, ep, status, itok, otok, lat,
             stream, tools, turns, thinking, cat, cot, sh, sp):
        if A.first is None or t < A.first:
            A.first = t
        A.n += 1
        r = self.rng.getrandbits(128)
        h = "%032x" % r
        return (t, (
            f'{{"event_id":"{h[:8]}-{h[8:12]}-4{h[13:16]}-{"89ab"[r & 3]}{h[17:20]}-{h[20:]}",'
            f'"ts":"{ts(t)}",{A.head}"api_key_id":"{key}",{A.mid}{net}'
            f'"user_agent":"{ua}","model":"{model}","endpoint":"{ep}","status":{status},'
            f'"input_tokens":{itok},"output_tokens":{otok},"latency_ms":{lat},'
            f'"stream":{"true" if stream else "false"},"tool_count":{tools},"turns":{turns},'
            f'"thinking":{"true" if thinking else "false"},"task_category":"{cat}",'
            f'"cot_elicitation":{cot:.2f},"prompt_simhash":"{sh:016x}","system_prompt_hash":{sp}}}'
        ))

    # --------------------------------------------------------- engine ---
    def run(self, out_dir: str) -> int:
        os.makedirs(out_dir, exist_ok=True)
        heap = []
        for uid, g in enumerate(self.gens):
            item = next(g, None)
            if item is not None:
                heap.append((item[0], uid, item[1], g))
        heapq.heapify(heap)
        n = 0
        pop, replace = heapq.heappop, heapq.heapreplace
        path = os.path.join(out_dir, "events.jsonl")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            buf = []
            app = buf.append
            while heap:
                top = heap[0]
                app(top[2])
                g = top[3]
                item = next(g, None)
                if item is None:
                    pop(heap)
                else:
                    replace(heap, (item[0], top[1], item[1], g))
                if len(buf) >= 20000:
                    n += len(buf)
                    f.write("\n".join(buf))
                    f.write("\n")
                    buf.clear()
            if buf:
                n += len(buf)
                f.write("\n".join(buf))
                f.write("\n")
        return n

    def truth(self) -> dict:
        camps = {}
        for cid, c in self.campaigns.items():
            accts = sorted((a for a in c["accounts"] if a.first is not None), key=lambda a: a.id)
            if not accts:
                continue
            start = min(a.first for a in accts)
            camps[cid] = {
                "kind": c["kind"],
                "start": ts(start),
                "accounts": [a.id for a in accts],
                "first_seen": {a.id: ts(a.first) for a in accts},
                "description": c["description"],
            }
        groups = {}
        nb = 0
        for a in self.accounts:
            if a.campaign is not None or a.first is None:
                continue
            nb += 1
            g = groups.setdefault(a.group, {"kind": self.benign_groups[a.group], "accounts": 0})
            g["accounts"] += 1
        return {"world": "harbor", "seed": self.seed, "campaigns": camps,
                "benign_accounts": nb, "benign_groups": groups}

    def write_truth(self, out_dir: str) -> dict:
        t = self.truth()
        with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(t, f, indent=1, sort_keys=False)
            f.write("\n")
        return t
