"""Per-category request content: token sizes, reasoning elicitation, prompt text."""
from .util import ilog, clamp, WChoice
from . import text
from .core import NEW_MODEL, BASE_MODELS

# category -> (input median, sigma, output median, sigma, prompt feature tokens median)
CAT = {
    'chat': (120, 1.0, 320, 0.8, 14),
    'coding': (1600, 1.1, 850, 0.8, 45),
    'writing': (550, 1.0, 700, 0.7, 30),
    'analysis': (2800, 1.2, 600, 0.8, 40),
    'reasoning': (380, 0.9, 1300, 0.8, 30),
    'vision': (1700, 0.5, 260, 0.7, 10),
    'tool_use': (2600, 1.0, 220, 0.8, 25),
    'other': (260, 1.0, 220, 0.9, 12),
}
COT = {'chat': (1.2, 14.0), 'coding': (1.6, 9.0), 'writing': (1.0, 18.0), 'analysis': (2.0, 8.0),
       'reasoning': (3.0, 4.0), 'vision': (1.0, 15.0), 'tool_use': (1.0, 14.0), 'other': (1.0, 10.0)}


def cot_for(rng, cat, add=0.0):
    a, b = COT[cat]
    return clamp(rng.betavariate(a, b) + add, 0.0, 1.0)


def think_tokens(rng):
    return ilog(rng, 2200, 0.8, 64, 31000)


def pick_model(w, rng, a, t):
    ad = a.x.get('adopt_at')
    if ad is not None and t >= ad and rng.random() < a.x.get('adopt_p', 0.7):
        return NEW_MODEL
    if a.model is None or rng.random() < 0.2:
        return BASE_MODELS.pick(rng)
    return a.model


MIX = {
    'hobby': WChoice([('chat', 36), ('coding', 20), ('writing', 16), ('analysis', 7), ('reasoning', 10),
                      ('vision', 5), ('other', 6)]),
    'dev': WChoice([('coding', 48), ('tool_use', 9), ('chat', 14), ('analysis', 11), ('reasoning', 9),
                    ('writing', 5), ('vision', 2), ('other', 2)]),
    'power': WChoice([('coding', 30), ('reasoning', 22), ('analysis', 20), ('writing', 12), ('chat', 10),
                      ('tool_use', 6)]),
    'newbie': WChoice([('chat', 55), ('coding', 18), ('writing', 14), ('reasoning', 6), ('other', 7)]),
    'eng': WChoice([('coding', 60), ('tool_use', 10), ('analysis', 10), ('chat', 10), ('reasoning', 10)]),
    'support': WChoice([('writing', 55), ('chat', 25), ('analysis', 15), ('other', 5)]),
    'data': WChoice([('analysis', 55), ('coding', 25), ('reasoning', 10), ('writing', 10)]),
    'marketing': WChoice([('writing', 65), ('chat', 20), ('analysis', 10), ('vision', 5)]),
}


class Style:
    def __init__(self, **kw):
        self.mix = MIX['hobby']
        self.req_mean = 4.0
        self.newconv = 0.2
        self.gap = (45000, 0.9)
        self.think_p = 0.08
        self.cot_add = 0.0
        self.stream_p = 0.5
        self.sysh = None
        self.sys_p = 0.0
        self.tools = 0
        self.netfn = None
        self.p400 = 0.004
        self.big = 1.0
        self.tmpl = None
        self.tmpl_p = 0.0
        self.tmpl_cat = 'analysis'
        self.__dict__.update(kw)


def greeting(w, rng, a, t, netw, model=None, stream=False):
    g = text.GREET_TEXT
    tot = sum(x[1] for x in g)
    r = rng.random() * tot
    for tx, wt in g:
        r -= wt
        if r < 0:
            break
    return w.emit(rng, a, t, model or a.model or 'claude-sonnet-5', 'chat', ilog(rng, 10, 0.3, 6, 40),
                  ilog(rng, 35, 0.6, 5, 200), rng.random() * 0.03, tx.hex(), netw, stream=stream, p400=0.01)


def chat_session(w, rng, a, t, st, n=None, greet=False, model=None, netw=None):
    """A human working session: one or more conversations, turn by turn."""
    if netw is None:
        netw = st.netfn(rng, a)
    if model is None:
        model = pick_model(w, rng, a, t)
    if n is None:
        n = geom_cap(rng, st.req_mean, 120)
    end = w.end
    if greet:
        ts = greeting(w, rng, a, t, netw, model, rng.random() < st.stream_p)
        t = ts + ilog(rng, 25000, 0.8, 1500)
        n -= 1
    conv = None
    cat = 'chat'
    for _ in range(n):
        if t >= end:
            break
        if conv is None or rng.random() < st.newconv:
            if st.tmpl is not None and rng.random() < st.tmpl_p:
                cat = st.tmpl_cat
                conv = st.tmpl.make(rng)
            else:
                cat = st.mix.pick(rng)
                conv = text.freeform(rng, text.CAT_DOMAIN[cat], ilog(rng, CAT[cat][4], 0.5, 2, 150))
            im, isg, om, osg, _ = CAT[cat]
            base = ilog(rng, im * st.big, isg, 5, 150000)
            turns = 1
            ctx = 0
            think = rng.random() < st.think_p
            cot0 = cot_for(rng, cat, st.cot_add)
            sysh = st.sysh if (st.sysh is not None and rng.random() < st.sys_p) else None
            tools = st.tools if (st.tools and (cat == 'tool_use' or rng.random() < 0.25)) else 0
            stream = rng.random() < st.stream_p
        else:
            turns += 2
            conv.add(rng, text.CAT_DOMAIN[cat], 3 + int(rng.random() * 10))
        otok = ilog(rng, om, osg, 1, 30000)
        vis = otok
        if think:
            otok += think_tokens(rng)
        cot = cot0 + (rng.random() - 0.5) * 0.06
        if cot < 0:
            cot = 0.0
        ts = w.emit(rng, a, t, model, cat, base + ctx, otok, cot, conv.hex(), netw, think, stream, tools, turns,
                    sysh, p400=st.p400)
        ctx += vis + ilog(rng, 60, 1.0, 2, 20000)
        if base + ctx > 190000:
            conv = None
        t = ts + ilog(rng, st.gap[0], st.gap[1], 800)
    return t


def geom_cap(rng, mean, cap):
    from .util import geom
    return geom(rng, mean, cap)
