"""The fjord internet: ISPs, carriers, clouds, VPNs, campuses and the proxy
market that resells the very same household address space.

Addresses are synthetic but allocated per ASN from region-plausible /16
blocks, so a residential proxy exit and a benign household in the same ISP
look alike. The allocation is seed-independent (the internet does not change
between seeds); everything per-account is drawn from the account's RNG.
Network pickers return pre-rendered JSON fragments (ip, asn, country).
"""
import random

from .core import DAY, WChoice, hexs

ARIN = (23, 24, 50, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96,
        97, 98, 99, 104, 107, 108, 142, 173, 174, 184, 198, 199, 204, 205, 206,
        207, 208, 209, 216)
RIPE = (2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88,
        89, 90, 91, 92, 93, 94, 95, 109, 151, 176, 178, 185, 188, 193, 194, 195,
        212, 213, 217)
APNIC = (1, 14, 27, 36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112,
         113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126,
         175, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222)
LACNIC = (177, 179, 181, 186, 187, 189, 190, 191, 200, 201)
OCTETS = {'arin': ARIN, 'ripe': RIPE, 'apnic': APNIC, 'lacnic': LACNIC}
V6BASE = {'arin': 0x2600, 'ripe': 0x2a00, 'apnic': 0x2400, 'lacnic': 0x2800}

REGION = {
    'US': 'arin', 'CA': 'arin', 'GB': 'ripe', 'DE': 'ripe', 'FR': 'ripe',
    'NL': 'ripe', 'ES': 'ripe', 'IT': 'ripe', 'PL': 'ripe', 'SE': 'ripe',
    'NO': 'ripe', 'TR': 'ripe', 'IE': 'ripe', 'FI': 'ripe', 'RO': 'ripe',
    'BR': 'lacnic', 'MX': 'lacnic', 'IN': 'apnic', 'JP': 'apnic',
    'KR': 'apnic', 'SG': 'apnic', 'AU': 'apnic', 'ID': 'apnic', 'VN': 'apnic',
    'PH': 'apnic',
}

# Residential broadband ISPs per country: (asn, weight)
RESI = {
    'US': ((7922, 30), (20115, 18), (701, 12), (7018, 15), (22773, 7), (209, 6), (5650, 4)),
    'CA': ((812, 40), (577, 35), (5769, 25)),
    'GB': ((2856, 35), (5089, 25), (5607, 20), (13285, 20)),
    'DE': ((3320, 45), (3209, 30), (6830, 15), (8881, 10)),
    'FR': ((3215, 40), (12322, 30), (15557, 20), (5410, 10)),
    'NL': ((1136, 45), (33915, 55)),
    'ES': ((3352, 50), (12479, 25), (12430, 25)),
    'IT': ((3269, 50), (30722, 25), (1267, 25)),
    'PL': ((5617, 55), (12741, 45)),
    'SE': ((3301, 60), (1257, 40)),
    'NO': ((2119, 60), (41164, 40)),
    'TR': ((9121, 70), (34984, 30)),
    'BR': ((18881, 40), (28573, 35), (8167, 25)),
    'MX': ((8151, 70), (13999, 30)),
    'IN': ((24560, 40), (24309, 30), (17488, 30)),
    'JP': ((4713, 40), (2516, 35), (17676, 25)),
    'KR': ((4766, 50), (9318, 25), (17858, 25)),
    'SG': ((9506, 50), (4657, 30), (4773, 20)),
    'AU': ((1221, 45), (4804, 30), (7545, 25)),
    'ID': ((7713, 70), (23700, 30)),
    'VN': ((7552, 50), (45899, 30), (18403, 20)),
    'PH': ((9299, 60), (10139, 40)),
}
# Mobile carriers (carrier-grade NAT): (asn, weight)
MOBILE = {
    'US': ((21928, 40), (6167, 35), (20057, 25)),
    'CA': ((812, 50), (577, 50)),
    'GB': ((12576, 50), (25135, 50)),
    'DE': ((6805, 50), (3209, 50)),
    'FR': ((51207, 50), (5410, 50)),
    'IN': ((55836, 60), (45609, 40)),
    'BR': ((26615, 50), (28573, 50)),
    'MX': ((28403, 100),),
    'ID': ((23693, 100),),
    'JP': ((9605, 100),),
    'KR': ((9644, 100),),
    'PH': ((132199, 100),),
    'VN': ((7552, 100),),
    'TR': ((15897, 100),),
    'AU': ((1221, 100),),
}
# Clouds: (asn, countries)
HOSTING = (
    (16509, ('US', 'US', 'US', 'IE', 'DE', 'SG', 'JP', 'GB')),
    (396982, ('US', 'US', 'NL', 'SG', 'JP')),
    (8075, ('US', 'US', 'NL', 'IE', 'SG')),
    (14061, ('US', 'NL', 'DE', 'SG', 'GB', 'IN')),
    (24940, ('DE', 'DE', 'FI')),
    (16276, ('FR', 'FR', 'CA', 'DE', 'PL')),
    (63949, ('US', 'DE', 'SG', 'JP')),
    (20473, ('US', 'NL', 'JP', 'SG')),
    (31898, ('US', 'DE')),
    (45102, ('SG', 'US')),
)
BIG_CLOUD = (16509, 396982, 8075)
VPS_CLOUD = (14061, 24940, 16276, 63949, 20473)
VPN = (
    (9009, ('GB', 'US', 'NL', 'RO', 'DE', 'SE')),
    (212238, ('US', 'GB', 'DE', 'NL', 'SG', 'JP')),
    (60068, ('GB', 'US', 'FR')),
    (62240, ('GB', 'US')),
)
ZSCALER = 62044
# Campuses: (asn, country, tz, tag)
UNIV = (
    (3, 'US', -5, 'mit'), (32, 'US', -8, 'stanford'), (25, 'US', -8, 'berkeley'),
    (73, 'US', -8, 'uw'), (36375, 'US', -5, 'umich'), (786, 'GB', 0, 'janet'),
    (680, 'DE', 1, 'dfn'), (1103, 'NL', 1, 'surf'), (2907, 'JP', 9, 'sinet'),
    (7575, 'AU', 11, 'aarnet'), (1916, 'BR', -3, 'rnp'), (2697, 'IN', 5.5, 'ernet'),
    (224, 'NO', 1, 'sikt'), (7472, 'SG', 8, 'nus'),
)
COUNTRY_W = (
    ('US', 28), ('IN', 8), ('GB', 6), ('DE', 6), ('BR', 5), ('FR', 4), ('CA', 4),
    ('JP', 4), ('KR', 3), ('AU', 2.5), ('NL', 2), ('ES', 2), ('IT', 2), ('PL', 2),
    ('MX', 2), ('ID', 2), ('SG', 1.5), ('VN', 1.5), ('SE', 1), ('NO', 0.7),
    ('PH', 1.5), ('TR', 1.5),
)
TZ = {
    'US': ((-5, 47), (-6, 29), (-7, 7), (-8, 17)), 'CA': ((-5, 60), (-8, 25), (-7, 15)),
    'BR': ((-3, 1),), 'MX': ((-6, 1),), 'GB': ((0, 1),), 'IE': ((0, 1),),
    'DE': ((1, 1),), 'FR': ((1, 1),), 'NL': ((1, 1),), 'ES': ((1, 1),), 'IT': ((1, 1),),
    'PL': ((1, 1),), 'SE': ((1, 1),), 'NO': ((1, 1),), 'FI': ((2, 1),), 'RO': ((2, 1),),
    'TR': ((3, 1),), 'IN': ((5.5, 1),), 'VN': ((7, 1),), 'ID': ((7, 1),),
    'SG': ((8, 1),), 'PH': ((8, 1),), 'JP': ((9, 1),), 'KR': ((9, 1),),
    'AU': ((11, 75), (8, 25)),
}
_TZC = {cc: WChoice([a for a, _ in v], [w for _, w in v]) for cc, v in TZ.items()}
_CCC = WChoice([c for c, _ in COUNTRY_W], [w for _, w in COUNTRY_W])


def pick_country(rng):
    return _CCC(rng)


def pick_tz(rng, cc):
    return _TZC[cc](rng)


def q(s):
    return 'null' if s is None else '"%s"' % s


class Internet:
    """Seed-independent address plan, plus shared NAT/VPN/CGNAT pools."""

    def __init__(self):
        rng = random.Random('fjord-internet-v1')
        self._rng = rng
        self.blocks = {}
        self.v6 = {}
        self.cc_of = {}
        self._used = set()
        self._used6 = set()
        for cc, lst in RESI.items():
            for asn, _ in lst:
                self._alloc(asn, cc, rng.randint(4, 10))
        for cc, lst in MOBILE.items():
            for asn, _ in lst:
                self._alloc(asn, cc, rng.randint(2, 4))
        for asn, ccs in HOSTING:
            self._alloc(asn, 'US' if 'US' in ccs else ccs[0], rng.randint(6, 12))
        for asn, ccs in VPN:
            self._alloc(asn, ccs[0], rng.randint(2, 4))
        self._alloc(ZSCALER, 'US', 4)
        for asn, cc, _, _ in UNIV:
            self._alloc(asn, cc, rng.randint(1, 2))
        self.resi = {cc: WChoice([a for a, _ in v], [w for _, w in v]) for cc, v in RESI.items()}
        self.mobile = {cc: WChoice([a for a, _ in v], [w for _, w in v]) for cc, v in MOBILE.items()}
        self._cgnat = {}
        self._vpn = {}
        self._next_ent = 395100

    def _alloc(self, asn, cc, k):
        if asn in self.blocks:
            return
        region = REGION.get(cc, 'arin')
        octs = OCTETS[region]
        out = []
        while len(out) < k:
            a = self._rng.choice(octs)
            b = self._rng.randint(1, 254)
            if (a, b) in self._used:
                continue
            self._used.add((a, b))
            out.append((a, b))
        self.blocks[asn] = out
        while True:
            p = '%x:%x' % (V6BASE[region] + self._rng.randint(0, 15), self._rng.getrandbits(16))
            if p not in self._used6:
                self._used6.add(p)
                break
        self.v6[asn] = p
        self.cc_of[asn] = cc

    def ip4(self, rng, asn):
        a, b = rng.choice(self.blocks[asn])
        return '%d.%d.%d.%d' % (a, b, rng.randint(0, 255), rng.randint(1, 254))

    def v6_64(self, rng, asn):
        return '%s:%x:%x' % (self.v6[asn], rng.getrandbits(16), rng.getrandbits(16))

    def enterprise_asn(self, rng, cc):
        asn = self._next_ent + rng.randint(1, 40)
        self._next_ent = asn
        # enterprise blocks are allocated from the shared allocator
        self._alloc(asn, cc, 1)
        return asn

    def resi_exit(self, rng, cc):
        asn = self.resi[cc](rng)
        return (self.ip4(rng, asn), str(asn), q(cc))

    def cgnat_pool(self, asn):
        p = self._cgnat.get(asn)
        if p is None:
            r = random.Random('fjord-cgnat-%d' % asn)
            cc = self.cc_of[asn]
            n = r.randint(300, 900)
            p = [(self.ip4(r, asn), str(asn), q(cc)) for _ in range(n)]
            self._cgnat[asn] = p
        return p

    def vpn_pool(self, asn, cc):
        key = (asn, cc)
        p = self._vpn.get(key)
        if p is None:
            r = random.Random('fjord-vpn-%d-%s' % (asn, cc))
            p = [(self.ip4(r, asn), str(asn), q(cc)) for _ in range(r.randint(30, 120))]
            self._vpn[key] = p
        return p


# ---- per-account network pickers: f(rng, t, new_session) -> (ip, asn, cc)

def home(I, rng, cc):
    asn = I.resi[cc](rng)
    asn_s, cc_s = str(asn), q(cc)
    if rng.random() < 0.004:  # geo lookup misses this block
        asn_s, cc_s = 'null', 'null'
    if rng.random() < 0.33:
        pfx = I.v6_64(rng, asn)
        days = {}

        def pick(r, t, new):
            d = t // DAY
            ip = days.get(d)
            if ip is None:
                ip = '%s:%x:%x:%x:%x' % (pfx, r.getrandbits(16), r.getrandbits(16),
                                         r.getrandbits(16), r.getrandbits(16))
                days[d] = ip
            return (ip, asn_s, cc_s)
        return pick
    ips = [I.ip4(rng, asn)]
    change = rng.random() < 0.1
    t_change = rng.randint(0, 2 * DAY)
    if change:
        ips.append(I.ip4(rng, asn))
    a = (ips[0], asn_s, cc_s)
    b = (ips[-1], asn_s, cc_s)

    def pick(r, t, new):
        return b if t >= t_change else a
    return pick


def mobile(I, rng, cc):
    ch = I.mobile.get(cc)
    asn = ch(rng) if ch else I.resi[cc](rng)
    pool = I.cgnat_pool(asn)
    cur = [rng.choice(pool)]

    def pick(r, t, new):
        if new or r.random() < 0.06:
            cur[0] = r.choice(pool)
        return cur[0]
    return pick


def home_and_mobile(I, rng, cc, p_mobile):
    h = home(I, rng, cc)
    m = mobile(I, rng, cc)
    cur = [h]

    def pick(r, t, new):
        if new:
            cur[0] = m if r.random() < p_mobile else h
        return cur[0](r, t, new)
    return pick


def vpn(I, rng, home_cc):
    asn, ccs = rng.choice(VPN)
    cc = home_cc if home_cc in ccs and rng.random() < 0.6 else rng.choice(ccs)
    pool = I.vpn_pool(asn, cc)
    cur = [rng.choice(pool)]
    fallback = home(I, rng, home_cc)

    def pick(r, t, new):
        if new:
            if r.random() < 0.12:
                cur[0] = None  # VPN off this session
            elif cur[0] is None or r.random() < 0.3:
                cur[0] = r.choice(pool)
        if cur[0] is None:
            return fallback(r, t, new)
        return cur[0]
    return pick


class Egress:
    """A shared egress (office NAT, campus NAT, cloud NAT gateway)."""

    def __init__(self, ips):
        self.ips = ips

    def picker(self, rng=None):
        ips = self.ips
        if len(ips) == 1:
            one = ips[0]
            return lambda r, t, new: one
        cur = [ips[0]]

        def pick(r, t, new):
            if new:
                cur[0] = r.choice(ips)
            return cur[0]
        return pick


def corp_egress(I, rng, cc, n_ips=None):
    if rng.random() < 0.3:
        asn = ZSCALER
        cc_s = q(cc)
    else:
        asn = I.enterprise_asn(rng, cc)
        cc_s = q(cc)
    k = n_ips or rng.randint(1, 3)
    return Egress([(I.ip4(rng, asn), str(asn), cc_s) for _ in range(k)])


def cloud_egress(I, rng, asns=BIG_CLOUD, k=None, cc=None):
    asn = rng.choice(asns)
    ccs = dict(HOSTING)[asn]
    c = cc if cc in ccs else rng.choice(ccs)
    k = k or rng.randint(1, 4)
    return Egress([(I.ip4(rng, asn), str(asn), q(c)) for _ in range(k)])


def campus_egress(I, rng, univ, k=None):
    asn, cc, _, _ = univ
    k = k or rng.randint(1, 2)
    return Egress([(I.ip4(rng, asn), str(asn), q(cc)) for _ in range(k)])


class ProxyPool:
    """A residential/mobile proxy product: exits are real household or carrier
    addresses in the same ISPs benign users sit in."""

    def __init__(self, I, rng, size, cc_weights, mobile_share=0.0):
        ccs = WChoice([c for c, _ in cc_weights], [w for _, w in cc_weights])
        self.exits = []
        for _ in range(size):
            cc = ccs(rng)
            if mobile_share and rng.random() < mobile_share and cc in MOBILE:
                self.exits.append(rng.choice(I.cgnat_pool(I.mobile[cc](rng))))
            else:
                self.exits.append(I.resi_exit(rng, cc))

    def rotating(self):
        ex = self.exits
        return lambda r, t, new: r.choice(ex)

    def sticky_session(self, rng, minutes=(5, 30)):
        ex = self.exits
        state = [rng.choice(ex), 0]
        lo, hi = minutes

        def pick(r, t, new):
            if t >= state[1]:
                state[0] = r.choice(ex)
                state[1] = t + r.randint(lo, hi) * 60000
            return state[0]
        return pick

    def sticky_account(self, rng):
        one = rng.choice(self.exits)
        return lambda r, t, new: one


def key_id(rng):
    return 'key_' + hexs(rng, 10)
