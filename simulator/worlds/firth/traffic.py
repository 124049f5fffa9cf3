"""Core of the world: accounts, request synthesis, status/latency model and the
bucketed, time-sorted event writer."""
import hashlib
import math
import os
import time

MODELS_SPEED = {  # ttft ms, ms per output token
    "claude-opus-4-5": (1400, 19.0),
    "claude-sonnet-4-5": (900, 12.5),
    "claude-haiku-4-5": (420, 5.5),
    "claude-sonnet-4-20250514": (850, 14.0),
    "claude-3-5-haiku-20241022": (400, 7.5),
    "claude-opus-4-1-20250805": (1800, 28.0),
    "claude-sonnet-5": (1000, 11.5),
}
NEW_MODEL = "claude-sonnet-5"
BASE_MODELS = [
    ("claude-sonnet-4-5", 55), ("claude-opus-4-5", 18), ("claude-haiku-4-5", 15),
    ("claude-sonnet-4-20250514", 7), ("claude-3-5-haiku-20241022", 3), ("claude-opus-4-1-20250805", 2),
]

# category -> in_mu, in_sigma, out_mu, out_sigma, cot alpha, cot beta
CATP = {
    "chat": (math.log(200), 0.9, math.log(260), 0.8, 1.1, 13.0),
    "coding": (math.log(1700), 1.0, math.log(850), 0.8, 1.4, 10.0),
    "reasoning": (math.log(420), 0.8, math.log(1400), 0.7, 2.6, 3.6),
    "tool_use": (math.log(6500), 0.8, math.log(320), 0.8, 1.0, 18.0),
    "writing": (math.log(480), 0.9, math.log(1050), 0.7, 1.0, 14.0),
    "analysis": (math.log(3000), 1.0, math.log(780), 0.7, 1.8, 8.0),
    "vision": (math.log(1900), 0.5, math.log(300), 0.7, 1.0, 12.0),
    "other": (math.log(300), 1.0, math.log(200), 1.0, 1.0, 10.0),
}

GREETINGS = [int(hashlib.md5(s.encode()).hexdigest()[:16], 16) for s in (
    "hi", "hello", "test", "hey", "ping", "hello world", "who are you", "what can you do",
    "testing", "hi claude", "say hello", "1+1")]
GREET_W = [30, 22, 18, 8, 5, 4, 4, 3, 2, 2, 1, 1]

SH_LINE = ('{"ts":"%s.%03dZ","event_id":"%s",%s,"api_key_id":"%s",%s,"user_agent":"%s","model":"%s",'
           '"endpoint":"%s","status":%d,"input_tokens":%d,"output_tokens":%d,"latency_ms":%d,'
           '"stream":%s,"tool_count":%d,"turns":%d,"thinking":%s,"task_category":"%s",'
           '"cot_elicitation":%.2f,"prompt_simhash":"%016x","system_prompt_hash":%s}\n')

INF = float("inf")


def jstr(s):
    return "null" if s is None else '"%s"' % s


def flip(rng, h, k):
    for _ in range(k):
        h ^= 1 << rng.randrange(64)
    return h


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    L = math.exp(-lam)
    k, p = 0, rng.random()
    while p > L:
        k += 1
        p *= rng.random()
    return k


def cum(ws):
    out, t = [], 0.0
    for w in ws:
        t += w
        out.append(t)
    return out


# diurnal shapes: weight per local hour
SHAPES = {
    "office": ([.03, .02, .02, .02, .02, .04, .10, .30, .70, 1, 1, .95, .80, .95, 1, .95, .85, .60, .35, .25, .20, .15, .10, .05], 0.15),
    "dev": ([.16, .09, .05, .03, .03, .04, .08, .20, .45, .70, .85, .90, .80, .85, .90, .90, .85, .75, .70, .75, .80, .75, .55, .32], 0.6),
    "student": ([.50, .35, .20, .10, .05, .03, .05, .10, .25, .45, .60, .65, .60, .65, .70, .75, .80, .80, .85, .90, 1, 1, .90, .70], 0.85),
    "evening": ([.25, .12, .06, .03, .02, .03, .08, .18, .25, .30, .35, .40, .45, .40, .40, .45, .55, .70, .85, 1, 1, .90, .70, .45], 0.9),
    "night": ([.9, 1, 1, .9, .7, .5, .3, .2, .3, .4, .5, .5, .5, .5, .5, .5, .5, .5, .5, .55, .6, .7, .8, .85], 1.0),
    "flat": ([1.0] * 24, 1.0),
    "global": ([.85, .80, .75, .72, .72, .75, .80, .85, .90, .95, 1, 1, 1, 1, 1, .98, .96, .95, .93, .92, .92, .90, .88, .86], 0.8),
}


class Acct:
    __slots__ = ("id", "grp", "camp", "pre", "keys", "key", "ua", "tz", "cc", "rpm", "mc", "n",
                 "mods", "mcw", "adopt", "newshare", "retries", "ip", "free", "credit")

    def __init__(self):
        self.mc = {}
        self.n = 0
        self.adopt = INF
        self.newshare = 0.0
        self.retries = 2
        self.free = False
        self.credit = INF
        self.camp = None


class World:
    def __init__(self, seed, hours, out_dir, start_epoch, net, release_frac):
        self.seed = seed
        self.T = hours * 3600.0
        self.hours = hours
        self.start = start_epoch
        self.net = net
        self.out_dir = out_dir
        import random
        self.idrng = random.Random("firth:%d:eventids" % seed)
        self.release = self.T * release_frac
        self.used = set()
        self.sec_cache = {}
        self.wcache = {}
        self.group_events = {}
        self.group_accounts = {}
        self.camp_first = {}
        self.camp_accounts = {}
        self.total = 0
        # buckets
        self.nb = max(8, min(400, int(hours * 4)))
        self.bsize = self.T / self.nb
        self.tmp = os.path.join(out_dir, ".firth_tmp")
        os.makedirs(self.tmp, exist_ok=True)
        self.buf = [[] for _ in range(self.nb)]
        self.buffered = 0
        self.bfiles = [os.path.join(self.tmp, "b%04d" % i) for i in range(self.nb)]
        for p in self.bfiles:
            open(p, "w").close()

    # ------------------------------------------------------------------ ids
    def uid(self, rng, prefix, nhex):
        while True:
            s = "%s%0*x" % (prefix, nhex, rng.getrandbits(nhex * 4))
            if s not in self.used:
                self.used.add(s)
                return s

    def iso(self, t_abs):
        sec = int(t_abs)
        ms = int((t_abs - sec) * 1000)
        return "%s.%03dZ" % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)), ms)

    def new_acct(self, rng, grp, created_rel, org=None, pay=None, ua="anthropic-python/0.74.1",
                 cc="US", tz=0, rpm=50, nkeys=1, camp=None, mods=None, free=False):
        """created_rel: seconds relative to run start (negative = before run)."""
        a = Acct()
        a.id = self.uid(rng, "acct_", 12)
        a.grp = grp
        a.camp = camp
        created_abs = self.start + created_rel
        a.pre = '"account_id":"%s","org_id":%s,"account_created_at":"%s","payment_fingerprint":%s' % (
            a.id, jstr(org), self.iso(created_abs), jstr(pay))
        a.keys = [self.uid(rng, "key_", 10) for _ in range(nkeys)]
        a.key = a.keys[0]
        a.ua = ua
        a.cc = cc
        a.tz = tz
        a.rpm = rpm
        a.free = free
        if mods is None:
            mods = [(m, w * math.exp(rng.gauss(0, 1.0))) for m, w in BASE_MODELS]
        a.mods = [m for m, _ in mods]
        a.mcw = cum([w for _, w in mods])
        a.ip = None
        return a

    def register(self, a):
        """Count an account once it has been generated."""
        if a.n <= 0:
            return False
        if a.camp is not None:
            self.camp_accounts.setdefault(a.camp, []).append(a.id)
        else:
            self.group_accounts[a.grp] = self.group_accounts.get(a.grp, 0) + 1
        return True

    # ------------------------------------------------------------- clock
    def weight(self, t, tz, shape):
        """Diurnal weight at run-relative time t for a local utc offset."""
        hslot = int(t // 1800)
        key = (hslot, tz, shape)
        w = self.wcache.get(key)
        if w is None:
            local = (self.start + hslot * 1800 + 900) / 3600.0 + tz
            day = int(local // 24)
            hod = int(local % 24)
            prof, wk = SHAPES[shape]
            w = prof[hod]
            if (day + 3) % 7 >= 5:
                w *= wk
            self.wcache[key] = w
        return w

    def sessions(self, rng, a, rate, shape, fn, t0=0.0, t1=None, boost=None):
        """Poisson session starts with diurnal modulation; rate = sessions/hour at weight 1."""
        T = self.T if t1 is None else min(t1, self.T)
        t = max(0.0, t0)
        step = 1800.0
        while t < T:
            seg = min(step - (t % step), T - t)
            lam = rate * self.weight(t, a.tz, shape) * seg / 3600.0
            if boost is not None:
                lam *= boost(t)
            n = poisson(rng, lam)
            for _ in range(n):
                fn(rng, a, t + rng.random() * seg)
            t += seg

    def pick_model(self, rng, a, t):
        if t >= a.adopt and t >= self.release and rng.random() < a.newshare:
            return NEW_MODEL
        return rng.choices(a.mods, cum_weights=a.mcw)[0]

    # ------------------------------------------------------------- requests
    def sample(self, rng, cat, cot_shift=0.0, in_mult=1.0, out_mult=1.0, think=False):
        imu, isg, omu, osg, ca, cb = CATP[cat]
        tin = int(math.exp(rng.gauss(imu, isg)) * in_mult) + 8
        tout = int(math.exp(rng.gauss(omu, osg)) * out_mult) + 1
        if think:
            tout = int(tout * (1.3 + rng.random() * 2.5))
        if tout > 64000:
            tout = 64000 - rng.randrange(2000)
        if tin > 400000:
            tin = 400000 - rng.randrange(50000)
        cot = rng.betavariate(ca, cb) + cot_shift
        if cot < 0:
            cot = 0.0
        elif cot > 1:
            cot = 1.0
        return tin, tout, cot

    def overload_p(self, t, model):
        p = 0.0025
        if model == NEW_MODEL and t >= self.release:
            p += 0.06 * math.exp(-(t - self.release) / 2400.0)
        return p

    def req(self, rng, a, t, ip, model, cat, tin, tout, cot, sim, sph="null", tools=0, turns=1,
            stream=False, think=False, ep="messages", key=None, ua=None, lat=None):
        """Issue one request starting at t; returns completion time of the last attempt."""
        spd = MODELS_SPEED[model]
        attempt = 0
        while True:
            status = 200
            if a.rpm:
                m = int(t // 60)
                c = a.mc.get(m)
                if c is None:
                    c = a.mc[m] = [0, 0]
                c[0] += 1
                c[1] += tin if not tools else tin // 4
                if c[0] > a.rpm or c[1] > a.rpm * 800 + 12000:
                    status = 429
            if status == 200:
                if a.credit <= 0:
                    status = 400
                else:
                    u = rng.random()
                    if u < self.overload_p(t, model):
                        status = 529
                    elif u < 0.009:
                        status = 400
                    elif u < 0.0105:
                        status = 500
            if status == 200:
                out = tout
                if lat is not None:
                    L = lat
                elif ep == "count_tokens":
                    L = 40 + rng.random() * 120
                    out = 0
                else:
                    L = (spd[0] * math.exp(rng.gauss(0, 0.35)) + tin * 0.011 +
                         out * spd[1] * math.exp(rng.gauss(0, 0.13)) + tools * 8)
                if a.credit != INF:
                    a.credit -= tin * 0.2 + out
            else:
                out = 0
                if status == 429:
                    L = 15 + rng.random() * 120
                elif status == 529:
                    L = 200 + rng.random() * 2500
                elif status == 400:
                    L = 30 + rng.random() * 200
                else:
                    L = 800 + rng.random() * 20000
            te = t + L / 1000.0
            if 0.0 <= te < self.T:
                self._emit(a, te, ip, key or a.key, ua or a.ua, model, ep, status, tin, out, int(L),
                           stream, tools, turns, think, cat, cot, sim, sph)
            if status in (429, 529, 500) and attempt < a.retries and ep != "batch":
                attempt += 1
                if status == 429:
                    t = te + min(60.0, 60.0 - te % 60.0 + rng.random() * 2.0)
                else:
                    t = te + (0.5 * 2 ** attempt) * (0.75 + rng.random() * 0.5)
                continue
            return te

    def _emit(self, a, te, ip, key, ua, model, ep, status, tin, tout, lat, stream, tools, turns,
              think, cat, cot, sim, sph):
        ab = self.start + te
        sec = int(ab)
        s = self.sec_cache.get(sec)
        if s is None:
            s = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
            self.sec_cache[sec] = s
        g = self.idrng.getrandbits(128)
        h = "%032x" % g
        eid = "%s-%s-4%s-%x%s-%s" % (h[:8], h[8:12], h[13:16], 8 + (g & 3), h[17:20], h[20:32])
        line = SH_LINE % (s, int((ab - sec) * 1000), eid, a.pre, key, ip, ua, model, ep, status,
                          tin, tout, lat, "true" if stream else "false", tools, turns,
                          "true" if think else "false", cat, cot, sim, sph)
        self.buf[min(self.nb - 1, int(te / self.bsize))].append(line)
        a.n += 1
        if a.camp is not None:
            f = self.camp_first.get(a.camp)
            if f is None or te < f:
                self.camp_first[a.camp] = te
            k = a.camp
        else:
            k = a.grp
        self.group_events[k] = self.group_events.get(k, 0) + 1
        self.buffered += 1
        if self.buffered >= 250000:
            self.flush()

    def flush(self):
        for i, b in enumerate(self.buf):
            if b:
                with open(self.bfiles[i], "a", encoding="utf-8") as f:
                    f.write("".join(b))
                self.buf[i] = []
        self.buffered = 0

    def finish(self, path):
        self.flush()
        n = 0
        with open(path, "w", encoding="utf-8") as out:
            for p in self.bfiles:
                with open(p, "r", encoding="utf-8") as f:
                    lines = f.readlines()
                lines.sort()
                out.write("".join(lines))
                n += len(lines)
                os.remove(p)
        try:
            os.rmdir(self.tmp)
        except OSError:
            pass
        self.total = n
        return n
