"""Reusable per-account request generators.

Every generator yields ``(ts_ms, json_line)`` with non-decreasing ``ts_ms``
(the completion time of the request) and stops at the end of the world.
"""
from __future__ import annotations

from .core import (
    CAT, GREET_PICK, HOUR, NEW_MODEL, cot_for, drift, geometric_count,
    in_tokens, lognorm, out_tokens,
)


class Persona:
    """Parameters of an interactive (session-based) account."""

    __slots__ = (
        "A", "keys", "start", "end", "rate", "curve", "tz_ms", "mod", "mod_max",
        "sess_mean", "conv_mean", "gap_med", "gap_sig", "cats", "models",
        "adopt_t", "new_p", "net", "rotate", "ua", "prompt", "sp", "agent",
        "agent_tools", "tool_hi", "stream_p", "think_p", "p400", "p429", "greet",
        "script_p", "script", "cot", "out_mult", "in_mult", "ep", "follow_cot",
    )

    def __init__(self, A, **kw):
        self.A = A
        self.keys = kw.pop("keys")
        self.start = kw.pop("start")
        self.end = kw.pop("end")
        self.rate = kw.pop("rate")
        self.curve = kw.pop("curve")
        self.tz_ms = int(kw.pop("tz", 0.0) * HOUR)
        self.mod = kw.pop("mod", None)
        self.mod_max = kw.pop("mod_max", 1.0)
        self.sess_mean = kw.pop("sess_mean", 4.0)
        self.conv_mean = kw.pop("conv_mean", 2.0)
        self.gap_med = kw.pop("gap_med", 60.0)
        self.gap_sig = kw.pop("gap_sig", 0.8)
        self.cats = kw.pop("cats")
        self.models = kw.pop("models")
        self.adopt_t = kw.pop("adopt_t", None)
        self.new_p = kw.pop("new_p", 0.0)
        self.net = kw.pop("net")
        self.rotate = kw.pop("rotate", False)
        self.ua = kw.pop("ua")
        self.prompt = kw.pop("prompt")
        self.sp = kw.pop("sp")
        self.agent = kw.pop("agent", False)
        self.agent_tools = kw.pop("agent_tools", 0)
        self.tool_hi = kw.pop("tool_hi", 8)
        self.stream_p = kw.pop("stream_p", 0.5)
        self.think_p = kw.pop("think_p", 0.1)
        self.p400 = kw.pop("p400", 0.006)
        self.p429 = kw.pop("p429", 0.004)
        self.greet = kw.pop("greet", False)
        self.script_p = kw.pop("script_p", 0.0)
        self.script = kw.pop("script", None)  # dict(tpl, cat, sp, len, gap, in_med, out_med)
        self.cot = kw.pop("cot", None)        # callable(rng, cat, templated) or None
        self.out_mult = kw.pop("out_mult", 1.0)
        self.in_mult = kw.pop("in_mult", 1.0)
        self.ep = kw.pop("ep", "messages")
        self.follow_cot = kw.pop("follow_cot", 0.6)
        if kw:
            raise TypeError(f"unknown persona fields {sorted(kw)}")

    def model(self, rng, t):
        if self.adopt_t is not None and t >= self.adopt_t and rng.random() < self.new_p:
            return NEW_MODEL
        return self.models.pick(rng)


def human_gen(W, P: Persona):
    """Sessions arrive as a diurnally thinned Poisson process; a session is a
    handful of requests grouped in multi-turn conversations (or agent loops,
    or a short personal script run)."""
    rng = W.rng
    A = P.A
    end = min(P.end, W.end)
    t = P.start
    curve = P.curve
    tzms = P.tz_ms
    mod = P.mod
    peak = P.rate * P.mod_max
    if peak <= 0 or t >= end:
        return
    mean_gap = HOUR / peak
    greet = P.greet
    ua = P.ua
    ep = P.ep
    keys = P.keys
    line = W.line
    outcome = W.outcome
    while True:
        while True:  # next session start (thinning)
            t += int(rng.expovariate(1.0) * mean_gap)
            if t >= end:
                return
            w = curve[((t + tzms) // HOUR) % 24]
            if mod is not None:
                w *= mod(t) / P.mod_max
            if rng.random() < w:
                break
        key = keys[0] if (len(keys) == 1 or rng.random() < 0.8) else keys[rng.randrange(len(keys))]
        net = P.net(rng)

        if greet:  # a brand-new key's first request: "hi" / "test"
            greet = False
            model = P.model(rng, t)
            itok = rng.randint(8, 22)
            st, otok, lat = outcome(rng, t, model, itok, rng.randint(9, 60), P.p400 * 0.5, 0.0)
            t += lat
            if t >= end:
                return
            yield line(A, t, key, net, ua, model, ep, st, itok, otok, lat, rng.random() < P.stream_p,
                       0, 1, False, "chat", rng.random() * 0.03, GREET_PICK.pick(rng), "null")
            t += int(lognorm(rng, P.gap_med, P.gap_sig) * 1000)

        if P.script_p and rng.random() < P.script_p:
            S = P.script
            model = P.model(rng, t)
            cat = S["cat"]
            tpl = S["tpl"]
            for _ in range(rng.randint(*S["len"])):
                itok = max(8, int(lognorm(rng, S["in_med"], 0.25)))
                st, otok, lat = outcome(rng, t, model, itok,
                                        max(1, int(lognorm(rng, S["out_med"], 0.4))), P.p400, P.p429 * 3)
                t += lat
                if t >= end:
                    return
                yield line(A, t, key, net, ua, model, ep, st, itok, otok, lat, False, 0, 1, False,
                           cat, cot_for(rng, cat), tpl.draw(rng), S["sp"])
                t += int(lognorm(rng, S["gap"], 0.5) * 1000)
            continue

        left = 0
        turns = 1
        ctx = 0
        sh = 0
        cat = "chat"
        model = ""
        spf = "null"
        tools = 0
        thinking = False
        stream = False
        templated = False
        for _ in range(geometric_count(rng, P.sess_mean)):
            if left <= 0:
                cat = P.cats.pick(rng)
                model = P.model(rng, t)
                sh, templated = P.prompt(rng, cat)
                spf, sptok = P.sp(rng)
                turns = 1
                ctx = sptok
                if P.agent:
                    tools = P.agent_tools
                elif cat == "tool_use":
                    tools = rng.randint(1, P.tool_hi)
                elif cat == "coding" and rng.random() < 0.2:
                    tools = rng.randint(1, 5)
                else:
                    tools = 0
                thinking = rng.random() < P.think_p * CAT[cat][7]
                stream = rng.random() < P.stream_p
                left = geometric_count(rng, P.conv_mean)
                itok = ctx + int(in_tokens(rng, cat) * P.in_mult)
                cot = P.cot(rng, cat, templated) if P.cot is not None else cot_for(rng, cat)
            else:
                turns += 2
                sh = drift(rng, sh)
                if P.agent:
                    itok = ctx + int(lognorm(rng, 900, 1.1))
                else:
                    itok = ctx + int(in_tokens(rng, cat) * 0.35 * P.in_mult)
                cot = cot_for(rng, cat) * P.follow_cot
            if itok > 190_000:  # context compaction
                itok = 20_000 + int(itok * 0.1)
            left -= 1
            if P.agent:
                ot = max(20, int(lognorm(rng, 320, 0.9)))
            else:
                ot = int(out_tokens(rng, cat) * P.out_mult)
            if thinking:
                ot += int(lognorm(rng, 1400, 0.8))
            if ot > 32000:
                ot = 32000
            st, otok, lat = outcome(rng, t, model, itok, ot, P.p400, P.p429)
            t += lat
            if t >= end:
                return
            yield line(A, t, key, net, ua, model, ep, st, itok, otok, lat, stream, tools, turns,
                       thinking, cat, cot, sh, spf)
            ctx = itok + otok
            if P.agent:
                g = lognorm(rng, 3.0, 0.8) if rng.random() < 0.85 else lognorm(rng, P.gap_med, P.gap_sig)
            else:
                g = lognorm(rng, P.gap_med, P.gap_sig)
            t += int(g * 1000)
            if P.rotate:
                net = P.net(rng)


def regular_gen(W, A, *, key, net, ua, model, sp, tpl, cat, period_s, jitter_s, start,
                in_med, out_med, in_sig=0.2, out_sig=0.35, burst=1, curve=None, tz_ms=0,
                cot=(0.0, 0.1), tools=0, p400=0.002, p429=0.002, stream=False, end=None,
                drift_p=0.0, thinking=False):
    """Machine-regular caller (cron bots, pollers, stream jobs)."""
    rng = W.rng
    end = W.end if end is None else min(end, W.end)
    t = start
    last = start
    line = W.line
    while t < end:
        for _ in range(burst):
            itok = max(5, int(lognorm(rng, in_med, in_sig)))
            ot = max(1, int(lognorm(rng, out_med, out_sig)))
            st, otok, lat = W.outcome(rng, t, model, itok, ot, p400, p429)
            done = t + lat
            if done < last:
                done = last
            if done >= end:
                return
            last = done
            yield line(A, done, key, net, ua, model, "messages", st, itok, otok, lat, stream, tools, 1,
                       thinking, cat, cot[0] + (cot[1] - cot[0]) * rng.random(), tpl.draw(rng), sp)
        p = period_s
        if curve is not None:
            p = p / max(0.05, curve[((t + tz_ms) // HOUR) % 24])
        t += int((p + rng.uniform(-jitter_s, jitter_s)) * 1000)


def batch_gen(W, A, *, key, net, ua, model, sp, tpls, cat, every_s, size, start, in_med, out_med,
              cot=(0.0, 0.12)):
    """Message-batch job: every so often a batch of templated requests completes
    in a burst (endpoint ``batch``; latency = time in the queue)."""
    rng = W.rng
    end = W.end
    sub = start
    t = start
    line = W.line
    while sub < end:
        done_base = sub + int(rng.uniform(4, 40) * 60_000)
        t = max(t, done_base)
        tpl = tpls[rng.randrange(len(tpls))]
        for _ in range(rng.randint(*size)):
            t += int(rng.expovariate(1.0) * 450)
            if t >= end:
                return
            itok = max(5, int(lognorm(rng, in_med, 0.3)))
            u = rng.random()
            if u < 0.004:
                st, otok = 400, 0
            else:
                st, otok = 200, max(1, int(lognorm(rng, out_med, 0.4)))
            yield line(A, t, key, net, ua, model, "batch", st, itok, otok, t - sub, False, 0, 1, False,
                       cat, cot[0] + (cot[1] - cot[0]) * rng.random(), tpl.draw(rng), sp)
        sub += int(every_s * rng.uniform(0.8, 1.2) * 1000)


def bench_gen(W, A, *, keys, net, ua, suites, run_starts, models_fn, p429):
    """Benchmark researcher: templated, reasoning-heavy suites run in heavy
    bursts at some concurrency."""
    rng = W.rng
    end = W.end
    t = 0
    line = W.line
    for rs in run_starts:
        t = max(t, rs)
        if t >= end:
            return
        suite = suites[rng.randrange(len(suites))]
        tpl, s_in, s_out, s_cat, s_sp = suite
        models = models_fn(rng, t)
        n = rng.randint(120, 900)
        conc = rng.randint(2, 8)
        thinking = rng.random() < 0.45
        key = keys[rng.randrange(len(keys))]
        for i in range(n):
            model = models[i % len(models)]
            itok = max(20, int(lognorm(rng, s_in, 0.35)))
            ot = int(lognorm(rng, s_out, 0.6)) + (int(lognorm(rng, 2500, 0.7)) if thinking else 0)
            st, otok, lat = W.outcome(rng, t, model, itok, min(ot, 32000), 0.002, p429)
            t += int(lat / conc * (0.4 + 1.2 * rng.random())) + 5
            if t >= end:
                return
            yield line(A, t, key, net, ua, model, "messages", st, itok, otok, lat, False, 0, 1, thinking,
                       s_cat, 0.7 + 0.3 * rng.random(), tpl.draw(rng), s_sp)
