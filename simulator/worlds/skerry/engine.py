"""Accounts, request sessions, and the gateway: rate limits, errors, retries, event lines."""
import math
import random
from operator import itemgetter

from .content import (COT_BETA, GREETINGS, IN_MED, NEW_MODEL, OUT_MED, drift, latency_ms, wpick)
from .timeutil import HOUR, iso

# tier -> (requests per minute, output tokens per minute)
TIERS = {"free": (5, 8000), "t1": (50, 16000), "t2": (1000, 90000), "t3": (2000, 160000),
         "t4": (4000, 400000), "ent": (20000, 4000000)}


class Account:
    __slots__ = ("id", "pre1", "pre2", "keys", "created", "ua", "net", "tier", "retry", "max_retry",
                 "p400", "tz", "cc", "mix", "adopt", "share", "max_tokens", "camp", "sess", "first_ts",
                 "n_ev", "sysl", "think_always", "org", "pay")

    def __init__(self, aid, org, keys, created, pay, ua, net, tier="t1", tz=0.0, cc=None,
                 mix=None, retry="sdk", p400=0.004, max_tokens=8192, camp=None, sysl=None):
        self.id = aid
        self.org = org
        self.pay = pay
        self.pre1 = '"account_id":"%s","org_id":%s,' % (aid, "null" if org is None else '"' + org + '"')
        self.pre2 = '"account_created_at":"%s","payment_fingerprint":%s,' % (
            iso(created), "null" if pay is None else '"' + pay + '"')
        self.keys = keys
        self.created = created
        self.ua = ua
        self.net = net
        self.tier = tier
        self.retry = retry
        self.max_retry = 2 if retry == "sdk" else (0 if retry == "none" else 4)
        self.p400 = p400
        self.tz = tz
        self.cc = cc
        self.mix = mix
        self.adopt = None
        self.share = 0.0
        self.max_tokens = max_tokens
        self.camp = camp
        self.sess = 0
        self.first_ts = None
        self.n_ev = 0
        self.sysl = sysl or [(None, 1)]
        self.think_always = False

    def model_at(self, t, rng):
        if self.adopt is not None and t >= self.adopt and rng.random() < self.share:
            return NEW_MODEL
        return wpick(rng, self.mix)

    def next_sess(self):
        self.sess += 1
        return self.sess


class Style:
    """How one kind of user phrases and shapes requests."""

    def __init__(self, **kw):
        self.tasks = [("chat", 1)]
        self.in_mult = 1.0
        self.in_sig = 0.9
        self.out_mult = 1.0
        self.out_sig = 0.8
        self.cot = None          # None -> benign per-task prior; (a, b) -> same beta for all tasks; dict
        self.cot_add = 0.0
        self.cot_jit = 0.05
        self.cot_max = 1.0
        self.p_think = 0.04
        self.think_med = 1600
        self.p_stream = 0.5
        self.tools = None        # None -> default; int; or callable(rng, task)
        self.sess_mean = 3.0
        self.sess_max = 60
        self.gap_med = 60.0      # seconds between a response and the next request in a session
        self.gap_sig = 0.8
        self.p_tpl = 0.0
        self.tpls = None
        self.p_fresh = 0.7
        self.agent = False
        self.step_in_med = 1500  # tokens appended to the context per agent step
        self.p_greet_first = 0.0
        self.p_greet_sess = 0.0
        self.greet = GREETINGS
        self.endpoint = "messages"
        self.p_pause = 0.0       # chance that the next gap is a human pause (agents)
        self.pause_med = 90.0
        for k, v in kw.items():
            if not hasattr(self, k):
                raise AttributeError(k)
            setattr(self, k, v)

    def copy(self, **kw):
        s = Style()
        s.__dict__.update(self.__dict__)
        for k, v in kw.items():
            if not hasattr(s, k):
                raise AttributeError(k)
            setattr(s, k, v)
        return s


def _default_tools(rng, task):
    if task == "tool_use":
        return 1 + int(rng.random() * 6)
    if task == "coding" and rng.random() < 0.15:
        return 1 + int(rng.random() * 3)
    return 0


def _cot_base(st, task, rng):
    c = st.cot
    if c is None:
        a, b = COT_BETA[task]
    elif isinstance(c, tuple):
        a, b = c
    else:
        a, b = c.get(task) or COT_BETA[task]
    return rng.betavariate(a, b) + st.cot_add


def session(a, st, t0, rng, out, n=None, task=None, first=False, tpl=None, model=None,
            sysq=None, key=None, ua=None, t_stop=None, tools=None, greet=None, sid=None):
    """Append the requests of one conversation/session of account a to out; return end time."""
    if sid is None:
        sid = a.next_sess()
    if n is None:
        mean = st.sess_mean
        if mean <= 1:
            n = 1
        else:
            p = 1.0 / mean
            n = 1 + int(math.log(1.0 - rng.random()) / math.log(1.0 - p))
        if n > st.sess_max:
            n = st.sess_max
    if task is None:
        task = wpick(rng, st.tasks)
    if model is None:
        model = a.model_at(t0, rng)
    if sysq is None:
        sp = wpick(rng, a.sysl)
    else:
        sp = sysq
    if sp is None:
        sq, stok = "null", 0
    else:
        sq, stok = sp
    if tools is None:
        tl = st.tools
        if tl is None:
            tools = _default_tools(rng, task)
        elif isinstance(tl, int):
            tools = tl
        else:
            tools = tl(rng, task)
    think = a.think_always or rng.random() < st.p_think
    stream = rng.random() < st.p_stream
    if key is None:
        nk = len(a.keys)
        key = 0 if nk == 1 or rng.random() < 0.75 else int(rng.random() * nk)
    endpoint = st.endpoint
    if greet is None:
        greet = (first and rng.random() < st.p_greet_first) or (st.p_greet_sess and rng.random() < st.p_greet_sess)
    cotb = _cot_base(st, task, rng)
    jit = st.cot_jit
    t = t0
    turns = 1
    ctx = 0
    agent = st.agent
    in_mult, in_sig, out_mult, out_sig = st.in_mult, st.in_sig, st.out_mult, st.out_sig
    maxt = a.max_tokens
    if t_stop is None:
        t_stop = 1 << 62
    append = out.append
    if greet:
        sh = wpick(rng, st.greet)
        itok = stok + 6 + int(rng.random() * 10)
        otok = 8 + int(rng.random() * 45)
        lat = latency_ms(rng, model, itok, otok)
        cot = rng.random() * 0.04
        append((t, key, model, endpoint, stream, 0 if not agent else tools, 1, False, "chat", cot, sh, sq,
                itok, otok, lat, sid, ua))
        t += lat + int(1000 * (2 + rng.random() * 40))
        n -= 1
    if tpl is not None:
        sh = tpl.variant(rng)
    elif st.p_tpl and rng.random() < st.p_tpl:
        sh = st.tpls[int(rng.random() * len(st.tpls))].variant(rng)
    else:
        sh = rng.getrandbits(64)
    imed = IN_MED[task] * in_mult
    omed = OUT_MED[task] * out_mult
    gmed = st.gap_med
    gsig = st.gap_sig
    for i in range(n):
        if t >= t_stop:
            break
        if agent:
            if i == 0:
                ctx = int(imed * math.exp(rng.gauss(0, in_sig)))
            itok = stok + ctx
        else:
            u = int(imed * math.exp(rng.gauss(0, in_sig))) + 1
            itok = stok + ctx + u
        otok = int(omed * math.exp(rng.gauss(0, out_sig))) + 1
        if think:
            otok += int(st.think_med * math.exp(rng.gauss(0, 0.7)))
        if otok > maxt:
            otok = maxt
        c = cotb + rng.gauss(0, jit) if jit else cotb
        if c < 0.0:
            c = 0.0
        elif c > st.cot_max:
            c = st.cot_max - 0.03 * rng.random()
        lat = latency_ms(rng, model, itok, otok)
        append((t, key, model, endpoint, stream, tools, turns, think, task, c, sh, sq, itok, otok, lat, sid, ua))
        turns += 2
        if agent:
            ctx += otok + int(st.step_in_med * math.exp(rng.gauss(0, 1.0)))
            if ctx > 175000:            # context compaction
                ctx = 12000 + int(rng.random() * 10000)
                turns = 3
            sh = drift(sh, rng, 3)
        else:
            ctx += u + otok
            if ctx > 150000:
                ctx = 150000
            if rng.random() < st.p_fresh:
                sh = rng.getrandbits(64)
            else:
                sh = drift(sh, rng, 6)
        if st.p_pause and rng.random() < st.p_pause:
            t += lat + int(1000 * st.pause_med * math.exp(rng.gauss(0, 0.8)))
        else:
            t += lat + int(1000 * gmed * math.exp(rng.gauss(0, gsig)))
    return t


_EV_FMT = ('{"event_id":"%s","ts":"%s",%s"api_key_id":"%s",%s"client_ip":%s,"asn":%s,"country":%s,'
           '"user_agent":"%s","model":"%s","endpoint":"%s","status":%d,"input_tokens":%d,"output_tokens":%d,'
           '"latency_ms":%d,"stream":%s,"tool_count":%d,"turns":%d,"thinking":%s,"task_category":"%s",'
           '"cot_elicitation":%.2f,"prompt_simhash":"%016x","system_prompt_hash":%s}')


class World:
    def __init__(self, seed, benign, hours, ws):
        self.seed = seed
        self.benign_n = benign
        self.hours = hours
        self.ws = ws
        self.we = ws + int(hours * HOUR)
        self.events = []
        self.campaigns = {}
        self.groups = {}
        self.benign_count = 0
        self._ids = set()
        self.incidents = []     # (t0, t1, model or None, p)
        self.release = None
        self.release_ramp = None
        self.labels = None      # optional debug map account -> population label
        self.cur_label = None

    def rng_for(self, tag):
        return random.Random("%d/%s" % (self.seed, tag))

    def new_id(self, prefix, nhex, rng):
        while True:
            s = "%s%0*x" % (prefix, nhex, rng.getrandbits(4 * nhex))
            if s not in self._ids:
                self._ids.add(s)
                return s

    def overload(self, t, model):
        p = 0.0015
        if model == NEW_MODEL and self.release is not None:
            dt = t - self.release
            if 0 <= dt < self.release_ramp:
                p += 0.09 * (1.0 - dt / self.release_ramp)
        for t0, t1, m, q in self.incidents:
            if t0 <= t < t1 and (m is None or m == model):
                p += q
        return p

    def emit(self, a, reqs, rng):
        """Run account a's requests through the gateway; keep those completing inside the window."""
        if not reqs:
            return 0
        reqs.sort(key=itemgetter(0))
        rpm, otpm = TIERS[a.tier]
        bn = {}
        bo = {}
        ws, we = self.ws, self.we
        ev = self.events
        net = a.net
        p400 = a.p400
        n = 0
        created = a.created
        for r in reqs:
            t = r[0]
            if t < created:
                continue
            model = r[2]
            batch = r[3] == "batch"
            attempt = 0
            while True:
                m = t // 60000
                if batch:
                    status = 200 if rng.random() > p400 * 0.5 else 400
                else:
                    cn = bn.get(m, 0)
                    co = bo.get(m, 0)
                    bn[m] = cn + 1
                    if cn >= rpm or co >= otpm:
                        status = 429
                    else:
                        u = rng.random()
                        po = self.overload(t, model)
                        if u < po:
                            status = 529
                        elif u < po + p400:
                            status = 400
                        elif u < po + p400 + 0.0004:
                            status = 500
                        else:
                            status = 200
                if status == 200:
                    otok = r[13]
                    lat = r[14]
                    if not batch:
                        bo[m] = bo.get(m, 0) + otok
                else:
                    otok = 0
                    if status == 429:
                        lat = 12 + int(rng.random() * 90)
                    elif status == 400:
                        lat = 35 + int(rng.random() * 300)
                    elif status == 529:
                        lat = 150 + int(rng.random() * 2500)
                    else:
                        lat = 300 + int(rng.random() * min(r[14], 30000))
                ts = t + lat
                if ws <= ts < we:
                    h = "%032x" % rng.getrandbits(128)
                    eid = "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) & 3], h[17:20], h[20:])
                    ip = net.ip(t, r[15], rng)
                    ua = r[16] or a.ua
                    ev.append((ts, _EV_FMT % (
                        eid, iso(ts), a.pre1, a.keys[r[1]], a.pre2, ip[0], ip[1], ip[2], ua, model, r[3], status,
                        r[12], otok, lat, "true" if r[4] else "false", r[5], r[6], "true" if r[7] else "false",
                        r[8], r[9], r[10], r[11])))
                    n += 1
                    if a.first_ts is None or ts < a.first_ts:
                        a.first_ts = ts
                if status in (429, 529, 500) and attempt < a.max_retry:
                    attempt += 1
                    if a.retry == "sdk":
                        back = int(500 * (2 ** (attempt - 1)) * (0.75 + 0.5 * rng.random()))
                        if status == 429:
                            back += int(rng.random() * 8000)
                    else:
                        back = a.retry
                    t = ts + back
                    continue
                break
        a.n_ev += n
        return n
