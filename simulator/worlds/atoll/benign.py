"""Benign population: background personas plus clustered benign groups
(hard negatives that overlap the campaigns on some features)."""
import math

from . import text as TX
from .core import (DAY, HOUR, MIN, SEC, NEW_MODEL, MODELS_GENERAL, MODELS_CODE, MODELS_CHEAP, UA_SDK_VC,
                   UA_DEV_VC, CATS_CASUAL, CATS_DEV, CATS_STUDENT, CATS_WRITER, cum_of, pick, ln, cot_for,
                   clamp01, sp_json)
from .net import COUNTRIES

MG = cum_of(MODELS_GENERAL)
MC = cum_of(MODELS_CODE)
MCH = cum_of(MODELS_CHEAP)


# ---------------------------------------------------------------- helpers
_ccvc = {}


def cc_vc(W, prof):
    v = _ccvc.get((id(W), prof))
    if v is None:
        items = []
        for cc, c in COUNTRIES.items():
            act = sum(w * W.activity(tz, prof) for tz, w in c[1]) / sum(w for _, w in c[1])
            items.append((cc, c[0] * (0.05 + act)))
        v = cum_of(items)
        _ccvc[(id(W), prof)] = v
    return v


def age_ms(r, median_days=140, sigma=1.1, new_p=0.06):
    if r.random() < new_p:
        return int(r.uniform(0.05, 3.0) * DAY)
    return int(min(1150.0, max(0.5, ln(r, median_days, sigma))) * DAY)


def model_pref(r, base):
    """Account-level model preference: a primary model with occasional others."""
    primary = pick(r, base)
    vals, cum = base
    return cum_of([(primary, 85)] + [(v, 15.0 * (c - (cum[i - 1] if i else 0)) / cum[-1])
                                      for i, (v, c) in enumerate(zip(vals, cum))])


def person(W, r, owner, prof="human", cc=None, pay_p=0.55, org=None, pay=None, created=None, nkeys=1,
           models=MG, median_age=140, new_p=0.06, home=True):
    if cc is None:
        cc = pick(r, cc_vc(W, prof))
    tz = W.net.tz_of(r, cc)
    if created is None:
        created = W.t0 - age_ms(r, median_age, 1.1, new_p)
    if pay is None and org is None and r.random() < pay_p:
        pay = W.pay_fp(r)
    a = W.new_account(r, created, org, pay, nkeys, owner, cc, tz)
    a.mp = model_pref(r, models)
    a.ua = pick(r, UA_SDK_VC)
    if home and cc in COUNTRIES:
        a.home = W.net.residential(r, cc)
        if r.random() < 0.25:
            a.locs = ([W.net.mobile(r, cc)], 0.8)
    return a


def session_loc(r, a):
    if a.locs is None:
        return a.home
    lst, p_home = a.locs
    if a.home is not None and r.random() < p_home:
        return a.home
    return lst[int(r.random() * len(lst))]


def split(r, n, k):
    if k <= 1:
        return [n]
    cuts = sorted(r.randint(0, n) for _ in range(k - 1))
    out, prev = [], 0
    for c in cuts + [n]:
        out.append(c - prev)
        prev = c
    return [x for x in out if x > 0] or [n]


def run_sessions(W, r, a, n, prof, make, think_med=50.0, think_sig=0.9, new_conv_p=0.3, max_sess=4):
    if n <= 0:
        return
    ns = 1 if n <= 2 else r.randint(1, min(max_sess, max(1, n // 3)))
    idx = 0
    for c in split(r, n, ns):
        t = W.sample_t(r, a.tz, prof)
        if t < a.created:
            t = a.created + r.randint(20 * SEC, 10 * MIN)
        loc = session_loc(r, a)
        turns = 1
        for _ in range(c):
            ts = make(t, turns, idx, loc)
            idx += 1
            if ts is None or ts >= W.t1:
                break
            t = ts + int(1000 * ln(r, think_med, think_sig)) + 300
            if r.random() < new_conv_p:
                turns = 1
            else:
                turns += 2


def enable_adoption(r, a, p, lo, hi, ramp_h=(0.5, 3.0)):
    if r.random() < p:
        a.adopt = r.uniform(lo, hi)
        a.ramp = int(r.uniform(*ramp_h) * HOUR)


# ---------------------------------------------------------------- personas
def act_chat(W, r, a, n, prof="human", cats=CATS_CASUAL, greet=False, cot_boost=0.0, tpl=None,
             out_med=330, think_med=55.0, tools_p=0.04):
    def make(t, turns, idx, loc):
        if idx == 0 and greet:
            return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages", r.randint(8, 40),
                          r.randint(8, 80), r.random() < a.stream_p, 0, 1, False, "chat", r.random() * 0.02,
                          TX.greeting(r), a.sph)
        if tpl is not None and r.random() < tpl[1]:
            tp = tpl[0][int(r.random() * len(tpl[0]))]
            cat = tp.cat
            sh = tp.draw(r)
        else:
            cat = pick(r, cats)
            sh = TX.rand_prompt(r, cat, r.randint(5, 30))
        itok = ln(r, 170, .9) + (turns - 1) * ln(r, 260, .6) + (1400 if cat == "vision" else 0)
        otok = ln(r, out_med * (2.0 if cat == "writing" else 1.0), .8)
        think = r.random() < a.think_p
        if think:
            otok += ln(r, 900, .8)
        tools = 0 if r.random() > tools_p else r.randint(1, 3)
        return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages", itok + tools * 220, otok,
                      r.random() < a.stream_p, tools, turns, think, cat, cot_for(r, cat, cot_boost), sh, a.sph)
    run_sessions(W, r, a, n, prof, make, think_med=think_med)


def act_dev(W, r, a, n, prof="dev", tpl=None, sph_p=0.6):
    own_sph = a.sph
    ua2 = pick(r, UA_DEV_VC) if r.random() < 0.12 else None
    p429 = 0.0 if r.random() < 0.9 else r.uniform(0.002, 0.03)

    def make(t, turns, idx, loc):
        if tpl is not None and r.random() < tpl[1]:
            tp = tpl[0][int(r.random() * len(tpl[0]))]
            cat = tp.cat
            sh = tp.draw(r)
        else:
            cat = pick(r, CATS_DEV)
            sh = TX.rand_prompt(r, cat, r.randint(6, 35))
        tools = 0
        if cat == "tool_use" or r.random() < 0.25:
            tools = r.randint(1, 9)
        itok = ln(r, 1800, 1.1) + (turns - 1) * ln(r, 500, .7) + tools * r.randint(150, 400)
        otok = ln(r, 650, .9)
        think = r.random() < a.think_p
        if think:
            otok += ln(r, 1500, .9)
        key = a.keys[int(r.random() * len(a.keys))]
        ua = a.ua if ua2 is None or r.random() < 0.75 else ua2
        return W.send(r, a, t, key, loc, ua, W.model(r, a, t), "messages", itok, otok,
                      r.random() < a.stream_p, tools, turns, think, cat, cot_for(r, cat),
                      sh, own_sph if r.random() < sph_p else "null", p429=p429, perr=0.015)
    run_sessions(W, r, a, n, prof, make, think_med=70.0, think_sig=1.1, new_conv_p=0.35, max_sess=5)


def act_app(W, r, a, n, cat=None, tpls=None, sph=None, prof=None, p429=0.0):
    """A production backend: templated traffic at machine pace, following its users' day."""
    if cat is None:
        cat = r.choice(["chat", "chat", "writing", "analysis", "analysis", "coding", "other", "vision"])
    if tpls is None:
        tpls = [TX.make_template(r, cat) for _ in range(r.randint(1, 3))]
    sphs = [sph or sp_json("app:%s:%d" % (a.id, i)) for i in range(len(tpls))]
    prof = prof or r.choice(["human", "human", "flat", "dev"])
    multi = cat == "chat" and r.random() < 0.6
    stream = r.random() < 0.5
    think = r.random() < 0.1
    otmed = ln(r, 300, .6)
    itmed = ln(r, 1200, .8)
    times = sorted(W.sample_t(r, a.tz, prof) for _ in range(n))
    for t in times:
        if t < a.created:
            continue
        i = int(r.random() * len(tpls))
        turns = (1 + 2 * int(r.expovariate(0.5))) if multi else 1
        itok = ln(r, itmed, .5) + (turns - 1) * 180 + (1200 if cat == "vision" else 0)
        loc = a.locs[0][int(r.random() * len(a.locs[0]))]
        W.send(r, a, t, a.keys[int(r.random() * len(a.keys))], loc, a.ua, W.model(r, a, t), "messages", itok,
               ln(r, otmed, .6), stream, a.extra or 0, turns, think, cat, cot_for(r, cat) * 0.4,
               tpls[i].draw(r), sphs[i], p429=p429, perr=0.004)


# ---------------------------------------------------------------- background
def background(W, r, n):
    kinds = cum_of([("casual", 58), ("dev", 24), ("app", 3), ("student", 7), ("writer", 8)])
    for _ in range(n):
        k = pick(r, kinds)
        if k == "casual":
            a = person(W, r, ("b", None), "human", pay_p=0.5)
            new = W.t0 - a.created < 3 * DAY
            a.stream_p = r.choice([0.1, 0.6, 0.9])
            a.think_p = 0.03
            if r.random() < 0.08:
                a.sph = sp_json("own:" + a.id)
            enable_adoption(r, a, 0.05, 0.1, 0.4)
            act_chat(W, r, a, 1 + min(40, int(r.expovariate(1 / 2.2))), greet=new and r.random() < 0.7)
        elif k == "dev":
            a = person(W, r, ("b", None), "dev", pay_p=0.8, nkeys=r.choice([1, 1, 1, 2, 3]), models=MC,
                       median_age=220)
            a.ua = pick(r, UA_DEV_VC)
            a.think_p = r.uniform(0.05, 0.4)
            a.stream_p = r.choice([0.1, 0.5, 0.9])
            a.sph = sp_json("dev:" + a.id)
            enable_adoption(r, a, 0.3, 0.05, 0.4)
            tpl = None
            if r.random() < 0.4:
                tpl = ([TX.make_template(r, pick(r, CATS_DEV)) for _ in range(r.randint(1, 3))], r.uniform(.2, .6))
            act_dev(W, r, a, min(400, max(1, int(ln(r, 10, 1.0)))), tpl=tpl)
        elif k == "app":
            org = W.org_id(r) if r.random() < 0.6 else None
            a = person(W, r, ("b", None), "human", pay_p=1.0, org=org, pay=W.pay_fp(r),
                       nkeys=r.randint(1, 3), models=r.choice([MG, MCH, MC]), median_age=300, new_p=0.0,
                       home=False)
            a.ua = pick(r, UA_DEV_VC)
            prov = r.choice(["aws", "aws", "gcp", "azure", "digitalocean", "hetzner", "vultr", "ovh"])
            a.locs = (W.net.hosting_block(r, prov, a.cc, r.randint(1, 4)), 0.0)
            a.extra = 0 if r.random() < 0.7 else r.randint(1, 6)
            n = min(3000, max(5, int(ln(r, 60, 1.2) * W.H / 8.0)))
            act_app(W, r, a, n, p429=0.01 if n > 800 else 0.0)
        elif k == "student":
            a = person(W, r, ("b", None), "student", pay_p=0.2, median_age=60, new_p=0.15)
            a.think_p = 0.1
            if W.t0 - a.created < 3 * DAY and r.random() < 0.5:
                greet = True
            else:
                greet = False
            act_chat(W, r, a, max(1, int(ln(r, 6, .8))), prof="student", cats=CATS_STUDENT, greet=greet,
                     cot_boost=r.uniform(0.05, 0.3), out_med=600)
        else:
            a = person(W, r, ("b", None), "human", pay_p=0.7)
            a.think_p = 0.05
            a.stream_p = 0.8
            if r.random() < 0.3:
                a.sph = sp_json("writer:" + a.id)
            act_chat(W, r, a, max(1, int(ln(r, 5, .8))), cats=CATS_WRITER, out_med=700, think_med=120.0)


# ---------------------------------------------------------------- groups
def g_cohort(W, r, idx, size):
    name = W.add_group("course-cohort-%02d" % idx, "course_cohort")
    asn, cc, tz, nat = W.net.campus(r, r.randint(1, 3))
    course_model = r.choice(["claude-haiku-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"])
    mp = cum_of([(course_model, 90), ("claude-sonnet-4-5", 7), ("claude-opus-4-5", 3)])
    ua = r.choice(["anthropic-python/0.72.1", "anthropic-python/0.74.1", "anthropic-python/0.69.0"])
    tpls = [TX.make_template(r, r.choice(["reasoning", "reasoning", "coding"]), cot=True)
            for _ in range(r.randint(2, 4))]
    sph = sp_json("course:%d:%d" % (W.seed, idx))
    wave = W.t0 - int(r.uniform(2, 25) * DAY)
    dl = None
    if r.random() < 0.65:
        dl = W.t0 + int(r.uniform(0.4, 0.98) * (W.t1 - W.t0))
    for _ in range(size):
        if r.random() < 0.8:
            created = wave + int(r.uniform(0, 36) * HOUR)
        else:
            created = W.t0 - int(ln(r, 200, .8) * DAY)
        pay = None if r.random() < 0.9 else W.pay_fp(r)
        a = W.new_account(r, created, None, pay, 1, ("b", name), cc, tz)
        a.ua = ua if r.random() < 0.85 else pick(r, UA_DEV_VC)
        a.mp = mp
        a.home = nat[int(r.random() * len(nat))]
        if r.random() < 0.3 and cc in COUNTRIES:
            a.locs = ([W.net.residential(r, cc)], 0.4)
        a.sph = sph if r.random() < 0.7 else "null"
        a.stream_p = 0.2
        n = max(1, int(ln(r, 8, 0.7)))

        def req(t, turns, loc, a=a):
            if r.random() < 0.7:
                tp = tpls[int(r.random() * len(tpls))]
                cat, sh = tp.cat, tp.draw(r)
                cot = clamp01(r.betavariate(6, 3))
            else:
                cat = pick(r, CATS_STUDENT)
                sh = TX.rand_prompt(r, cat, r.randint(6, 25))
                cot = cot_for(r, cat, 0.2)
            think = r.random() < 0.12
            otok = ln(r, 700, .7) + (ln(r, 1500, .7) if think else 0)
            return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages",
                          ln(r, 350, .6) + (turns - 1) * ln(r, 500, .5), otok, r.random() < a.stream_p, 0,
                          turns, think, cat, cot, sh, a.sph, perr=0.02)

        if dl is not None and r.random() < 0.85:
            times = []
            for _ in range(n):
                x = dl - int(ln(r, 55, 0.8) * MIN)
                if x < W.t0:
                    x = dl - int(r.random() * (dl - W.t0))
                times.append(x)
            times.sort()
            loc = session_loc(r, a)
            prev, turns = 0, 1
            for t in times:
                t = max(t, prev + r.randint(5, 40) * SEC, a.created + MIN)
                ts = req(t, turns, loc)
                if ts is None:
                    break
                prev = ts
                turns = 1 if r.random() < 0.5 else turns + 2
        else:
            run_sessions(W, r, a, n, "student", lambda t, turns, idx, loc: req(t, turns, loc))


def g_team(W, r, idx, size):
    name = W.add_group("team-%03d" % idx, "team")
    cc = pick(r, cc_vc(W, "office"))
    tz = W.net.tz_of(r, cc)
    corp = [x for x in ("US", "DE", "SE", "NL", "IN", "JP", "GB") if x == cc]
    if corp:
        _, office = W.net.corporate(r, cc, r.randint(1, 2))
    else:
        office = [W.net.residential(r, cc, remember=False)]
    org, pay = W.org_id(r), W.pay_fp(r)
    sph = sp_json("team:%d:%d" % (W.seed, idx))
    ua = pick(r, UA_DEV_VC)
    tpls = [TX.make_template(r, r.choice(["coding", "writing", "analysis"])) for _ in range(r.randint(1, 3))]
    org_created = W.t0 - int(ln(r, 220, .8) * DAY)
    for _ in range(size):
        created = org_created + int(r.random() * (W.t0 - org_created) * 0.8)
        a = person(W, r, ("b", name), "office", cc=cc, org=org, pay=pay, created=created, models=MC)
        a.tz = tz
        a.ua = ua if r.random() < 0.7 else pick(r, UA_DEV_VC)
        a.locs = (office, 0.25)
        a.sph = sph
        a.think_p = r.uniform(0.05, 0.3)
        enable_adoption(r, a, 0.2, 0.05, 0.3)
        n = max(1, int(ln(r, 12, .8)))
        role = r.random()
        if role < 0.6:
            act_dev(W, r, a, n, prof="office", tpl=(tpls, 0.3), sph_p=0.8)
        elif role < 0.85:
            act_chat(W, r, a, n, prof="office", cats=CATS_WRITER, tpl=(tpls, 0.3), out_med=600)
        else:
            act_chat(W, r, a, n, prof="office", tpl=(tpls, 0.2))


IDE_TOOLS = {"base": 17}


def g_ide(W, r, name, kind, size, uas, base_tools, sph_label, mcp_p=0.35):
    W.add_group(name, kind)
    versions = [(ua, sp_json("%s:%s" % (sph_label, ua)), base_tools + (i % 3)) for i, ua in enumerate(uas)]
    task_tpls = [TX.make_template(r, "coding", n_fixed=(8, 20), n_slots=(2, 4), slot_len=(2, 5))
                 for _ in range(40)]
    for _ in range(size):
        org = W.org_id(r) if r.random() < 0.2 else None
        a = person(W, r, ("b", name), "dev", pay_p=0.9, org=org, pay=W.pay_fp(r) if org else None,
                   models=cum_of([("claude-sonnet-4-5", 72), ("claude-opus-4-5", 22), ("claude-sonnet-4-5-20250929", 6)]),
                   median_age=200, new_p=0.04)
        vi = min(len(versions) - 1, int(r.expovariate(1.0)))
        a.ua, a.sph, tools0 = versions[vi]
        if r.random() < mcp_p:
            tools0 += r.randint(1, 14)
        if r.random() < 0.15:
            _, off = W.net.corporate(r, None, 1)
            a.locs = (off, 0.3)
        a.think_p = r.uniform(0.05, 0.5)
        a.stream_p = 1.0
        enable_adoption(r, a, 0.35, 0.1, 0.6, (0.3, 2.0))
        ntasks = max(1, min(12, int(ln(r, 2.5, .7) * W.H / 8.0 + 0.5)))
        for _k in range(ntasks):
            t = W.sample_t(r, a.tz, "dev")
            if t < a.created:
                continue
            loc = session_loc(r, a)
            conv = TX.Conversation()
            conv.add_acc(task_tpls[int(r.random() * len(task_tpls))].acc_draw(r))
            ctx = ln(r, 9000, .4)
            steps = max(1, min(150, int(ln(r, 11, .8))))
            model = W.model(r, a, t)
            for s in range(steps):
                if r.random() < 0.12:
                    # small side call (titles, summaries) on a cheap model
                    ts = W.send(r, a, t, a.keys[0], loc, a.ua, "claude-haiku-4-5", "messages", ln(r, 600, .5),
                                ln(r, 40, .5), False, 0, 1, False, "other", r.random() * 0.03,
                                TX.rand_prompt(r, "coding", 8), a.sph)
                else:
                    conv.add(r, "coding" if r.random() < .6 else "tool_use", r.randint(3, 12))
                    think = r.random() < a.think_p
                    cat = "tool_use" if r.random() < 0.6 else "coding"
                    ts = W.send(r, a, t, a.keys[0], loc, a.ua, model, "messages", ctx,
                                ln(r, 320, .9) + (ln(r, 700, .8) if think else 0), True, tools0, 1 + 2 * s,
                                think, cat, clamp01(r.betavariate(1, 25)), conv.hash(), a.sph, p429=0.003,
                                perr=0.004)
                    ctx += ln(r, 2200, .8)
                    if ctx > 165000:
                        # context compaction: the conversation is replaced by a summary
                        ctx = ln(r, 30000, .3)
                        conv = TX.Conversation()
                        conv.add(r, "coding", 40)
                if ts is None or ts >= W.t1:
                    break
                t = ts + int(ln(r, 3500, 1.0)) + (int(ln(r, 60000, 1.0)) if r.random() < 0.1 else 0)


def g_agentfw(W, r, name, size):
    W.add_group(name, "agent_framework")
    default_sph = sp_json("agentfw-default-prompt")
    uas = ["langchain-anthropic/0.3.19", "langchain-anthropic/0.3.17", "llama-index-llms-anthropic/0.8.1",
           "crewai/0.152.0"]
    for _ in range(size):
        a = person(W, r, ("b", name), "dev", pay_p=0.85, models=MC, median_age=150)
        a.ua = r.choice(uas)
        a.sph = default_sph if r.random() < 0.6 else sp_json("afw:" + a.id)
        if r.random() < 0.5:
            a.locs = (W.net.hosting_block(r, r.choice(["aws", "gcp", "azure", "digitalocean"]), a.cc, 1), 0.0)
        tools = r.randint(2, 10)
        a.think_p = 0.1
        n = max(1, int(ln(r, 14, 1.0)))
        tpls = [TX.make_template(r, r.choice(["tool_use", "analysis", "chat"])) for _ in range(r.randint(1, 3))]

        def make(t, turns, idx, loc, a=a, tools=tools, tpls=tpls):
            tp = tpls[int(r.random() * len(tpls))]
            return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages",
                          ln(r, 2500, .8) + turns * 300 + tools * 250, ln(r, 280, .8), r.random() < 0.3, tools,
                          turns, r.random() < a.think_p, r.choice(["tool_use", "tool_use", tp.cat]),
                          clamp01(r.betavariate(1, 18)), tp.draw(r), a.sph)
        run_sessions(W, r, a, n, "dev", make, think_med=8.0, think_sig=1.2, new_conv_p=0.2)


def g_plugin(W, r, name, size):
    W.add_group(name, "plugin")
    egress = W.net.hosting_block(r, "aws", "US", r.randint(4, 8))
    uas = ["DocsAssistant/3.8.1 anthropic-typescript/0.68.0", "DocsAssistant/3.7.4 anthropic-typescript/0.65.0"]
    sphs = [sp_json("docsassistant:v38"), sp_json("docsassistant:v37")]
    tpls = [TX.make_template(r, "writing", n_fixed=(30, 60)) for _ in range(8)]
    for _ in range(size):
        a = person(W, r, ("b", name), "office", pay_p=0.5, models=cum_of([("claude-haiku-4-5", 60),
                                                                          ("claude-sonnet-4-5", 40)]))
        v = 0 if r.random() < 0.8 else 1
        a.ua, a.sph = uas[v], sphs[v]
        a.home, a.locs = None, (egress, 0.0)
        n = max(1, int(ln(r, 5, .8)))

        def make(t, turns, idx, loc, a=a):
            tp = tpls[int(r.random() * len(tpls))]
            sh = tp.draw(r, extra=TX.rand_acc(r, "writing", r.randint(2, 10)))
            return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages", ln(r, 900, .8),
                          ln(r, 380, .7), True, 0, 1, False, "writing" if r.random() < .8 else "analysis",
                          clamp01(r.betavariate(1, 30)), sh, a.sph)
        run_sessions(W, r, a, n, "office", make, think_med=90.0, new_conv_p=1.0)


def g_bots(W, r, name, size):
    W.add_group(name, "scheduled_bot")
    fams = []
    for i in range(3):
        fams.append(([TX.make_template(r, r.choice(["writing", "analysis"]), n_fixed=(30, 70)) for _ in range(2)],
                     sp_json("botfw:%d" % i), r.choice(["python-requests/2.32.3", "anthropic-python/0.72.1",
                                                        "anthropic-typescript/0.68.0"])))
    for _ in range(size):
        tpls, sph, ua = fams[int(r.random() * len(fams))]
        a = person(W, r, ("b", name), "human", pay_p=0.7, models=MCH, median_age=300, new_p=0.0, home=False)
        a.ua, a.sph = ua, sph
        a.locs = (W.net.hosting_block(r, r.choice(["aws", "gcp", "digitalocean", "hetzner", "oracle"]), a.cc, 1),
                  0.0)
        period = r.choice([60, 120, 300, 300, 600, 900, 900, 1800, 1800, 3600]) * SEC
        jit = r.randint(20, 900)
        office_only = r.random() < 0.3
        t = W.t0 + int(r.random() * period)
        loc = a.locs[0][0]
        while t < W.t1:
            if office_only:
                h = int(t / HOUR + a.tz) % 24
                if h < 8 or h >= 19:
                    t += period
                    continue
            W.send(r, a, t + int(r.random() * jit), a.keys[0], loc, a.ua, W.model(r, a, t), "messages",
                   ln(r, 1800, .6), ln(r, 250, .5), False, 0, 1, False, tpls[0].cat, r.random() * 0.04,
                   tpls[int(r.random() * 2)].draw(r, extra=TX.rand_acc(r, "chat", r.randint(3, 12))), a.sph,
                   perr=0.002)
            t += period


def g_bench(W, r, idx):
    name = W.add_group("benchmark-lab-%02d" % idx, "benchmark_lab")
    org, pay = W.org_id(r), W.pay_fp(r)
    if r.random() < 0.6:
        prov = r.choice(["gcp", "aws", "azure"])
        cc = r.choice(["US", "US", "GB", "SG", "JP", "NL"])
        ips = W.net.hosting_block(r, prov, cc, r.randint(1, 3))
        tz = W.net.tz_of(r, cc) if cc in COUNTRIES else 0
    else:
        asn, cc, tz, ips = W.net.campus(r, r.randint(1, 2))
    ua = r.choice(["anthropic-python/0.74.1", "anthropic-python/0.75.0", "anthropic-python/0.72.1"])
    suites = [TX.make_template(r, r.choice(["reasoning", "reasoning", "coding", "analysis"]), n_fixed=(30, 70),
                               n_slots=(2, 4), slot_len=(2, 6), pool=(100, 400), cot=r.random() < 0.8)
              for _ in range(r.randint(3, 6))]
    n_acc = r.randint(2, 6)
    created0 = W.t0 - int(ln(r, 300, .6) * DAY)
    accts = []
    for _ in range(n_acc):
        a = W.new_account(r, created0 + int(r.random() * (W.t0 - created0) * 0.7), org, pay, r.randint(1, 3),
                          ("b", name), cc, tz)
        a.ua = ua
        a.locs = (ips, 0.0)
        a.mp = MC
        accts.append(a)
    for a in accts:
        # interactive poking at prompts and results between runs
        if r.random() < 0.7:
            a.think_p = 0.4
            a.sph = "null"
            a.mp = cum_of([(m, 1) for m in ("claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5")])
            a.adopt, a.ramp = 0.5, HOUR
            act_dev(W, r, a, max(1, int(ln(r, 8, .8))), prof="dev", tpl=(suites, 0.5))
    runs = max(1, int(r.randint(1, 3) * W.H / 8.0 + 0.5))
    for _ in range(runs):
        a = r.choice(accts)
        start = W.sample_t(r, tz, "night" if r.random() < 0.4 else "flat")
        if start >= W.rel and r.random() < 0.7:
            model = NEW_MODEL
        else:
            model = r.choice(["claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5", "claude-opus-4-1"])
        suite = r.choice(suites)
        items = min(2000, int(ln(r, 350, .6)))
        workers = r.choice([4, 8, 8, 16, 16, 32])
        think = r.random() < 0.5
        sph = sp_json("bench:%d:%d" % (idx, suites.index(suite))) if r.random() < 0.6 else "null"
        key = r.choice(a.keys)
        loc = ips[int(r.random() * len(ips))]
        p429 = 0.06 if workers >= 16 else 0.01
        per = [items // workers + (1 if w < items % workers else 0) for w in range(workers)]
        for w in range(workers):
            t = start + r.randint(0, 3000)
            for _ in range(per[w]):
                cot = clamp01(r.betavariate(8, 2)) if suite.cat == "reasoning" else cot_for(r, suite.cat, 0.25)
                otok = ln(r, 900, .9) + (ln(r, 3500, .8) if think else 0)
                ts = W.send(r, a, t, key, loc, a.ua, model, "messages", ln(r, 700, .7), otok, False, 0, 1,
                            think, suite.cat, cot, suite.draw(r), sph, p429=p429, perr=0.003)
                if ts is None or ts >= W.t1:
                    break
                t = ts + r.randint(15, 500)


def g_enterprise(W, r, idx):
    name = W.add_group("enterprise-%02d" % idx, "enterprise_batch")
    org, pay = W.org_id(r), W.pay_fp(r)
    prov = r.choice(["aws", "aws", "azure", "gcp"])
    cc = r.choice(["US", "US", "DE", "GB", "JP", "NL"])
    ips = W.net.hosting_block(r, prov, cc, r.randint(2, 6))
    tz = W.net.tz_of(r, cc) if cc in COUNTRIES else 0
    ua = r.choice(["anthropic-java/2.9.0", "anthropic-go/1.13.2", "anthropic-python/0.74.1",
                   "anthropic-typescript/0.70.1"])
    created0 = W.t0 - int(ln(r, 400, .5) * DAY)
    for _ in range(r.randint(1, 3)):
        a = W.new_account(r, created0 + int(r.random() * 30 * DAY), org, pay, r.randint(2, 5), ("b", name), cc, tz)
        a.ua = ua
        a.mp = MCH
        for key in a.keys:
            tp = TX.make_template(r, r.choice(["analysis", "other", "writing"]), n_fixed=(60, 120))
            sph = sp_json("ent:%s:%s" % (a.id, key))
            model = r.choice(["claude-haiku-4-5", "claude-haiku-4-5", "claude-sonnet-4-5"])
            rate = r.uniform(40, 320) * (1.0 if r.random() < 0.7 else 0.3)
            cat = tp.cat
            if r.random() < 0.5:
                # realtime pipeline: steady Poisson
                t = W.t0 + int(r.expovariate(rate) * HOUR)
                loc = r.choice(ips)
                while t < W.t1:
                    W.send(r, a, t, key, loc, a.ua, model, "messages", ln(r, 2200, .5), ln(r, 160, .5), False,
                           0, 1, False, cat, r.random() * 0.03, tp.draw(r), sph, perr=0.002)
                    t += int(r.expovariate(rate) * HOUR) + 1
            else:
                every = r.choice([30, 45, 60]) * MIN
                t = W.t0 + int(r.random() * every)
                while t < W.t1:
                    k = max(1, int(rate * every / HOUR * r.uniform(0.7, 1.3)))
                    for _ in range(k):
                        W.send(r, a, t, key, r.choice(ips), a.ua, model, "batch", ln(r, 2500, .5),
                               ln(r, 200, .6), False, 0, 1, False, cat, r.random() * 0.03, tp.draw(r), sph,
                               perr=0.002)
                    t += every


def g_cgnat(W, r, name, cc, size):
    W.add_group(name, "carrier_nat")
    pool = W.net.cgnat_pool(r, cc, r.randint(12, 40))
    for _ in range(size):
        a = person(W, r, ("b", name), "human", cc=cc, pay_p=0.35, home=False, models=MG)
        a.locs = (pool, 0.0)
        a.ua = r.choice(["okhttp/4.12.0", "anthropic-typescript/0.68.0", "axios/1.7.7", "anthropic-python/0.74.1",
                         "chatbox/1.9.8"])
        a.stream_p = 0.9
        new = W.t0 - a.created < 3 * DAY
        act_chat(W, r, a, 1 + min(25, int(r.expovariate(1 / 2.0))), greet=new and r.random() < 0.7)


def g_vpn(W, r, name, size):
    W.add_group(name, "vpn_exit")
    exits = W.net.vpn_exits(r, r.randint(15, 40))
    for _ in range(size):
        a = person(W, r, ("b", name), "human", pay_p=0.6, home=False)
        fav = [exits[int(r.random() * len(exits))] for _ in range(r.randint(1, 3))]
        a.home = fav[0]
        a.locs = (fav + [exits[int(r.random() * len(exits))]], 0.5)
        if r.random() < 0.4:
            a.ua = pick(r, UA_DEV_VC)
            a.think_p = 0.2
            act_dev(W, r, a, max(1, int(ln(r, 8, .9))))
        else:
            act_chat(W, r, a, 1 + min(30, int(r.expovariate(1 / 2.5))))


def g_corpnat(W, r, idx, size):
    name = W.add_group("corporate-nat-%02d" % idx, "corporate_nat")
    cc, egress = W.net.corporate(r, None, r.randint(1, 3))
    if cc not in COUNTRIES:
        cc = "US"
    tz = W.net.tz_of(r, cc)
    for _ in range(size):
        a = person(W, r, ("b", name), "office", cc=cc, pay_p=0.6, home=True)
        a.tz = tz
        a.locs = (egress, 0.2)
        role = r.random()
        n = max(1, int(ln(r, 6, .9)))
        if role < 0.45:
            a.ua = pick(r, UA_DEV_VC)
            a.think_p = 0.15
            act_dev(W, r, a, n, prof="office")
        elif role < 0.75:
            act_chat(W, r, a, n, prof="office", cats=CATS_WRITER, out_med=600)
        else:
            act_chat(W, r, a, n, prof="office")


def g_newfree(W, r, name, size):
    W.add_group(name, "new_free_tier")
    uas = cum_of([("anthropic-python/0.75.0", 30), ("anthropic-python/0.74.1", 15), ("curl/8.7.1", 12),
                  ("curl/8.5.0", 6), ("anthropic-typescript/0.70.1", 22), ("python-requests/2.32.3", 5),
                  ("axios/1.7.7", 5), ("okhttp/4.12.0", 5)])
    quick = cum_of([("claude-sonnet-4-5", 65), ("claude-haiku-4-5", 25), ("claude-opus-4-5", 10)])
    for _ in range(size):
        cc = pick(r, cc_vc(W, "human"))
        tz = W.net.tz_of(r, cc)
        first = W.sample_t(r, tz, "human")
        if r.random() < 0.7:
            created = first - int(ln(r, 6, 1.0) * MIN) - 5 * SEC
        else:
            created = first - int(r.uniform(1, 30) * HOUR)
        a = person(W, r, ("b", name), "human", cc=cc, pay_p=0.0, created=created, models=quick)
        a.tz = tz
        a.ua = pick(r, uas)
        a.stream_p = 0.3
        n = 1 + min(12, int(r.expovariate(1 / 1.5)))
        first_done = [False]

        def make(t, turns, idx, loc, a=a, first=first):
            if idx == 0:
                t = first
                return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages", r.randint(8, 20),
                              r.randint(9, 60), r.random() < a.stream_p, 0, 1, False, "chat",
                              r.random() * 0.02, TX.greeting(r, top=7), "null")
            cat = pick(r, CATS_CASUAL)
            return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages", ln(r, 150, .9),
                          ln(r, 350, .8), r.random() < a.stream_p, 0, turns, False, cat, cot_for(r, cat),
                          TX.rand_prompt(r, cat, r.randint(4, 25)) if r.random() > 0.15 else TX.greeting(r),
                          "null")
        # first request fixed at `first`, rest follow in the same session
        t = first
        loc = session_loc(r, a)
        turns = 1
        for i in range(n):
            ts = make(t, turns, i, loc)
            if ts is None or ts >= W.t1:
                break
            t = ts + int(1000 * ln(r, 40, 1.0))
            turns = 1 if r.random() < 0.5 else turns + 2


def g_early(W, r, name, size):
    W.add_group(name, "early_adopter")
    for _ in range(size):
        a = person(W, r, ("b", name), "dev", pay_p=0.95, models=MC, median_age=400, new_p=0.0)
        a.ua = pick(r, UA_DEV_VC)
        a.think_p = 0.3
        a.sph = sp_json("dev:" + a.id) if r.random() < 0.5 else "null"
        evals = TX.make_template(r, r.choice(["reasoning", "coding", "writing"]), n_slots=(1, 2), pool=(3, 10))
        # some light use before the release
        pre = int(r.random() * 4)
        for _ in range(pre):
            t = W.sample_t(r, a.tz, "dev", W.t0, W.rel)
            cat = pick(r, CATS_DEV)
            W.send(r, a, t, a.keys[0], session_loc(r, a), a.ua, pick(r, a.mp), "messages", ln(r, 1500, 1.0),
                   ln(r, 600, .8), True, 0, 1, False, cat, cot_for(r, cat), TX.rand_prompt(r, cat, 15), a.sph)
        t = W.rel + int(ln(r, 25, .8) * MIN)
        loc = session_loc(r, a)
        n = max(3, int(ln(r, 25, .7) * min(1.0, (W.t1 - W.rel) / (5 * HOUR))))
        for i in range(n):
            if r.random() < 0.35:
                cat, sh = evals.cat, evals.draw(r)
            else:
                cat = r.choice(["coding", "reasoning", "analysis", "writing", "chat", "tool_use"])
                sh = TX.rand_prompt(r, cat, r.randint(8, 30))
            model = NEW_MODEL if r.random() < 0.8 else pick(r, a.mp)
            think = r.random() < 0.5
            tools = r.randint(1, 8) if cat == "tool_use" else 0
            ts = W.send(r, a, t, a.keys[0], loc, a.ua, model, "messages", ln(r, 1200, 1.0) + tools * 250,
                        ln(r, 900, .8) + (ln(r, 2500, .8) if think else 0), r.random() < 0.7, tools, 1, think, cat,
                        cot_for(r, cat, 0.1), sh, a.sph)
            if ts is None or ts >= W.t1:
                break
            t = ts + int(1000 * ln(r, 50, 1.0))
            if r.random() < 0.08:
                t += int(ln(r, 30, .8) * MIN)


# ---------------------------------------------------------------- orchestration
def build(W):
    r = W.Random("%s:benign" % W.seed)
    B = W.B
    s = B / 10000.0
    used = 0
    plan = []
    n_coh = max(2, round(B / 2500))
    for i in range(n_coh):
        k = r.randint(25, 90)
        plan.append(("cohort", i + 1, k))
    n_team = max(5, round(B / 230))
    for i in range(n_team):
        plan.append(("team", i + 1, r.randint(3, 14)))
    plan.append(("ide", "ide-agent-cli", max(60, round(0.04 * B))))
    plan.append(("agentfw", "agent-framework-users", max(30, round(0.012 * B))))
    plan.append(("plugin", "plugin-docs-assistant", max(40, round(0.025 * B))))
    plan.append(("bots", "scheduled-bots", max(12, round(0.004 * B))))
    for i in range(max(2, round(B / 6000))):
        plan.append(("bench", i + 1, 0))
    for i in range(max(2, round(B / 7500))):
        plan.append(("ent", i + 1, 0))
    ccs = ["IN", "ID", "US", "BR", "NG", "PH"]
    for i in range(2 if B < 20000 else 3):
        plan.append(("cgnat", ccs[i], max(25, round(0.008 * B))))
    plan.append(("vpn", "vpn-exit-users", max(25, round(0.01 * B))))
    for i in range(max(1, round(B / 10000))):
        plan.append(("corp", i + 1, r.randint(30, 150)))
    plan.append(("newfree", "new-free-tier-wave", max(50, round(0.05 * B))))
    plan.append(("early", "early-adopters", max(20, round(0.02 * B))))

    before = len(W.accounts)
    for kind, a1, k in plan:
        if kind == "cohort":
            g_cohort(W, r, a1, k)
        elif kind == "team":
            g_team(W, r, a1, k)
        elif kind == "ide":
            g_ide(W, r, a1, "ide_agent", k, ["claude-code/2.0.31", "claude-code/2.0.28", "claude-code/2.0.22",
                                              "claude-code/1.0.128"], 17, "ide-agent-cli")
        elif kind == "agentfw":
            g_agentfw(W, r, a1, k)
        elif kind == "plugin":
            g_plugin(W, r, a1, k)
        elif kind == "bots":
            g_bots(W, r, a1, k)
        elif kind == "bench":
            g_bench(W, r, a1)
        elif kind == "ent":
            g_enterprise(W, r, a1)
        elif kind == "cgnat":
            g_cgnat(W, r, "carrier-nat-%s" % a1.lower(), a1, k)
        elif kind == "vpn":
            g_vpn(W, r, a1, k)
        elif kind == "corp":
            g_corpnat(W, r, a1, k)
        elif kind == "newfree":
            g_newfree(W, r, a1, k)
        elif kind == "early":
            g_early(W, r, a1, k)
    used = len(W.accounts) - before
    background(W, r, max(0, B - used))
