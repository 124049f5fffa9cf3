"""Address space of the lagoon world: ISPs, carriers with CGNAT pools, clouds, VPNs, campuses, offices."""
from .catalog import COUNTRIES, RES_ASN, MOB_ASN, HOSTING, HOSTING_W, VPNS
from .util import table, pick_cum

OCTETS = [o for o in range(2, 224) if o not in (10, 100, 127, 169, 172, 192, 198, 203)]


class Registry:
    def __init__(self, rng, n_benign):
        self.r = rng
        self.used16 = set()
        self.asn_used = set()
        for v in RES_ASN.values():
            self.asn_used.update(v)
        for v in MOB_ASN.values():
            self.asn_used.update(v)
        self.ctab = table([(c[0], c[1]) for c in COUNTRIES])
        self.offs = {c[0]: table(list(c[2])) for c in COUNTRIES}
        self.res = {}
        self.mob = {}
        pool = 8 + n_benign // 800
        for cc, _, _ in COUNTRIES:
            isps = []
            asns = RES_ASN[cc]
            for j, asn in enumerate(asns):
                p16 = [self.alloc16() for _ in range(max(2, 6 - j))]
                v6 = (0x2000 + rng.randrange(0x100, 0xdff), rng.randrange(1, 0xffff))
                isps.append((asn, p16, v6, cc))
            self.res[cc] = (isps, table([(i, 1.0 / (j + 1)) for j, i in enumerate(range(len(isps)))])[1])
            cars = []
            for asn in MOB_ASN[cc]:
                p = self.alloc16()
                ips = ["%d.%d.%d.%d" % (p[0], p[1], rng.randrange(256), rng.randrange(1, 255)) for _ in range(pool)]
                v6 = (0x2000 + rng.randrange(0x100, 0xdff), rng.randrange(1, 0xffff))
                cars.append((asn, ips, v6, cc))
            self.mob[cc] = cars
        self.host = {}
        for name, asn, regions in HOSTING:
            reg = {}
            for cc in regions:
                if cc not in reg:
                    reg[cc] = [self.alloc16() for _ in range(3)]
            self.host[name] = (asn, reg, sorted(reg))
        self.host_tab = table(list(zip([h[0] for h in HOSTING], HOSTING_W)))
        self.vpn = {}
        for name, asn, exits_cc in VPNS:
            ex = []
            for cc in exits_cc:
                p = self.alloc16()
                base = rng.randrange(256)
                for _ in range(rng.randint(4, 14)):
                    ex.append(("%d.%d.%d.%d" % (p[0], p[1], base, rng.randrange(2, 254)), asn, cc))
            self.vpn[name] = ex
        self.corps = {}

    # ---- allocation
    def alloc16(self):
        r = self.r
        while True:
            p = (OCTETS[r.randrange(len(OCTETS))], r.randrange(256))
            if p not in self.used16:
                self.used16.add(p)
                return p

    def new_asn(self):
        r = self.r
        while True:
            a = r.choice((r.randrange(1000, 64000), r.randrange(131072, 400000)))
            if a not in self.asn_used:
                self.asn_used.add(a)
                return a

    # ---- geography
    def country(self, rng):
        cc = pick_cum(rng, self.ctab)
        return cc, pick_cum(rng, self.offs[cc])

    def offset(self, rng, cc):
        t = self.offs.get(cc)
        return pick_cum(rng, t) if t else 0

    # ---- residential
    def isp(self, rng, cc):
        isps, c = self.res[cc]
        return pick_cum(rng, (isps, c))

    def home(self, rng, cc, v6p=0.25):
        asn, p16, v6, _ = self.isp(rng, cc)
        if rng.random() < v6p:
            ip = "%x:%x:%x:%x:%x:%x:%x:%x" % (v6[0], v6[1], rng.randrange(1, 0x10000), rng.randrange(1, 0x10000),
                                              rng.randrange(1, 0x10000), rng.randrange(1, 0x10000),
                                              rng.randrange(1, 0x10000), rng.randrange(1, 0x10000))
            if rng.random() < 0.03:
                return (ip, None, None)
            return (ip, asn, cc)
        p = p16[rng.randrange(len(p16))]
        return ("%d.%d.%d.%d" % (p[0], p[1], rng.randrange(256), rng.randrange(1, 255)), asn, cc)

    def res_v4(self, rng, cc):
        asn, p16, _, _ = self.isp(rng, cc)
        p = p16[rng.randrange(len(p16))]
        return ("%d.%d.%d.%d" % (p[0], p[1], rng.randrange(256), rng.randrange(1, 255)), asn, cc)

    # ---- mobile (carrier-grade NAT: a small public pool shared by many subscribers)
    def carrier(self, rng, cc):
        cars = self.mob[cc]
        return cars[0] if len(cars) == 1 or rng.random() < 0.5 else cars[rng.randrange(len(cars))]

    def mobile(self, rng, car):
        asn, ips, v6, cc = car
        if rng.random() < 0.3:
            return ("%x:%x:%x:%x:%x:%x:%x:%x" % (v6[0], v6[1], rng.randrange(1, 0x10000), rng.randrange(1, 0x10000),
                                                 rng.randrange(1, 0x10000), rng.randrange(1, 0x10000),
                                                 rng.randrange(1, 0x10000), rng.randrange(1, 0x10000)), asn, cc)
        return (ips[rng.randrange(len(ips))], asn, cc)

    # ---- cloud
    def provider(self, rng):
        return pick_cum(rng, self.host_tab)

    def region(self, rng, prov, prefer=None):
        asn, reg, ccs = self.host[prov]
        if prefer in reg and rng.random() < 0.8:
            return prefer
        return ccs[rng.randrange(len(ccs))]

    def vm(self, rng, prov, cc):
        asn, reg, _ = self.host[prov]
        p16 = reg[cc]
        p = p16[rng.randrange(len(p16))]
        return ("%d.%d.%d.%d" % (p[0], p[1], rng.randrange(256), rng.randrange(1, 255)), asn, cc)

    def block(self, rng, prov, cc, n):
        """n addresses from one /24 of a provider region (contiguous-ish)."""
        asn, reg, _ = self.host[prov]
        p16 = reg[cc]
        p = p16[rng.randrange(len(p16))]
        c = rng.randrange(256)
        start = rng.randrange(2, max(3, 250 - n))
        return [("%d.%d.%d.%d" % (p[0], p[1], c, start + i), asn, cc) for i in range(n)]

    # ---- corporate egress NAT (business lines in ISP space)
    def corp(self, rng, cc, reuse=0.6):
        lst = self.corps.setdefault(cc, [])
        if lst and rng.random() < reuse:
            return lst[rng.randrange(len(lst))]
        asn, p16, _, _ = self.isp(rng, cc)
        p = p16[rng.randrange(len(p16))]
        c = rng.randrange(256)
        d = rng.randrange(2, 240)
        eg = [("%d.%d.%d.%d" % (p[0], p[1], c, d + i), asn, cc) for i in range(rng.choice((1, 1, 2, 3)))]
        lst.append(eg)
        return eg

    def campus(self, rng, cc):
        asn = self.new_asn()
        p = self.alloc16()
        c = rng.randrange(256)
        return [("%d.%d.%d.%d" % (p[0], p[1], c, rng.randrange(2, 254)), asn, cc) for _ in range(rng.randint(1, 3))]

    def vpn_exits(self, name):
        return self.vpn[name]
