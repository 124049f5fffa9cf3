"""Behaviour classes shared by benign accounts and campaigns."""
from .core import Actor, cot_for, MIX_GENERAL
from .text import (diverse, followup, GREETINGS, GREET_CUM, STEPWISE, VOCAB, FUNC)
from .util import poisson, lognorm, geometric, wchoice

_TOOLRES = VOCAB['tool_use'] + VOCAB['coding'] + FUNC


class Person(Actor):
    """Human-paced sessions of conversation turns."""

    DEFAULTS = dict(
        prof=None, rate=0.3, turns_mean=2.5, gap_med=60.0, cats=None, cat_cum=None,
        tpls=None, tpl_p=0.0, sph=None, sp_tok=0, sph_p=1.0, tools_p=0.0, tools=(1, 4),
        think_p=0.05, stream_p=0.5, mix=MIX_GENERAL, greet_first=False, greet_extra=0.0,
        step_p=0.0, min_sessions=1, max_sessions=None, lead=60_000, len_scale=1.0,
        out_med=None, out_sig=0.6, turn_tok=(180, 700), paste_p=0.4, t_from=None, t_to=None,
        endpoint='messages', follow_p=0.35,
    )

    def configure(self, **kw):
        for k, v in self.DEFAULTS.items():
            setattr(self, k, kw.pop(k, v))
        if kw:
            raise TypeError('unknown options %s' % sorted(kw))
        if self.cats is None:
            self.cats = ['chat']
            self.cat_cum = [1.0]
        return self

    def schedule(self):
        rng = self.rng
        ctx = self.ctx
        t0 = self.t_begin(self.lead)
        if self.t_from is not None:
            t0 = max(t0, self.t_from)
        t1 = ctx.end if self.t_to is None else min(ctx.end, self.t_to)
        if t1 <= t0:
            t0 = max(self.t_begin(self.lead), ctx.start)
            t1 = ctx.end
        n = poisson(rng, self.rate * self.prof.mass(t0, t1))
        if n < self.min_sessions:
            n = self.min_sessions
        if self.max_sessions is not None and n > self.max_sessions:
            n = self.max_sessions
        starts = self.prof.sample(rng, t0, t1, n)
        plan = []
        tpls = self.tpls
        for s in starts:
            k = min(40, geometric(rng, self.turns_mean))
            cat = wchoice(rng, self.cats, self.cat_cum)
            tpl = -1
            if tpls and rng.random() < self.tpl_p:
                tpl = rng.randrange(len(tpls))
                cat = tpls[tpl].cat
            t = s
            for j in range(k):
                if t >= t1:
                    break
                plan.append((t, (j + 1, cat, tpl, 0)))
                t += int(lognorm(rng, self.gap_med, 0.8) * 1000) + 1500
        plan.sort(key=lambda x: x[0])
        if self.greet_first and plan:
            plan[0] = (plan[0][0], (1, 'chat', -1, 1))
            if len(plan) > 1 and rng.random() < self.greet_extra:
                plan[1] = (plan[1][0], (1, 'chat', -1, 1))
        self.plan = plan
        self.ensure_plan(lambda: (1, 'chat', -1, 1 if self.greet_first else 0))

    def emit(self, ts, spec):
        turn, cat, tpl, greet = spec
        rng = self.rng
        if greet:
            toks = wchoice(rng, GREETINGS, GREET_CUM)
            model = self.model(ts, self.mix)
            return self.ev(ts, model, 'chat', toks, 0.02 * rng.random(),
                           out=rng.randint(6, 60), stream=rng.random() < self.stream_p)
        if tpl >= 0 and turn == 1:
            T = self.tpls[tpl]
            toks = T.fill(rng)
            cot = T.cot_value(rng)
        elif turn > 1 and rng.random() < self.follow_p:
            toks = followup(rng, cat)
            cot = cot_for(rng, cat) * 0.6
        else:
            toks = diverse(rng, cat, self.len_scale)
            cot = cot_for(rng, cat)
            if self.step_p and rng.random() < self.step_p:
                toks = toks + STEPWISE
                cot = 0.5 + 0.4 * rng.random()
        thinking = rng.random() < self.think_p
        tools = 0
        if self.tools_p and rng.random() < self.tools_p:
            tools = rng.randint(*self.tools)
        sph = self.sph if (self.sph and rng.random() < self.sph_p) else None
        hist = 0 if turn == 1 else (turn - 1) * rng.randint(*self.turn_tok)
        extra = 0
        if cat == 'coding' and rng.random() < self.paste_p:
            extra = int(lognorm(rng, 500, 1.0))
        out = None
        if self.out_med:
            out = int(lognorm(rng, self.out_med, self.out_sig))
        return self.ev(ts, self.model(ts, self.mix), cat, toks, cot, sph=sph,
                       sp_tok=self.sp_tok if sph else 0, tools=tools, turns=2 * turn - 1,
                       hist=hist, thinking=thinking, out=out, extra_in=extra,
                       stream=rng.random() < self.stream_p, endpoint=self.endpoint)


class Agent(Actor):
    """Agent loop: a task is many quick model calls with tool definitions and growing context."""

    DEFAULTS = dict(
        prof=None, rate=0.25, steps_mean=14, step_gap=9.0, sph=None, sp_tok=9000,
        tools=12, think_p=0.2, mix=None, stream_p=0.95, task_cats=('coding',), lead=60_000,
        tpls=None, tpl_p=0.0, cot_max=0.12, out_med=320, ctx_step=(900, 3500), t_from=None,
        min_sessions=1, tool_frac=0.4, idle=None, count_p=0.0,
    )

    def configure(self, **kw):
        for k, v in self.DEFAULTS.items():
            setattr(self, k, kw.pop(k, v))
        if kw:
            raise TypeError('unknown options %s' % sorted(kw))
        return self

    def schedule(self):
        rng = self.rng
        ctx = self.ctx
        t0 = self.t_begin(self.lead)
        if self.t_from is not None:
            t0 = max(t0, self.t_from)
        t1 = ctx.end
        if t1 <= t0:
            t0 = self.t_begin(self.lead)
        plan = []
        if self.idle is None:
            n = max(self.min_sessions, poisson(rng, self.rate * self.prof.mass(t0, t1)))
            starts = self.prof.sample(rng, t0, t1, n)
        else:
            # back-to-back tasks separated by idle gaps (machine operated)
            starts = []
            t = t0 + int(rng.random() * self.idle[1] * 1000)
            while t < t1:
                starts.append(t)
                t += int(self.steps_mean * self.step_gap * 1000 * rng.uniform(0.7, 1.3)) \
                    + int(rng.uniform(*self.idle) * 1000)
        for s in starts:
            k = min(150, geometric(rng, self.steps_mean))
            cat = self.task_cats[rng.randrange(len(self.task_cats))]
            tpl = -1
            if self.tpls and rng.random() < self.tpl_p:
                tpl = rng.randrange(len(self.tpls))
            t = s
            for j in range(k):
                if t >= t1:
                    break
                plan.append((t, (j + 1, cat, tpl)))
                t += int(lognorm(rng, self.step_gap, 0.55) * 1000) + 800
        plan.sort(key=lambda x: x[0])
        self.plan = plan
        self.ensure_plan(lambda: (1, self.task_cats[0], -1))

    def emit(self, ts, spec):
        step, cat, tpl = spec
        rng = self.rng
        if step == 1:
            if tpl >= 0:
                T = self.tpls[tpl]
                toks = T.fill(rng)
            else:
                toks = diverse(rng, cat)
            c = cat
        else:
            toks = rng.choices(_TOOLRES, k=rng.randint(12, 70))
            c = 'tool_use' if rng.random() < self.tool_frac else cat
        hist = 0
        if step > 1:
            per = rng.randint(*self.ctx_step)
            hist = (step - 1) * per
            if hist > 150_000:  # context compaction
                hist = 30_000 + hist % 90_000
        cot = self.cot_max * rng.random() ** 2
        if self.count_p and rng.random() < self.count_p:
            return self.ev(ts, self.model(ts, self.mix), c, toks, cot, sph=self.sph,
                           sp_tok=self.sp_tok, tools=self.tools, turns=2 * step - 1, hist=hist,
                           endpoint='count_tokens')
        return self.ev(ts, self.model(ts, self.mix), c, toks, cot, sph=self.sph,
                       sp_tok=self.sp_tok, tools=self.tools, turns=2 * step - 1, hist=hist,
                       thinking=rng.random() < self.think_p,
                       out=int(lognorm(rng, self.out_med, 0.8)),
                       stream=rng.random() < self.stream_p)


class Periodic(Actor):
    """Machine-regular requests: a bot or a scheduled job."""

    DEFAULTS = dict(period=600.0, jitter=1.5, tpls=None, mix=None, sph=None, sp_tok=0,
                    stream_p=0.0, t_from=None, t_to=None, out_med=250, out_sig=0.5, cot=(0.0, 0.05),
                    endpoint='messages', think_p=0.0, skip_p=0.01, lead=60_000, tools=0)

    def configure(self, **kw):
        for k, v in self.DEFAULTS.items():
            setattr(self, k, kw.pop(k, v))
        if kw:
            raise TypeError('unknown options %s' % sorted(kw))
        return self

    def schedule(self):
        rng = self.rng
        ctx = self.ctx
        t0 = self.t_begin(self.lead)
        if self.t_from is not None:
            t0 = max(t0, self.t_from)
        t1 = ctx.end if self.t_to is None else min(ctx.end, self.t_to)
        per = self.period * 1000
        t = t0 + rng.random() * per
        plan = []
        while t < t1:
            if rng.random() >= self.skip_p:
                x = int(t + rng.gauss(0.0, self.jitter * 1000))
                if t0 <= x < t1:
                    plan.append((x, 0))
            t += per
        plan.sort(key=lambda x: x[0])
        self.plan = plan
        self.ensure_plan(lambda: 0)

    def emit(self, ts, spec):
        rng = self.rng
        T = self.tpls[rng.randrange(len(self.tpls))]
        toks = T.fill(rng)
        lo, hi = self.cot
        return self.ev(ts, self.model(ts, self.mix), T.cat, toks, lo + (hi - lo) * rng.random(),
                       sph=self.sph, sp_tok=self.sp_tok, tools=self.tools,
                       thinking=rng.random() < self.think_p,
                       out=int(lognorm(rng, self.out_med, self.out_sig)),
                       stream=rng.random() < self.stream_p, endpoint=self.endpoint)


class Runner(Actor):
    """Runs: bursts of many templated requests (evals, scripts, batch jobs).

    runs: list of dicts with keys t (start ms), n (requests), dur (ms), tpl (Template),
    model, think_p, endpoint, sph, out_med, cot (lo, hi), key.
    """

    DEFAULTS = dict(runs=None, stream_p=0.0, sp_tok=0, out_sig=0.6, tools=0)

    def configure(self, **kw):
        for k, v in self.DEFAULTS.items():
            setattr(self, k, kw.pop(k, v))
        if kw:
            raise TypeError('unknown options %s' % sorted(kw))
        return self

    def schedule(self):
        rng = self.rng
        ctx = self.ctx
        t0 = self.t_begin()
        plan = []
        for ri, run in enumerate(self.runs):
            s = max(t0, run['t'])
            dur = max(60_000, run['dur'])
            n = run['n']
            if run.get('regular'):
                per = run['regular'] * 1000.0
                x = s + rng.random() * per
                while x < s + dur and x < ctx.end:
                    y = int(x + rng.gauss(0.0, 350.0))
                    if t0 <= y < ctx.end:
                        plan.append((y, ri))
                    x += per
            elif run.get('endpoint') == 'batch':
                # a batch completes over a stretch after submission; completions cluster early
                for _ in range(n):
                    x = s + int(dur * rng.random() ** 1.7)
                    if x < ctx.end:
                        plan.append((x, ri))
            else:
                for _ in range(n):
                    x = s + int(dur * rng.random())
                    if x < ctx.end:
                        plan.append((x, ri))
        plan.sort(key=lambda x: x[0])
        self.plan = plan
        self.ensure_plan(lambda: 0)

    def emit(self, ts, ri):
        rng = self.rng
        run = self.runs[ri]
        T = run['tpl']
        toks = T.fill(rng)
        lo, hi = run.get('cot', T.cot)
        ep = run.get('endpoint', 'messages')
        return self.ev(ts, run['model'], T.cat, toks, lo + (hi - lo) * rng.random(),
                       sph=run.get('sph'), sp_tok=self.sp_tok if run.get('sph') else 0,
                       tools=self.tools, thinking=rng.random() < run.get('think_p', 0.0),
                       out=int(lognorm(rng, run.get('out_med', 600), self.out_sig)),
                       stream=rng.random() < self.stream_p, endpoint=ep,
                       key=run.get('key'), queue_ms=run.get('queue', 0) if ep == 'batch' else 0)
