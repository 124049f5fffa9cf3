"""The lagoon world: gateway/serving mechanics, event emission, orchestration and output."""
import calendar
import json
import math
import os
from bisect import bisect_right

try:
    import orjson

    def _dumps(d):
        # orjson hands back an over-allocated buffer: keep a right-sized copy
        return orjson.dumps(d).decode("utf-8")
except ImportError:  # pragma: no cover
    def _dumps(d):
        return json.dumps(d, separators=(",", ":"), ensure_ascii=False)

from . import catalog as C
from .net import Registry
from .util import HOUR, MIN, SEC, DAY, derive, iso, Ids

T0 = calendar.timegm((2026, 12, 9, 12, 0, 0)) * 1000
H0 = 12  # UTC hour of T0


class Acct:
    __slots__ = ("id", "org", "created", "ciso", "pay", "keys", "rpm", "err", "rl", "cid", "gid", "n", "first")

    def __init__(self, aid, org, created, pay, keys, rpm, err, cid=None, gid=None):
        self.id = aid
        self.org = org
        self.set_created(created)
        self.pay = pay
        self.keys = keys
        self.rpm = rpm
        self.err = err
        self.rl = []
        self.cid = cid
        self.gid = gid
        self.n = 0
        self.first = 0

    def set_created(self, created):
        self.created = created
        self.ciso = iso(created)


class World:
    def __init__(self, seed, n_benign, hours):
        self.seed = seed
        self.N = n_benign
        self.H = hours
        self.t0 = T0
        self.t1 = T0 + int(round(hours * HOUR))
        self.h0 = H0
        r = derive(seed, "world")
        self.new_model = C.NEW_MODEL
        self.release = T0 + int(r.uniform(max(1.6, .3 * hours), max(1.9, .45 * hours)) * HOUR)
        self.rollout = T0 + int(r.uniform(.45, .7) * hours * HOUR)
        self.load_phase = r.uniform(0, 2 * math.pi)
        # serving incidents: (start, end, model or None, extra 529 probability)
        self.inc = []
        for _ in range(1 + int(hours // 10) + (r.random() < 0.5)):
            a = T0 + int(r.uniform(0.05, 0.95) * hours * HOUR)
            m = r.choice((None, "claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5"))
            self.inc.append((a, a + int(r.uniform(6, 25) * MIN), m, r.uniform(0.15, 0.45)))
        self.rows = []
        self.seq = 0
        self.srng = derive(seed, "serve")
        self.irng = derive(seed, "event-ids")
        self.ids = Ids(derive(seed, "ids"))
        self.reg = Registry(derive(seed, "net"), n_benign)
        self.accts = []
        self.homes = []  # residential household addresses in use (proxy exits may coincide)
        self.greet = [self.ids.h64() for _ in range(7)]
        self.greet_cum = [1.0, 1.6, 2.0, 2.3, 2.55, 2.75, 2.9]
        self.groups = {}
        self.campaigns = {}

    # ------------------------------------------------------------------ accounts
    def account(self, created, pay=None, org=None, nkeys=1, rpm=50, err=0.01, cid=None, gid=None):
        a = Acct(self.ids.acct(), org, created, pay, [self.ids.key() for _ in range(nkeys)], rpm, err, cid, gid)
        self.accts.append(a)
        if gid is not None:
            self.groups[gid][1].append(a)
        if cid is not None:
            self.campaigns[cid][2].append(a)
        return a

    def group(self, gid, kind):
        self.groups[gid] = (kind, [])
        return gid

    def greeting(self, rng):
        x = rng.random() * self.greet_cum[-1]
        return self.greet[bisect_right(self.greet_cum, x)]

    # ------------------------------------------------------------------ serving mechanics
    def p529(self, model, t):
        p = 0.0015
        if model == self.new_model:
            p += 0.012 + 0.17 * math.exp(-(t - self.release) / 4800000.0)
        for a, b, m, q in self.inc:
            if a <= t < b and (m is None or m == model):
                p += q
        return p

    def loadf(self, t):
        return 1.0 + 0.12 * math.sin(2 * math.pi * (t - T0) / DAY + self.load_phase)

    def req(self, a, t, key, ipt, ua, model, ep, stream, tools, turns, think, cat, cot, sim, sph, tin, tout,
            retries=2):
        """Serve one client request sent at t (with client retries). Returns completion time or None."""
        srng = self.srng
        t1 = self.t1
        if model == self.new_model and t < self.release:
            model = "claude-sonnet-4-5"
        while True:
            if t >= t1:
                return None
            st = 200
            if ep == "messages" and a.rpm:
                rl = a.rl
                hi = bisect_right(rl, t)
                if hi - bisect_right(rl, t - MIN, 0, hi) >= a.rpm:
                    st = 429
                else:
                    rl.insert(hi, t)
            if st == 200:
                u = srng.random()
                p9 = self.p529(model, t) if ep != "batch" else 0.0
                if u < p9:
                    st = 529
                elif u < p9 + 0.0005:
                    st = 500
                elif u < p9 + 0.0005 + a.err:
                    st = 400
            if st == 200:
                if ep == "messages":
                    ttft, tps = C.MODEL_SPEED[model]
                    lat = int((ttft * srng.lognormvariate(0.0, 0.35) + tin * 0.012
                               + tout * 1000.0 / tps * (0.85 + 0.3 * srng.random())) * self.loadf(t))
                    i, o = tin, tout
                elif ep == "batch":
                    lat = int(srng.uniform(15 * SEC, 40 * MIN))
                    i, o = tin, tout
                else:
                    lat = 25 + int(srng.random() * 180)
                    i, o = tin, 0
            elif st == 429:
                lat = 4 + int(srng.random() * 40)
                i = o = 0
            elif st == 529:
                lat = int(150 + srng.random() * 2500)
                i, o = tin, 0
            elif st == 500:
                lat = int(300 + srng.random() * 15000)
                i, o = tin, 0
            else:
                lat = int(30 + srng.random() * 300)
                i, o = tin, 0
            ts = t + lat
            if ts >= t1:
                return None
            if ts < self.t0:  # completed before the window opened: not observed
                return ts
            self.emit(a, ts, key, ipt, ua, model, ep, st, i, o, lat, stream, tools, turns, think, cat, cot, sim, sph)
            if st == 200 or st == 400 or retries <= 0:
                return ts
            retries -= 1
            t = ts + int(srng.uniform(400, 3000) * (1 + (st == 429) * 3))

    def emit(self, a, ts, key, ipt, ua, model, ep, st, i, o, lat, stream, tools, turns, think, cat, cot, sim, sph):
        ir = self.irng
        r = ir.getrandbits(128)
        d = {
            "event_id": "%08x-%04x-4%03x-%04x-%012x" % (r >> 96, (r >> 80) & 0xFFFF, (r >> 68) & 0xFFF,
                                                       0x8000 | ((r >> 52) & 0x3FFF), r & 0xFFFFFFFFFFFF),
            "ts": iso(ts),
            "account_id": a.id,
            "org_id": a.org,
            "api_key_id": key,
            "account_created_at": a.ciso,
            "payment_fingerprint": a.pay,
            "client_ip": ipt[0],
            "asn": ipt[1],
            "country": ipt[2],
            "user_agent": ua,
            "model": model,
            "endpoint": ep,
            "status": st,
            "input_tokens": i,
            "output_tokens": o,
            "latency_ms": lat,
            "stream": stream,
            "tool_count": tools,
            "turns": turns,
            "thinking": think,
            "task_category": cat,
            "cot_elicitation": cot,
            "prompt_simhash": "%016x" % sim,
            "system_prompt_hash": sph,
        }
        if ts >= self.rollout:
            d["gateway_region"] = C.REGION.get(ipt[2], "eu-west-1")
        line = _dumps(d)
        rows = self.rows
        rows.append((ts, self.seq, line))
        self.seq += 1
        if ir.random() < 0.0006:  # at-least-once delivery: an occasional redelivered duplicate
            rows.append((ts, self.seq, line))
            self.seq += 1
        a.n += 1
        if a.first == 0 or ts < a.first:
            a.first = ts

    # ------------------------------------------------------------------ output
    def write(self, out):
        os.makedirs(out, exist_ok=True)
        self.rows.sort()
        with open(os.path.join(out, "events.jsonl"), "wb") as f:
            buf = []
            for row in self.rows:
                buf.append(row[2])
                if len(buf) >= 20000:
                    f.write(("\n".join(buf) + "\n").encode("utf-8"))
                    buf = []
            if buf:
                f.write(("\n".join(buf) + "\n").encode("utf-8"))
        camps = {}
        for cid, (kind, desc, accts) in self.campaigns.items():
            live = [a for a in accts if a.n > 0]
            if not live:
                continue
            camps[cid] = {
                "kind": kind,
                "start": iso(min(a.first for a in live)),
                "accounts": [a.id for a in live],
                "description": desc,
            }
        groups = {}
        nb = 0
        for gid, (kind, accts) in self.groups.items():
            k = sum(1 for a in accts if a.n > 0)
            nb += k
            if k:
                groups[gid] = {"kind": kind, "accounts": k}
        truth = {"world": "lagoon", "seed": self.seed, "campaigns": camps, "benign_accounts": nb,
                 "benign_groups": groups}
        with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, indent=1)
            f.write("\n")
        return len(self.rows)


def build(seed, n_benign, hours, out):
    from .benign import populate
    from .campaigns import launch

    w = World(seed, n_benign, hours)
    populate(w)
    launch(w)
    return w.write(out)
