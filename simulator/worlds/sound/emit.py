"""The gateway: rate limits, overload, errors, SDK retries, and the event log itself."""

import heapq
import os
import shutil
from collections import deque

from .catalog import NEW_MODEL
from .util import iso_ms, uuid4, MIN_MS, HOUR_MS

FIELDS = ("ts", "event_id", "account_id", "org_id", "api_key_id", "account_created_at",
          "payment_fingerprint", "client_ip", "asn", "country", "user_agent", "model", "endpoint",
          "status", "input_tokens", "output_tokens", "latency_ms", "stream", "tool_count", "turns",
          "thinking", "task_category", "cot_elicitation", "prompt_simhash", "system_prompt_hash")


def _s(v):
    return "null" if v is None else '"' + v + '"'


class Sink:
    """Spill lines into time buckets on disk, then sort each bucket into events.jsonl."""

    def __init__(self, out_dir, t0, t1):
        self.tmp = os.path.join(out_dir, ".sound-buckets")
        shutil.rmtree(self.tmp, ignore_errors=True)
        os.makedirs(self.tmp)
        span = t1 - t0
        nb = max(1, min(400, span // (5 * MIN_MS)))
        self.t0 = t0
        self.bms = -(-span // nb)
        self.files = [open(os.path.join(self.tmp, "b%04d" % i), "w", encoding="ascii", buffering=1 << 17)
                      for i in range(nb)]
        self.count = 0

    def add(self, ts, line):
        self.files[(ts - self.t0) // self.bms].write(line)
        self.count += 1

    def finish(self, path):
        for f in self.files:
            f.close()
        with open(path, "w", encoding="ascii", buffering=1 << 20) as out:
            for i in range(len(self.files)):
                p = os.path.join(self.tmp, "b%04d" % i)
                with open(p, encoding="ascii") as f:
                    lines = f.readlines()
                lines.sort()          # lines begin with the fixed-width ts, then the event id
                out.writelines(lines)
                os.remove(p)
        os.rmdir(self.tmp)


class Emitter:
    def __init__(self, ctx, sink):
        self.ctx, self.sink = ctx, sink
        self.t0, self.t1 = ctx.t0, ctx.t1

    def overload(self, model, t):
        p = 0.0015
        ctx = self.ctx
        if model == NEW_MODEL:
            dt = t - ctx.release_ms
            if dt < 3 * HOUR_MS:
                p += 0.045 * (1.0 - dt / (3.0 * HOUR_MS))
        for a, b, m, q in ctx.incidents:
            if a <= t < b and (m is None or m == model):
                p += q
        return p

    def run(self, acct, reqs, rng):
        """Play one account's requests through the gateway; returns (events, first malicious ts)."""
        if not reqs:
            return 0, None
        t0, t1 = self.t0, self.t1
        heap = [(r.t, i, 0, r) for i, r in enumerate(reqs)]
        heapq.heapify(heap)
        seq = len(reqs)
        recent = deque()
        rpm = acct.rpm
        n = 0
        first_mal = None
        add = self.sink.add
        aid, org, created, pay = acct.id, _s(acct.org), acct.created_str, _s(acct.pay)
        pres0 = acct.pres
        while heap:
            t, _, attempt, r = heapq.heappop(heap)
            if t >= t1:
                break
            ip, asn, cc = (r.pres or pres0).at(t, rng)
            ep = r.endpoint
            status = 200
            if ep == "messages":
                lim = t - MIN_MS
                while recent and recent[0] <= lim:
                    recent.popleft()
                if len(recent) >= rpm:
                    status = 429
                else:
                    recent.append(t)
                    u = rng.random()
                    p = self.overload(r.model, t)
                    if u < p:
                        status = 529
                    elif u < p + r.err:
                        status = 400
                    elif u < p + r.err + 0.0004:
                        status = 500
            elif ep == "batch":
                if rng.random() < 0.002:
                    status = 400
            if status == 200:
                out, lat = r.out, r.lat
            else:
                out = 0
                if status == 429:
                    lat = rng.randint(8, 90)
                elif status == 529:
                    lat = rng.randint(300, 2200) if not r.stream else rng.randint(400, 9000)
                elif status == 400:
                    lat = rng.randint(40, 400)
                else:
                    lat = rng.randint(2000, 30000)
            ts = t + lat
            if t0 <= ts < t1:
                if r.mal and (first_mal is None or ts < first_mal):
                    first_mal = ts
                line = ('{"ts":"%s","event_id":"%s","account_id":"%s","org_id":%s,"api_key_id":"%s",'
                        '"account_created_at":"%s","payment_fingerprint":%s,"client_ip":"%s","asn":%s,'
                        '"country":%s,"user_agent":"%s","model":"%s","endpoint":"%s","status":%d,'
                        '"input_tokens":%d,"output_tokens":%d,"latency_ms":%d,"stream":%s,"tool_count":%d,'
                        '"turns":%d,"thinking":%s,"task_category":"%s","cot_elicitation":%s,'
                        '"prompt_simhash":"%016x","system_prompt_hash":%s}\n') % (
                    iso_ms(ts), uuid4(rng), aid, org, r.key, created, pay, ip,
                    "null" if asn is None else asn, _s(cc), r.ua, r.model, ep, status, r.inp, out,
                    lat, "true" if r.stream else "false", r.tools, r.turns,
                    "true" if r.thinking else "false", r.cat, repr(float(r.cot)), r.sim, _s(r.sys))
                add(ts, line)
                n += 1
            if status in (429, 529, 500) and r.retry and attempt < 2:
                if status == 429:
                    back = rng.randint(1000, 20000)
                else:
                    back = int((500 * 2 ** attempt) * rng.uniform(0.75, 1.25))
                seq += 1
                heapq.heappush(heap, (ts + back, seq, attempt + 1, r))
        return n, first_mal
