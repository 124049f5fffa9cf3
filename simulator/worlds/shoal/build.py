"""Shared construction helpers: id registry, actor factory, countries, home networks, UAs."""
import random

from . import net
from .util import DAY, HOUR, MINUTE, hexs, cumw, wchoice, lognorm, clamp

COUNTRIES = [
    ('US', 28, [-5, -5, -5, -6, -6, -7, -8, -8]), ('IN', 8, [5.5]), ('GB', 6, [0]),
    ('DE', 6, [1]), ('BR', 4, [-3]), ('CA', 4, [-5, -5, -8, -7]), ('FR', 4, [1]),
    ('JP', 4, [9]), ('KR', 3, [9]), ('AU', 3, [11, 11, 8]), ('SG', 2, [8]), ('NL', 2, [1]),
    ('ES', 2, [1]), ('IT', 2, [1]), ('PL', 2, [1]), ('MX', 2, [-6]), ('ID', 2, [7]),
    ('SE', 1, [1]), ('CH', 1, [1]), ('IL', 1, [2]), ('TR', 1, [3]), ('VN', 1, [7]),
    ('PH', 1, [8]), ('NG', 1, [1]), ('ZA', 1, [2]), ('AR', 1, [-3]), ('TW', 1, [8]),
]
_CC = [c for c, _, _ in COUNTRIES]
_CC_CUM = cumw([w for _, w, _ in COUNTRIES])
_TZ = {c: tz for c, _, tz in COUNTRIES}
MOBILE_FIRST = {'IN', 'ID', 'PH', 'NG', 'VN', 'BR', 'MX', 'ZA', 'TR'}


def pick_country(rng):
    cc = wchoice(rng, _CC, _CC_CUM)
    return cc, rng.choice(_TZ[cc])


def tz_of(rng, cc):
    return rng.choice(_TZ.get(cc, [0]))


def ua_mix(pairs):
    return [u for u, _ in pairs], cumw([w for _, w in pairs])


UA_SDK = [('anthropic-python/0.74.1', 22), ('anthropic-python/0.73.0', 8),
          ('anthropic-python/0.71.2', 6), ('anthropic-python/0.68.0', 3),
          ('anthropic-typescript/0.68.0', 14), ('anthropic-typescript/0.66.1', 5),
          ('anthropic-go/1.14.0', 3), ('anthropic-java/2.9.0', 2), ('anthropic-ruby/1.8.0', 1)]
UA_CASUAL = ua_mix(UA_SDK + [('curl/8.7.1', 4), ('python-requests/2.32.3', 5),
                             ('LibreChat/0.8.0', 5), ('open-webui/0.6.34', 6),
                             ('TypingMind/2025.11.2', 3), ('Msty/1.9.2', 2), ('axios/1.7.7', 3),
                             ('node-fetch/3.3.2', 2)])
UA_DEV = ua_mix(UA_SDK + [('python-httpx/0.27.2', 5), ('langchain-anthropic/0.3.22', 6),
                          ('litellm/1.55.8', 4), ('llama-index-llms-anthropic/0.8.1', 2),
                          ('curl/8.5.0', 3), ('Go-http-client/2.0', 2), ('ai-sdk/5.0.3', 4)])
UA_OFFICIAL = ua_mix(UA_SDK)


def pick_ua(rng, mix):
    return wchoice(rng, mix[0], mix[1])


class Registry:
    def __init__(self):
        self.seen = set()

    def _new(self, rng, prefix, n):
        while True:
            s = prefix + hexs(rng, n)
            if s not in self.seen:
                self.seen.add(s)
                return s

    def acct(self, rng):
        return self._new(rng, 'acct_', 12)

    def key(self, rng):
        return self._new(rng, 'key_', 10)

    def pm(self, rng):
        return self._new(rng, 'pm_', 16)

    def org(self, rng):
        return self._new(rng, 'org_', 12)


class Build:
    def __init__(self, ctx, seed):
        self.ctx = ctx
        self.seed = seed
        self.reg = Registry()
        self.actors = []
        self.groups = {}       # name -> (kind, [actors])
        self.rng = random.Random('%s/build' % seed)
        self._cgnat = {}
        self._vpn = {}

    def sub_rng(self, tag):
        return random.Random('%s/%s' % (self.seed, tag))

    def actor(self, cls, ns, created, payment, nkeys, ua, netp, org=None, rpm=None, key_w=None,
              benign=True):
        idx = len(self.actors)
        rng = random.Random('%s/%s/%d' % (self.seed, ns, idx))
        acct = self.reg.acct(rng)
        if isinstance(nkeys, int):
            keys = [self.reg.key(rng) for _ in range(nkeys)]
        else:
            keys = nkeys
        a = cls(self.ctx, rng, acct, org, int(created), payment, keys, ua, netp, rpm=rpm,
                key_w=key_w)
        a.benign = benign
        a.idx = idx
        self.actors.append(a)
        return a

    def group(self, name, kind, actor):
        g = self.groups.get(name)
        if g is None:
            g = self.groups[name] = (kind, [])
        g[1].append(actor)

    # ------------------------------------------------------------ networks
    def cgnat_pool(self, a):
        k = (a.asn, a.cc)
        p = self._cgnat.get(k)
        if p is None:
            r = self.sub_rng('cgnat/%d/%s' % k)
            p = net.nat_pool(r, a, r.randint(24, 96))
            self._cgnat[k] = p
        return p

    def vpn_pool(self, a):
        k = (a.asn, a.cc)
        p = self._vpn.get(k)
        if p is None:
            r = self.sub_rng('vpn/%d/%s' % k)
            p = net.nat_pool(r, a, r.randint(6, 28))
            self._vpn[k] = p
        return p

    def home(self, rng, cc):
        """A household connection: fixed v4, or a v6 /64 with rotating privacy addresses."""
        res = rng.choice(net.res_for(cc))
        if res.v6 and rng.random() < 0.25:
            unknown = rng.random() < 0.02
            return net.V6Home(res.rand_v6_prefix64(rng), None if unknown else res.asn,
                              None if unknown else res.cc, rng.choice([4, 12, 24]) * HOUR)
        return net.Fixed(net.endpoint_v4(rng, res, geo_unknown=0.004))

    def mobile(self, rng, cc):
        """Mobile carrier: CGNAT egress pool (shared), sometimes per-session v6."""
        mob = rng.choice(net.mob_for(cc))
        if mob.kind == 'mob':
            pool = net.Pool(self.cgnat_pool(mob))
            if mob.v6 and rng.random() < 0.35:
                v6 = net.V6Home(mob.rand_v6_prefix64(rng), mob.asn, mob.cc, 45 * MINUTE)
                return net.Mixed([pool, v6], [0.5, 0.5], hold=30 * MINUTE), 'cgnat_%d_%s' % (mob.asn, mob.cc)
            return net.Sticky(pool, 25 * MINUTE), 'cgnat_%d_%s' % (mob.asn, mob.cc)
        return self.home(rng, cc), None

    def vpn(self, rng, cc=None):
        lst = net.of('vpn')
        near = [a for a in lst if a.cc == cc]
        a = rng.choice(near) if near and rng.random() < 0.6 else rng.choice(lst)
        return net.Sticky(net.Pool(self.vpn_pool(a)), 35 * MINUTE), 'vpn_%d_%s' % (a.asn, a.cc)

    def person_net(self, rng, cc, vpn_p=0.04, mobile_p=0.3):
        """Returns (policy, shared-network group name or None)."""
        if rng.random() < vpn_p:
            v, tag = self.vpn(rng, cc)
            if rng.random() < 0.8:
                return v, tag
            return net.Mixed([v, self.home(rng, cc)], [0.7, 0.3]), tag
        mobile_only = 0.5 if cc in MOBILE_FIRST else 0.1
        if rng.random() < mobile_only:
            return self.mobile(rng, cc)
        h = self.home(rng, cc)
        if rng.random() < mobile_p:
            m, _ = self.mobile(rng, cc)
            return net.Mixed([h, m], [0.75, 0.25]), None
        return h, None

    def cloud(self, rng, n, cc=None, asns=None):
        lst = net.of('host', cc) or net.of('host')
        if asns:
            lst = [a for a in lst if a.asn in asns] or lst
        a = rng.choice(lst)
        return net.nat_pool(rng, a, n), a

    # ------------------------------------------------------------ misc
    def age_created(self, rng, median_days=140, sigma=1.0, lo=1.0, hi=1000.0):
        d = clamp(lognorm(rng, median_days, sigma), lo, hi)
        return self.ctx.start - int(d * DAY) - rng.randint(0, DAY // 2)

    def early(self, a, rng, p, lag_med_min=50, adopt=(0.5, 1.0)):
        if rng.random() < p:
            a.adopt_at = self.ctx.release + int(max(2.0, lognorm(rng, lag_med_min, 0.8)) * MINUTE)
            a.adopt_p = rng.uniform(*adopt)
        elif rng.random() < 0.05:
            # the curious: a rare request on the new model later on
            a.adopt_at = self.ctx.release + int(max(5.0, lognorm(rng, 120, 0.7)) * MINUTE)
            a.adopt_p = 0.04
