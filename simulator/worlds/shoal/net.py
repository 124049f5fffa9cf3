"""A small synthetic internet: autonomous systems, prefixes, address policies."""
import ipaddress

from .util import cumw, wchoice

# (asn, country, kind, [ipv4 prefixes], ipv6 prefix or None)
# kinds: res (fixed broadband), mob (mobile carrier), host (cloud / hosting),
#        vpn (commercial VPN / proxy exits), uni (research & education), biz (business transit)
_RAW = [
    # --- residential broadband
    (7922, 'US', 'res', ['73.0.0.0/8', '67.160.0.0/11', '98.192.0.0/10'], '2601'),
    (7018, 'US', 'res', ['99.0.0.0/10', '108.192.0.0/11', '76.192.0.0/10'], '2600:1700'),
    (701, 'US', 'res', ['71.160.0.0/11', '108.0.0.0/13', '96.224.0.0/11'], '2600:4040'),
    (20115, 'US', 'res', ['24.176.0.0/12', '71.80.0.0/13', '97.80.0.0/12'], '2600:6c40'),
    (22773, 'US', 'res', ['68.96.0.0/12', '70.160.0.0/11'], '2600:8800'),
    (812, 'CA', 'res', ['99.224.0.0/11', '174.112.0.0/12'], '2607:fea8'),
    (577, 'CA', 'res', ['70.48.0.0/12', '142.112.0.0/12'], '2607:fa49'),
    (2856, 'GB', 'res', ['86.128.0.0/10', '81.128.0.0/11'], '2a00:23c5'),
    (5089, 'GB', 'res', ['82.0.0.0/11', '86.0.0.0/11'], '2a02:c7c'),
    (3320, 'DE', 'res', ['79.192.0.0/10', '91.0.0.0/10', '87.128.0.0/10'], '2003'),
    (3209, 'DE', 'res', ['88.64.0.0/12', '94.134.0.0/15'], '2a02:8108'),
    (6805, 'DE', 'res', ['77.0.0.0/13', '95.112.0.0/12'], '2a02:3030'),
    (3215, 'FR', 'res', ['90.0.0.0/9', '86.192.0.0/10'], '2a01:cb00'),
    (12322, 'FR', 'res', ['82.64.0.0/10', '88.160.0.0/11'], '2a01:e0a'),
    (1136, 'NL', 'res', ['77.160.0.0/12', '84.80.0.0/13'], '2a02:a440'),
    (33915, 'NL', 'res', ['84.24.0.0/13', '89.98.0.0/15'], '2001:1c00'),
    (3352, 'ES', 'res', ['83.32.0.0/11', '88.0.0.0/12'], '2a0c:5a80'),
    (3269, 'IT', 'res', ['79.0.0.0/11', '87.0.0.0/11'], '2a02:b020'),
    (5617, 'PL', 'res', ['83.0.0.0/11', '31.0.0.0/13'], None),
    (3301, 'SE', 'res', ['78.64.0.0/12', '90.224.0.0/11'], '2001:2043'),
    (3303, 'CH', 'res', ['85.0.0.0/13', '178.192.0.0/12'], '2a02:1210'),
    (8551, 'IL', 'res', ['79.176.0.0/13', '109.64.0.0/12'], None),
    (9121, 'TR', 'res', ['78.160.0.0/11', '85.96.0.0/12'], None),
    (4713, 'JP', 'res', ['153.128.0.0/9', '114.144.0.0/12'], '240b:10'),
    (2516, 'JP', 'res', ['106.128.0.0/10', '111.96.0.0/12'], '240f:7a'),
    (17676, 'JP', 'res', ['126.0.0.0/8'], '240b:11'),
    (4766, 'KR', 'res', ['211.32.0.0/11', '121.128.0.0/10'], None),
    (9318, 'KR', 'res', ['1.224.0.0/11', '218.144.0.0/12'], None),
    (1221, 'AU', 'res', ['101.160.0.0/11', '110.140.0.0/14'], '2001:8003'),
    (7545, 'AU', 'res', ['49.176.0.0/12', '124.168.0.0/13'], '2403:5800'),
    (9506, 'SG', 'res', ['116.86.0.0/15', '118.200.0.0/13'], None),
    (3462, 'TW', 'res', ['1.160.0.0/11', '36.224.0.0/11'], '2001:b011'),
    (24560, 'IN', 'res', ['122.160.0.0/12', '182.64.0.0/12'], '2401:4900'),
    (55836, 'IN', 'res', ['49.32.0.0/11', '157.32.0.0/11'], '2409:40'),
    (28573, 'BR', 'res', ['177.0.0.0/11', '189.0.0.0/11'], '2804:14c'),
    (18881, 'BR', 'res', ['177.32.0.0/12', '179.96.0.0/11'], '2804:7f0'),
    (8151, 'MX', 'res', ['187.128.0.0/10', '189.128.0.0/10'], '2806:101e'),
    (7713, 'ID', 'res', ['36.64.0.0/11', '110.136.0.0/13'], None),
    (7552, 'VN', 'res', ['27.64.0.0/12', '171.224.0.0/11'], '2402:800'),
    (9299, 'PH', 'res', ['112.198.0.0/15', '120.28.0.0/14'], None),
    (36873, 'NG', 'res', ['105.112.0.0/12'], None),
    (37457, 'ZA', 'res', ['41.144.0.0/12', '105.224.0.0/11'], None),
    (7303, 'AR', 'res', ['181.0.0.0/12', '190.16.0.0/12'], None),
    # --- mobile carriers
    (21928, 'US', 'mob', ['172.32.0.0/11'], '2607:fb90'),
    (6167, 'US', 'mob', ['174.192.0.0/10'], '2600:1000'),
    (20057, 'US', 'mob', ['166.128.0.0/9'], '2600:380'),
    (12576, 'GB', 'mob', ['31.94.0.0/15'], '2a00:23ee'),
    (3320, 'DE', 'mob', ['80.187.0.0/16'], '2a01:598'),
    (45609, 'IN', 'mob', ['106.192.0.0/11', '223.176.0.0/12'], '2401:4900'),
    (55836, 'IN', 'mob', ['49.32.0.0/11'], '2409:40'),
    (23693, 'ID', 'mob', ['114.120.0.0/13', '182.0.0.0/12'], None),
    (132199, 'PH', 'mob', ['49.144.0.0/13', '112.200.0.0/13'], None),
    (26615, 'BR', 'mob', ['191.0.0.0/12', '179.192.0.0/11'], '2804:18'),
    (29465, 'NG', 'mob', ['102.89.0.0/16', '197.210.0.0/16'], None),
    (28403, 'MX', 'mob', ['187.184.0.0/13'], None),
    (7552, 'VN', 'mob', ['116.96.0.0/12'], '2402:800'),
    (2516, 'JP', 'mob', ['49.96.0.0/12'], '240f:7a'),
    (9644, 'KR', 'mob', ['223.32.0.0/11'], None),
    (1221, 'AU', 'mob', ['1.128.0.0/11'], '2001:8004'),
    (15557, 'FR', 'mob', ['92.184.96.0/19', '80.215.0.0/16'], None),
    # --- cloud / hosting
    (16509, 'US', 'host', ['3.80.0.0/12', '54.160.0.0/11', '44.192.0.0/11'], None),
    (14618, 'US', 'host', ['52.0.0.0/11', '34.192.0.0/12'], None),
    (16509, 'DE', 'host', ['3.64.0.0/12'], None),
    (16509, 'IE', 'host', ['34.240.0.0/13'], None),
    (16509, 'SG', 'host', ['13.212.0.0/14'], None),
    (16509, 'JP', 'host', ['13.112.0.0/14'], None),
    (16509, 'IN', 'host', ['13.232.0.0/14'], None),
    (15169, 'US', 'host', ['34.64.0.0/10', '35.184.0.0/13'], None),
    (396982, 'NL', 'host', ['34.90.0.0/15'], None),
    (8075, 'US', 'host', ['20.0.0.0/11', '40.64.0.0/10'], None),
    (8075, 'NL', 'host', ['20.50.0.0/16'], None),
    (14061, 'US', 'host', ['159.65.0.0/16', '167.172.0.0/16'], None),
    (14061, 'DE', 'host', ['167.99.0.0/16'], None),
    (14061, 'NL', 'host', ['188.166.0.0/16'], None),
    (14061, 'SG', 'host', ['128.199.0.0/16'], None),
    (24940, 'DE', 'host', ['116.202.0.0/15', '5.9.0.0/16', '88.198.0.0/16'], None),
    (24940, 'FI', 'host', ['95.216.0.0/15', '65.108.0.0/15'], None),
    (16276, 'FR', 'host', ['51.38.0.0/16', '54.36.0.0/14'], None),
    (16276, 'CA', 'host', ['51.79.0.0/16'], None),
    (63949, 'US', 'host', ['45.33.0.0/17', '172.104.0.0/15'], None),
    (20473, 'US', 'host', ['45.32.0.0/16', '149.28.0.0/16'], None),
    (45102, 'SG', 'host', ['47.74.0.0/15', '8.219.0.0/16'], None),
    (45102, 'HK', 'host', ['47.242.0.0/15'], None),
    (132203, 'HK', 'host', ['43.128.0.0/14'], None),
    (132203, 'SG', 'host', ['43.156.0.0/15'], None),
    (31898, 'US', 'host', ['129.146.0.0/16', '150.136.0.0/16'], None),
    (51167, 'DE', 'host', ['161.97.0.0/16', '173.212.192.0/18'], None),
    # --- VPN / proxy exits
    (9009, 'GB', 'vpn', ['185.156.172.0/22', '89.238.128.0/18'], None),
    (9009, 'NL', 'vpn', ['37.120.128.0/18'], None),
    (9009, 'DE', 'vpn', ['193.27.12.0/22', '37.120.192.0/19'], None),
    (9009, 'US', 'vpn', ['38.132.96.0/19'], None),
    (60068, 'US', 'vpn', ['89.187.160.0/19'], None),
    (60068, 'GB', 'vpn', ['212.102.32.0/19'], None),
    (60068, 'JP', 'vpn', ['143.244.32.0/20'], None),
    (212238, 'US', 'vpn', ['156.146.32.0/20'], None),
    (212238, 'CH', 'vpn', ['195.206.104.0/22'], None),
    # --- research & education
    (3, 'US', 'uni', ['18.4.0.0/16', '18.10.0.0/16'], None),
    (32, 'US', 'uni', ['171.64.0.0/14'], None),
    (25, 'US', 'uni', ['128.32.0.0/16'], None),
    (7377, 'US', 'uni', ['132.239.0.0/16'], None),
    (239, 'CA', 'uni', ['128.100.0.0/16'], None),
    (786, 'GB', 'uni', ['128.40.0.0/16', '131.111.0.0/16'], None),
    (680, 'DE', 'uni', ['141.20.0.0/16', '129.187.0.0/16'], None),
    (7472, 'SG', 'uni', ['137.132.0.0/16'], None),
    (2697, 'IN', 'uni', ['14.139.0.0/16'], None),
    (2907, 'JP', 'uni', ['133.11.0.0/16'], None),
    (17579, 'KR', 'uni', ['134.75.0.0/16'], None),
    (7575, 'AU', 'uni', ['129.94.0.0/16'], None),
    (2200, 'FR', 'uni', ['129.175.0.0/16'], None),
    (1916, 'BR', 'uni', ['143.107.0.0/16'], None),
    # --- business transit / enterprise access
    (3356, 'US', 'biz', ['4.0.0.0/9', '8.0.0.0/12'], None),
    (174, 'US', 'biz', ['38.0.0.0/12', '66.28.0.0/15'], None),
    (6461, 'US', 'biz', ['64.124.0.0/15', '208.185.0.0/16'], None),
    (5400, 'GB', 'biz', ['62.6.0.0/16', '194.72.0.0/15'], None),
    (3257, 'DE', 'biz', ['77.67.0.0/17', '213.200.64.0/18'], None),
    (1299, 'SE', 'biz', ['62.115.0.0/16'], None),
    (2914, 'JP', 'biz', ['61.120.0.0/14'], None),
    (6453, 'IN', 'biz', ['115.113.0.0/16'], None),
    (3215, 'FR', 'biz', ['193.248.0.0/14'], None),
    (1136, 'NL', 'biz', ['145.7.0.0/16'], None),
    (4637, 'AU', 'biz', ['203.50.0.0/16'], None),
    (577, 'CA', 'biz', ['64.230.0.0/15'], None),
    (4788, 'SG', 'biz', ['203.116.0.0/16'], None),
]


class AS:
    __slots__ = ('asn', 'cc', 'kind', 'nets', 'cum', 'v6')

    def __init__(self, asn, cc, kind, prefixes, v6):
        self.asn = asn
        self.cc = cc
        self.kind = kind
        self.nets = []
        sizes = []
        for p in prefixes:
            n = ipaddress.IPv4Network(p)
            self.nets.append((int(n.network_address), n.num_addresses))
            sizes.append(n.num_addresses)
        self.cum = cumw(sizes)
        self.v6 = v6

    def rand_v4_int(self, rng):
        base, size = wchoice(rng, self.nets, self.cum)
        x = base + rng.randrange(size)
        return (x & ~0xFF) | rng.randint(1, 254)

    def rand_v4(self, rng):
        return v4str(self.rand_v4_int(rng))

    def rand_v6_prefix64(self, rng):
        hx = self.v6.split(':')
        while len(hx) < 4:
            hx.append('%x' % rng.getrandbits(16))
        return ':'.join(hx)


def v4str(x):
    return '%d.%d.%d.%d' % ((x >> 24) & 255, (x >> 16) & 255, (x >> 8) & 255, x & 255)


def v6iid(rng):
    return '%x:%x:%x:%x' % (rng.getrandbits(16), rng.getrandbits(16),
                            rng.getrandbits(16), rng.getrandbits(16))


ALL = [AS(*r) for r in _RAW]
BY_KIND = {}
for _a in ALL:
    BY_KIND.setdefault(_a.kind, []).append(_a)


def of(kind, cc=None):
    lst = BY_KIND.get(kind, [])
    if cc is None:
        return lst
    return [a for a in lst if a.cc == cc]


def find(asn, cc, kind=None):
    for a in ALL:
        if a.asn == asn and a.cc == cc and (kind is None or a.kind == kind):
            return a
    raise KeyError((asn, cc))


def res_for(cc):
    lst = of('res', cc)
    return lst if lst else of('res', 'US')


def mob_for(cc):
    lst = of('mob', cc)
    return lst if lst else res_for(cc)


def biz_for(cc):
    lst = of('biz', cc)
    return lst if lst else res_for(cc)


def uni_for(cc):
    lst = of('uni', cc)
    return lst if lst else of('uni', 'US')


# ------------------------------------------------------------ endpoints
# An endpoint is a tuple (ip, asn, country).

def endpoint_v4(rng, a, geo_unknown=0.0):
    ip = a.rand_v4(rng)
    if geo_unknown and rng.random() < geo_unknown:
        return (ip, a.asn, None)
    return (ip, a.asn, a.cc)


class Fixed:
    __slots__ = ('ep',)

    def __init__(self, ep):
        self.ep = ep

    def pick(self, rng, ts):
        return self.ep


class Pool:
    """Uniform choice among a fixed list of endpoints on every request."""
    __slots__ = ('eps',)

    def __init__(self, eps):
        self.eps = eps

    def pick(self, rng, ts):
        return self.eps[rng.randrange(len(self.eps))]


class V6Home:
    """Stable /64 with privacy addresses rotating every `period` ms."""
    __slots__ = ('p64', 'asn', 'cc', 'period', 'cur', 'cur_k')

    def __init__(self, p64, asn, cc, period):
        self.p64 = p64
        self.asn = asn
        self.cc = cc
        self.period = period
        self.cur = None
        self.cur_k = None

    def pick(self, rng, ts):
        k = ts // self.period
        if k != self.cur_k:
            self.cur_k = k
            self.cur = (self.p64 + ':' + v6iid(rng), self.asn, self.cc)
        return self.cur


class Rotating:
    """A fresh address from a weighted set of ASes on every request."""
    __slots__ = ('ases', 'cum', 'v6p')

    def __init__(self, ases, weights=None, v6p=0.0):
        self.ases = ases
        self.cum = cumw(weights or [1.0] * len(ases))
        self.v6p = v6p

    def pick(self, rng, ts):
        a = wchoice(rng, self.ases, self.cum)
        if a.v6 and self.v6p and rng.random() < self.v6p:
            return (a.rand_v6_prefix64(rng) + ':' + v6iid(rng), a.asn, a.cc)
        return (a.rand_v4(rng), a.asn, a.cc)


class Mixed:
    """Choose among sub-policies; the choice is held for `hold` ms (a session)."""
    __slots__ = ('pols', 'cum', 'hold', 'cur', 'until')

    def __init__(self, pols, weights, hold=40 * 60_000):
        self.pols = pols
        self.cum = cumw(weights)
        self.hold = hold
        self.cur = None
        self.until = -1

    def pick(self, rng, ts):
        if self.cur is None or ts >= self.until or ts < self.until - 2 * self.hold:
            self.cur = wchoice(rng, self.pols, self.cum)
            self.until = ts + self.hold
        return self.cur.pick(rng, ts)


class Sticky:
    """Hold one pick of an inner policy for `hold` ms, then re-pick."""
    __slots__ = ('inner', 'hold', 'cur', 'until')

    def __init__(self, inner, hold):
        self.inner = inner
        self.hold = hold
        self.cur = None
        self.until = -1

    def pick(self, rng, ts):
        if self.cur is None or ts >= self.until:
            self.cur = self.inner.pick(rng, ts)
            self.until = ts + self.hold
        return self.cur


def nat_pool(rng, a, n):
    """n egress addresses of one AS, clustered in a few /24s (CGNAT / VPN / NAT)."""
    blocks = max(1, n // 16)
    bases = [a.rand_v4_int(rng) & ~0xFF for _ in range(blocks)]
    eps = []
    seen = set()
    while len(eps) < n:
        x = bases[rng.randrange(blocks)] | rng.randint(2, 253)
        if x in seen:
            continue
        seen.add(x)
        eps.append((v4str(x), a.asn, a.cc))
    return eps
