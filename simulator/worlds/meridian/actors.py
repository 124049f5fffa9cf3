"""Actors: anything with a `t0` and a `step(t) -> next t | None` that sends requests.

Humans run sessions (conversations, agent loops) whose arrivals follow their local
diurnal/weekly curve; machines (bots, pipelines, services, benchmark runners) follow schedules.
"""
import bisect
import math

from .prompts import COT, COT_STEP, FLIPK, NEW_MODEL, TOK_LOG, greeting

_log = math.log
INPUT_CAP = 195000
OUTPUT_CAP = 32000


def thin_next(w, t, lam, tab, base, mod=None):
    """Next arrival after t of a Poisson process with peak rate lam (per s) modulated by tab[how]*mod(t)."""
    rnd = w.random
    end = w.end
    if lam <= 0.0:
        return None
    while True:
        t += -_log(1.0 - rnd()) / lam
        if t >= end:
            return None
        v = tab[int((t + base) // 3600.0) % 168]
        if mod is not None:
            v *= mod(t)
        if rnd() < v:
            return t


class Human:
    """A person (or their IDE agent) working in sessions."""
    __slots__ = ('w', 'a', 't0', 'tab', 'base', 'lam', 'n_extra', 'think_mu', 'think_sig', 'tasks',
                 'task_cum', 'cot', 'models', 'model_cum', 'stream_p', 'think_p', 'tools_n', 'agent',
                 'ctx0', 'ctx_grow', 'cont_p', 'fams', 'fam_cum', 'fam_p', 'com', 'com_cum', 'com_p',
                 'sph', 'sph_p', 'sys_tok', 'net', 'adopt_t', 'adopt_share', 'greet', 'left', 'mod',
                 'gap_min', 'on_status')

    def __init__(self, w, a, *, tab, base, lam_h, n_mean, think_med, think_sig, tasks, task_cum,
                 step=False, models, model_cum, stream_p, think_p, net, tools_n=0, agent=False,
                 ctx0=0, ctx_grow=0, cont_p=0.6, fams=None, fam_cum=None, fam_p=0.0, com=None,
                 com_cum=None, com_p=0.0, sph='null', sph_p=0.0, sys_tok=0, adopt_t=None,
                 adopt_share=0.0, greet=False, left=-1, mod=None, t_first=0.0, gap_min=120.0):
        self.w, self.a = w, a
        self.tab, self.base = tab, base
        self.lam = lam_h / 3600.0
        self.n_extra = max(0.0, n_mean - 1.0)
        self.think_mu, self.think_sig = _log(think_med), think_sig
        self.tasks, self.task_cum = tasks, task_cum
        self.cot = COT_STEP if step else COT
        self.models, self.model_cum = models, model_cum
        self.stream_p, self.think_p = stream_p, think_p
        self.net = net
        self.tools_n, self.agent = tools_n, agent
        self.ctx0, self.ctx_grow = ctx0, ctx_grow
        self.cont_p = cont_p
        self.fams, self.fam_cum, self.fam_p = fams, fam_cum, fam_p
        self.com, self.com_cum, self.com_p = com, com_cum, com_p
        self.sph, self.sph_p, self.sys_tok = sph, sph_p, sys_tok
        self.adopt_t, self.adopt_share = adopt_t, adopt_share
        self.greet, self.left = greet, left
        self.mod = mod
        self.gap_min = gap_min
        self.on_status = None
        self.t0 = self._next(max(t_first, 0.0)) if not greet else max(t_first, 0.0)
        if self.t0 is not None and self.t0 >= w.end:
            self.t0 = None

    def _next(self, t):
        return thin_next(self.w, t, self.lam, self.tab, self.base, self.mod)

    def step(self, t):
        w = self.w
        rnd = w.random
        rng = w.rng
        a = self.a
        if self.left == 0:
            return None
        if self.left > 0:
            self.left -= 1
        net = self.net(t)
        key = a.keys[int(rnd() * len(a.keys))] if len(a.keys) > 1 else a.key
        n = 1 + int(-_log(1.0 - rnd()) * self.n_extra) if self.n_extra > 0 else 1
        agent = self.agent
        turns = 0
        ctx = 0
        fam = None
        task = 'chat'
        model = ''
        sph = 'null'
        sys_tok = 0
        end = w.end
        for _ in range(n):
            greet = False
            if turns == 0 or (not agent and rnd() > self.cont_p):
                turns = 1
                ctx = self.ctx0 * (0.5 + rnd()) if agent else 0
                if self.greet:
                    greet = True
                    self.greet = False
                    fam = None
                    task = 'chat'
                else:
                    r = rnd()
                    if r < self.fam_p:
                        fam = self.fams[bisect.bisect(self.fam_cum, rnd())]
                        task = fam.task
                    elif r < self.fam_p + self.com_p:
                        fam = self.com[bisect.bisect(self.com_cum, rnd())]
                        task = fam.task
                    else:
                        fam = None
                        task = self.tasks[bisect.bisect(self.task_cum, rnd())]
                model = self.models[bisect.bisect(self.model_cum, rnd())]
                if self.adopt_t is not None and t >= self.adopt_t and rnd() < self.adopt_share:
                    model = NEW_MODEL
                if rnd() < self.sph_p:
                    sph = self.sph
                    sys_tok = self.sys_tok
                else:
                    sph = 'null'
                    sys_tok = 0
            else:
                turns += 2
            in_mu, in_sig, out_mu, out_sig = TOK_LOG[task]
            if greet:
                sh = greeting(rnd)
                itok = 8 + int(14 * rnd())
                otok = 15 + int(50 * rnd())
                cot = 0.0
                thinking = False
            else:
                if turns == 1:
                    if fam is not None:
                        sh = _flip(rng, fam.base, int(rnd() * 20))
                        new_in = fam.in_med * (0.8 + 0.4 * rnd())
                    else:
                        sh = rng.getrandbits(64)
                        new_in = rng.lognormvariate(in_mu, in_sig)
                else:
                    sh = rng.getrandbits(64)
                    if agent:
                        new_in = rng.lognormvariate(_log(self.ctx_grow), 1.0)
                    else:
                        new_in = 0.5 * rng.lognormvariate(in_mu, in_sig)
                itok = int(new_in + ctx) + sys_tok + 4
                if itok > INPUT_CAP:
                    ctx *= 0.35
                    itok = int(new_in + ctx) + sys_tok + 4
                if fam is not None:
                    otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
                    cot = fam.cot_lo + fam.cot_span * rnd()
                else:
                    otok = int(rng.lognormvariate(out_mu, out_sig))
                    lo, span = self.cot[task]
                    cot = lo + span * rnd()
                thinking = rnd() < self.think_p
                if thinking:
                    otok += int(rng.lognormvariate(7.2, 0.7))
                if otok > OUTPUT_CAP:
                    otok = OUTPUT_CAP
                ctx += new_in + otok
            tools = self.tools_n if (agent or task == 'tool_use') else 0
            te, st = w.req(a, t, net, model, 'messages', task, itok, otok, rnd() < self.stream_p,
                           tools, turns, thinking, cot, sh, sph, key)
            if agent:
                gap = 1.0 + rng.lognormvariate(self.think_mu, self.think_sig)
            else:
                gap = 2.0 + rng.lognormvariate(self.think_mu, self.think_sig)
            if st == 429:
                gap += 5.0 + 40.0 * rnd()
            t = te + gap
            if t >= end:
                return None
        return self._next(t + self.gap_min * (0.5 + rnd()))


def _flip(rng, h, k):
    for _ in range(FLIPK[k]):
        h ^= 1 << rng.getrandbits(6)
    return h


class Service:
    """A hosted product calling the API on behalf of its users: one request per step."""
    __slots__ = ('w', 'a', 't0', 'nets', 'lam', 'tab', 'base', 'fams', 'fam_cum', 'fam_p', 'tasks',
                 'task_cum', 'models', 'model_cum', 'sphs', 'max_follow', 'stream_p', 'think_p',
                 'tools_n', 'sys_tok', 'cot', 'endpoint')

    def __init__(self, w, a, *, nets, rate_h, tab, base, fams, fam_cum, fam_p, tasks, task_cum,
                 models, model_cum, sphs, max_follow=4, stream_p=0.5, think_p=0.05, tools_n=0,
                 sys_tok=400, step=False, t_first=0.0):
        self.w, self.a = w, a
        self.nets = nets
        self.lam = rate_h / 3600.0
        self.tab, self.base = tab, base
        self.fams, self.fam_cum, self.fam_p = fams, fam_cum, fam_p
        self.tasks, self.task_cum = tasks, task_cum
        self.models, self.model_cum = models, model_cum
        self.sphs = sphs
        self.max_follow = max_follow
        self.stream_p, self.think_p = stream_p, think_p
        self.tools_n = tools_n
        self.sys_tok = sys_tok
        self.cot = COT_STEP if step else COT
        self.endpoint = 'messages'
        self.t0 = thin_next(w, max(0.0, t_first), self.lam, tab, base)

    def step(self, t):
        w = self.w
        rnd = w.random
        rng = w.rng
        a = self.a
        net = self.nets[int(rnd() * len(self.nets))]
        follow = int(rnd() * (self.max_follow + 1)) if rnd() < 0.5 else 0
        turns = 1 + 2 * follow
        if rnd() < self.fam_p:
            fam = self.fams[bisect.bisect(self.fam_cum, rnd())]
            task = fam.task
        else:
            fam = None
            task = self.tasks[bisect.bisect(self.task_cum, rnd())]
        in_mu, in_sig, out_mu, out_sig = TOK_LOG[task]
        if fam is not None and turns == 1:
            sh = _flip(rng, fam.base, int(rnd() * 20))
            itok = int(fam.in_med * (0.8 + 0.4 * rnd()))
        else:
            sh = rng.getrandbits(64)
            itok = int(rng.lognormvariate(in_mu, in_sig) * (1 + follow))
        if fam is not None:
            otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
            cot = fam.cot_lo + fam.cot_span * rnd()
        else:
            otok = int(rng.lognormvariate(out_mu, out_sig))
            lo, span = self.cot[task]
            cot = lo + span * rnd()
        thinking = rnd() < self.think_p
        if thinking:
            otok += int(rng.lognormvariate(7.0, 0.7))
        sph = self.sphs[int(rnd() * len(self.sphs))] if self.sphs else 'null'
        itok += self.sys_tok if sph != 'null' else 0
        model = self.models[bisect.bisect(self.model_cum, rnd())]
        key = a.keys[int(rnd() * len(a.keys))]
        w.req(a, t, net, model, self.endpoint, task, min(itok, INPUT_CAP), min(otok, OUTPUT_CAP),
              rnd() < self.stream_p, self.tools_n if task == 'tool_use' else 0, turns, thinking, cot,
              sh, sph, key)
        return thin_next(w, t, self.lam, self.tab, self.base)


class Bot:
    """A scheduled integration bot: fires every `period` seconds with millisecond jitter."""
    __slots__ = ('w', 'a', 't0', 'period', 'jitter', 'net', 'fams', 'model', 'sph', 'k', 'sched',
                 'sys_tok')

    def __init__(self, w, a, *, period, jitter, net, fams, model, sph, k=1, sys_tok=600):
        self.w, self.a = w, a
        self.period, self.jitter = period, jitter
        self.net, self.fams, self.model, self.sph, self.k = net, fams, model, sph, k
        self.sys_tok = sys_tok
        self.sched = w.random() * period
        self.t0 = self.sched

    def step(self, t):
        w = self.w
        rnd = w.random
        rng = w.rng
        tt = t
        for j in range(self.k):
            fam = self.fams[j % len(self.fams)]
            itok = int(fam.in_med * (0.8 + 0.4 * rnd())) + self.sys_tok
            otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
            te, st = w.req(self.a, tt, self.net, self.model, 'messages', fam.task, itok, otok, False, 0, 1,
                           False, fam.cot_lo + fam.cot_span * rnd(), _flip(rng, fam.base, int(rnd() * 20)),
                           self.sph)
            tt = te + 0.05 + 0.2 * rnd()
        self.sched += self.period
        return self.sched + self.jitter * (rnd() - 0.5)


class Pipeline:
    """An enterprise job on one key: either periodic batch drops or a steady stream."""
    __slots__ = ('w', 'a', 't0', 'key', 'mode', 'period', 'size', 'spread', 'net', 'fams', 'models',
                 'sph', 'sched', 'sys_tok')

    def __init__(self, w, a, key, *, mode, period, size, spread, net, fams, models, sph, sys_tok):
        self.w, self.a, self.key = w, a, key
        self.mode, self.period, self.size, self.spread = mode, period, size, spread
        self.net, self.fams, self.models, self.sph = net, fams, models, sph
        self.sys_tok = sys_tok
        self.sched = w.random() * period
        self.t0 = self.sched

    def _one(self, t, endpoint):
        w = self.w
        rnd = w.random
        rng = w.rng
        fam = self.fams[int(rnd() * len(self.fams))]
        itok = int(fam.in_med * (0.85 + 0.3 * rnd())) + self.sys_tok
        otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
        model = self.models[int(rnd() * len(self.models))]
        return w.req(self.a, t, self.net, model, endpoint, fam.task, itok, min(otok, OUTPUT_CAP), False, 0, 1,
                     False, fam.cot_lo + fam.cot_span * rnd(), _flip(rng, fam.base, int(rnd() * 20)),
                     self.sph, self.key)

    def step(self, t):
        rnd = self.w.random
        if self.mode == 'batch':
            n = int(self.size * (0.85 + 0.3 * rnd()))
            for _ in range(n):
                self._one(t + self.spread * rnd(), 'batch')
        else:
            self._one(t, 'messages')
        self.sched += self.period
        return self.sched + self.period * 0.02 * (rnd() - 0.5)


class BenchRunner:
    """Evaluation suites: templated, reasoning-heavy items fired with fixed concurrency."""
    __slots__ = ('w', 'a', 't0', 'net', 'suite', 'conc', 'size', 'models', 'think_p', 'gap_h',
                 'nightly_base', 'sph')

    def __init__(self, w, a, *, net, suite, conc, size, models, think_p, gap_h, t_first, sph='null'):
        self.w, self.a = w, a
        self.net, self.suite, self.conc, self.size = net, suite, conc, size
        self.models, self.think_p, self.gap_h = models, think_p, gap_h
        self.sph = sph
        self.t0 = t_first if t_first < w.end else None

    def step(self, t):
        w = self.w
        rnd = w.random
        rng = w.rng
        a = self.a
        # After the release, most runs evaluate the new model.
        if t >= w.release and rnd() < 0.7:
            model = NEW_MODEL
        else:
            model = self.models[int(rnd() * len(self.models))]
        thinking_run = rnd() < self.think_p
        n = int(self.size * (0.7 + 0.6 * rnd()))
        slots = [t + 0.2 * i for i in range(self.conc)]
        i = 0
        retries = 0
        while i < n and retries < n:
            j = min(range(self.conc), key=slots.__getitem__)
            ts = slots[j]
            fam = self.suite[i % len(self.suite)]
            itok = int(fam.in_med * (0.8 + 0.4 * rnd()))
            otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
            if thinking_run:
                otok += int(rng.lognormvariate(7.6, 0.6))
            te, st = w.req(a, ts, self.net, model, 'messages', fam.task, itok, min(otok, OUTPUT_CAP), False, 0, 1,
                           thinking_run, fam.cot_lo + fam.cot_span * rnd(), _flip(rng, fam.base, int(rnd() * 20)),
                           self.sph)
            if st == 429 or st == 529:
                slots[j] = te + 2.0 + 20.0 * rnd()
                retries += 1
            else:
                slots[j] = te + 0.05 + 0.3 * rnd()
                i += 1
        last = max(slots)
        return last + 3600.0 * self.gap_h * (0.6 + 0.8 * rnd())
