"""Synthetic internet: countries, autonomous systems of several kinds, address
space, and per-client network profiles (home, office, carrier NAT, cloud
egress, VPN exits, rotating proxies)."""

from .core import MS_H, MS_D

# code, typical UTC offsets (hours), share of API developers
COUNTRIES = [
    ("US", (-5, -6, -7, -8), 27.0), ("GB", (0,), 6.0), ("DE", (1,), 5.0),
    ("FR", (1,), 3.5), ("CA", (-5, -8), 3.0), ("IN", (5.5,), 8.0),
    ("BR", (-3,), 4.0), ("JP", (9,), 4.0), ("KR", (9,), 2.5),
    ("SG", (8,), 1.5), ("AU", (10, 8), 2.0), ("NL", (1,), 2.0),
    ("PL", (1,), 1.5), ("ES", (1,), 2.0), ("IT", (1,), 2.0),
    ("SE", (1,), 1.0), ("IL", (2,), 1.0), ("ID", (7,), 2.0),
    ("VN", (7,), 1.5), ("PH", (8,), 1.5), ("MX", (-6,), 2.0),
    ("TR", (3,), 1.2), ("NG", (1,), 1.0), ("ZA", (2,), 0.8),
    ("AR", (-3,), 0.8), ("TW", (8,), 1.0), ("AE", (4,), 0.8),
    ("CH", (1,), 0.8), ("UA", (2,), 1.0), ("EG", (2,), 0.7),
    ("PK", (5,), 0.8), ("KE", (3,), 0.4), ("CO", (-5,), 0.8),
    ("CL", (-3,), 0.5), ("IE", (0,), 0.8), ("PT", (0,), 0.7),
    ("CZ", (1,), 0.6), ("RO", (2,), 0.6), ("TH", (7,), 0.8),
    ("MY", (8,), 0.8), ("NZ", (13,), 0.4), ("BD", (6,), 0.5),
]
CC_TZ = {c: tz for c, tz, _ in COUNTRIES}
CC_W = [(c, w) for c, _, w in COUNTRIES]

_BAD_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203} | set(range(224, 256))


class AS:
    __slots__ = ("asn", "kind", "cc", "p4", "p6", "geo")

    def __init__(self, asn, kind, cc, p4, p6, geo=True):
        self.asn = asn
        self.kind = kind
        self.cc = cc
        self.p4 = p4          # list of (a, b)   -> a.b.x.y (/16 each)
        self.p6 = p6          # list of (g1, g2) -> g1:g2::/32
        self.geo = geo        # False: geo database has no entry

    def tag(self, cc=None):
        if not self.geo:
            return None, None
        return self.asn, (cc or self.cc)

    def ip4(self, rng):
        a, b = self.p4[rng.randrange(len(self.p4))]
        return "%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randint(1, 254))

    def ip6(self, rng, hh=None):
        g1, g2 = self.p6[rng.randrange(len(self.p6))]
        if hh is None:
            hh = (rng.getrandbits(16), rng.getrandbits(16))
        return "%x:%x:%x:%x:%x:%x:%x:%x" % (
            g1, g2, hh[0], hh[1], rng.getrandbits(16), rng.getrandbits(16),
            rng.getrandbits(16), rng.getrandbits(16))

    def addr(self, rng, v6=False):
        if v6 and self.p6:
            ip = self.ip6(rng)
        else:
            ip = self.ip4(rng)
        a, c = self.tag()
        return (ip, a, c)


class Catalog:
    """All address space of the world, drawn once per seed."""

    def __init__(self, rng):
        self.rng = rng
        self._used16 = set()
        self._used6 = set()
        self._asns = set()
        self.res = {}
        self.mob = {}
        self.biz = {}
        self.edu = {}
        for cc, _, w in COUNTRIES:
            nres = 2 + int(min(6, w / 3)) + rng.randint(0, 1)
            self.res[cc] = [self._mk("res", cc, rng.randint(2, 6), True)
                            for _ in range(nres)]
            self.mob[cc] = [self._mk("mob", cc, rng.randint(1, 3), True)
                            for _ in range(rng.randint(2, 3))]
            self.biz[cc] = [self._mk("biz", cc, 1, False)
                            for _ in range(rng.randint(1, 3))]
            self.edu[cc] = [self._mk("edu", cc, 1, rng.random() < 0.5)
                            for _ in range(rng.randint(1, 3))]
        # residential share weights (zipf-ish)
        self.res_w = {cc: [1.0 / (i + 1) for i in range(len(v))]
                      for cc, v in self.res.items()}
        # carrier NAT public pools (shared by every subscriber of a carrier)
        self.cgnat = {}
        for cc in self.mob:
            for m in self.mob[cc]:
                pool = [m.ip4(rng) for _ in range(rng.randint(24, 160))]
                self.cgnat[m.asn] = pool
        # hosting / cloud providers with regions
        regions = ["US", "US", "US", "DE", "IE", "NL", "GB", "SG", "JP", "IN",
                   "BR", "AU", "FR", "KR", "CA"]
        self.hosting = []
        for i in range(10):
            asn = self._asn()
            regs = sorted(set(rng.sample(regions, rng.randint(3, 9))))
            blocks = {cc: [self._p16() for _ in range(rng.randint(1, 3))]
                      for cc in regs}
            self.hosting.append(Hosting(asn, blocks))
        # consumer VPN providers: exit servers in many countries
        self.vpn = []
        for i in range(5):
            asn = self._asn()
            exits = []
            for cc in rng.sample([c for c, _, _ in COUNTRIES], rng.randint(12, 30)):
                a, b = self._p16()
                for _ in range(rng.randint(2, 8)):
                    exits.append(("%d.%d.%d.%d" % (a, b, rng.randrange(256),
                                                   rng.randint(1, 254)), asn, cc))
            self.vpn.append(exits)
        # a few networks unknown to the geo database
        self.nogeo = [self._mk("res", rng.choice(["US", "IN", "BR", "DE"]), 1,
                               True, geo=False) for _ in range(3)]

    # -- allocation helpers
    def _asn(self):
        while True:
            if self.rng.random() < 0.6:
                a = self.rng.randint(1000, 64000)
            else:
                a = self.rng.randint(131072, 399000)
            if a not in self._asns:
                self._asns.add(a)
                return a

    def _p16(self):
        while True:
            a = self.rng.randint(1, 223)
            if a in _BAD_FIRST:
                continue
            b = self.rng.randrange(256)
            if (a, b) not in self._used16:
                self._used16.add((a, b))
                return (a, b)

    def _p6(self):
        while True:
            g1 = 0x2400 + self.rng.randrange(0x0c00)
            g2 = self.rng.getrandbits(16)
            if (g1, g2) not in self._used6:
                self._used6.add((g1, g2))
                return (g1, g2)

    def _mk(self, kind, cc, n16, v6, geo=True):
        return AS(self._asn(), kind, cc, [self._p16() for _ in range(n16)],
                  [self._p6()] if v6 else [], geo)

    # -- pickers
    def res_as(self, rng, cc):
        lst = self.res[cc]
        w = self.res_w[cc]
        x = rng.random() * sum(w)
        for a, wi in zip(lst, w):
            x -= wi
            if x <= 0:
                return a
        return lst[-1]

    def mob_as(self, rng, cc):
        return rng.choice(self.mob[cc])

    def biz_as(self, rng, cc):
        return rng.choice(self.biz[cc])

    def edu_as(self, rng, cc):
        return rng.choice(self.edu[cc])


class Hosting:
    __slots__ = ("asn", "blocks")

    def __init__(self, asn, blocks):
        self.asn = asn
        self.blocks = blocks

    def regions(self):
        return sorted(self.blocks)

    def addr(self, rng, cc=None):
        if cc is None or cc not in self.blocks:
            cc = rng.choice(sorted(self.blocks))
        a, b = rng.choice(self.blocks[cc])
        return ("%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randint(1, 254)),
                self.asn, cc)

    def subnet(self, rng, cc=None):
        """A /24 inside a region: returns callable-free tuple (a,b,c,cc)."""
        if cc is None or cc not in self.blocks:
            cc = rng.choice(sorted(self.blocks))
        a, b = rng.choice(self.blocks[cc])
        return (a, b, rng.randrange(256), cc)


# ---------------------------------------------------------------------------
# Network profiles: where one client's requests come from.
# Each profile has .session(rng, t) -> (ip, asn, cc) used for a whole session,
# and .request(rng, t, sess) -> per-request address (default: sticky).


class Fixed:
    def __init__(self, addr):
        self.a = addr

    def session(self, rng, t):
        return self.a

    def request(self, rng, t, sess):
        return sess


class Pool:
    """Choose one of several addresses per session (office NAT with a few
    public IPs, CGNAT, cloud egress, VPN exits)."""

    def __init__(self, addrs, sticky=0.0):
        self.addrs = addrs
        self.sticky = sticky
        self.last = None

    def session(self, rng, t):
        if self.last is not None and rng.random() < self.sticky:
            return self.last
        self.last = self.addrs[rng.randrange(len(self.addrs))]
        return self.last

    def request(self, rng, t, sess):
        return sess


class PerRequestPool(Pool):
    def request(self, rng, t, sess):
        return self.addrs[rng.randrange(len(self.addrs))]


class Home:
    """Residential line: sticky address, occasional DHCP renumbering; some
    households are dual-stack and mostly use IPv6."""

    def __init__(self, cat, rng, cc, as_=None, v6=None):
        self.as_ = as_ or cat.res_as(rng, cc)
        if v6 is None:
            v6 = bool(self.as_.p6) and rng.random() < 0.3
        self.v6 = v6 and bool(self.as_.p6)
        self.hh = (rng.getrandbits(16), rng.getrandbits(16))
        self.cur = None
        self.iid = None
        self.renew_p = rng.choice((0.0, 0.0, 0.01, 0.03))

    def session(self, rng, t):
        if self.cur is None or rng.random() < self.renew_p:
            if self.v6:
                ip = self.as_.ip6(rng, self.hh)
            else:
                ip = self.as_.ip4(rng)
            a, c = self.as_.tag()
            self.cur = (ip, a, c)
        elif self.v6 and rng.random() < 0.2:
            # privacy extensions: new interface id, same /64
            ip = self.as_.ip6(rng, self.hh)
            a, c = self.as_.tag()
            self.cur = (ip, a, c)
        return self.cur

    def request(self, rng, t, sess):
        return sess


class Mobile:
    """Phone/tethered laptop on a carrier: CGNAT IPv4 pool shared with all
    subscribers, or a per-device IPv6 prefix."""

    def __init__(self, cat, rng, cc, as_=None):
        self.as_ = as_ or cat.mob_as(rng, cc)
        self.pool = cat.cgnat[self.as_.asn]
        self.v6 = bool(self.as_.p6) and rng.random() < 0.4
        self.hh = (rng.getrandbits(16), rng.getrandbits(16))

    def session(self, rng, t):
        a, c = self.as_.tag()
        if self.v6:
            return (self.as_.ip6(rng, self.hh), a, c)
        return (self.pool[rng.randrange(len(self.pool))], a, c)

    def request(self, rng, t, sess):
        return sess


class Commuter:
    """Office during local working hours on weekdays, home otherwise, phone
    tether now and then."""

    def __init__(self, office, home, tz, mobile=None, p_mobile=0.0):
        self.office = office
        self.home = home
        self.tz = tz
        self.mobile = mobile
        self.p_mobile = p_mobile

    def session(self, rng, t):
        if self.mobile is not None and rng.random() < self.p_mobile:
            return self.mobile.session(rng, t)
        lt = t / MS_H + self.tz
        h = lt % 24
        wd = (int(lt // 24) + 3) % 7
        if wd < 5 and 8.5 <= h < 18.5 and self.office is not None:
            return self.office.session(rng, t)
        return self.home.session(rng, t)

    def request(self, rng, t, sess):
        return sess


class Rotating:
    """Residential-proxy pool: a fresh household address for each request
    (or per session when sticky), drawn from many ISPs."""

    def __init__(self, ases, per_request=True, v6_share=0.15):
        self.ases = ases
        self.per_request = per_request
        self.v6_share = v6_share

    def _one(self, rng):
        a = self.ases[rng.randrange(len(self.ases))]
        return a.addr(rng, v6=rng.random() < self.v6_share)

    def session(self, rng, t):
        return self._one(rng)

    def request(self, rng, t, sess):
        if self.per_request:
            return self._one(rng)
        return sess


def local_hour(t, tz):
    lt = t / MS_H + tz
    return lt % 24, (int(lt // 24) + 3) % 7


__all__ = ["Catalog", "Fixed", "Pool", "PerRequestPool", "Home", "Mobile",
           "Commuter", "Rotating", "COUNTRIES", "CC_TZ", "CC_W", "local_hour",
           "MS_D"]
