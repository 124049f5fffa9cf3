"""Shared builders for accounts and their networks, used by both benign groups and campaigns."""
import math

from .content import NEW_MODEL, wpick
from .engine import Account
from .net import (COUNTRIES, UNIVERSITY, Fixed, Home, Household, Mix, Office, Pool, pick_country, pick_tz,
                  ZSCALER_COUNTRIES)
from .timeutil import DAY, HOUR, MIN


def new_account(w, rng, created, org=None, pay=None, ua="anthropic-python/0.74.1", net=None, nkeys=1, **kw):
    aid = w.new_id("acct_", 12, rng)
    keys = [w.new_id("key_", 10, rng) for _ in range(nkeys)]
    created = (created // 1000) * 1000
    return Account(aid, org, keys, created, pay, ua, net, **kw)


def new_org(w, rng):
    return w.new_id("org_", 12, rng)


def new_card(w, rng):
    return w.new_id("pm_", 16, rng)


def daytime(t, tz, rng, lo=8.0, hi=23.0):
    """Move t to a local daytime hour on the same local day (account sign-ups happen awake)."""
    day_start = int((((t / HOUR + tz) // 24) * 24 - tz) * HOUR)
    return day_start + int((lo + (hi - lo) * rng.random()) * HOUR)


def established(w, rng, tz, min_days=20, max_days=900, skew=1.7):
    d = min_days + (max_days - min_days) * (rng.random() ** skew)
    t = w.ws - int(d * DAY)
    t = daytime(t, tz, rng)
    if t > w.ws - min_days * DAY // 2:
        t = w.ws - min_days * DAY // 2
    return t


def salt(rng):
    return rng.getrandbits(32)


def household(w, rng, cc, p_share=0.03):
    """A household, sometimes shared with an earlier account (family, flatmates)."""
    lst = w.households.setdefault(cc, [])
    if lst and rng.random() < p_share:
        return lst[int(rng.random() * len(lst))]
    hh = Household(w.inet, cc, rng)
    if len(lst) < 4000:
        lst.append(hh)
    return hh


def mobile_pool(w, rng, cc):
    return Pool(w.inet.cgnat_pool(cc, w.inet.mobile_carrier(cc, rng)), salt=salt(rng))


def vpn_pool(w, rng, cc):
    exits = w.inet.vpn_exits
    own = [e for c, e in exits if c == cc]
    if not own or rng.random() < 0.45:
        want = wpick(rng, [("US", 45), ("NL", 15), ("GB", 15), ("DE", 10), ("SG", 8), ("JP", 7)])
        own = [e for c, e in exits if c == want]
    k = 1 + int(rng.random() * 3)
    return Pool([own[int(rng.random() * len(own))] for _ in range(k)], salt=salt(rng))


def warp_pool(w, rng, cc):
    return Pool(w.inet.warp[cc], salt=salt(rng))


def zscaler_pool(w, rng, cc):
    if cc not in ZSCALER_COUNTRIES:
        cc = "US"
    return Pool(w.inet.zscaler[cc], salt=salt(rng))


def cloud_region(cc, prov, inet):
    regs = inet.hosting_regions(prov)
    return cc if cc in regs else ("US" if "US" in regs else regs[0])


def cloud_fixed(w, rng, cc, n=1, provs=None):
    prov = wpick(rng, provs or [("aws", 40), ("gcp", 20), ("azure", 12), ("digitalocean", 10), ("hetzner", 8),
                                ("linode", 5), ("vultr", 5)])
    reg = cloud_region(cc, prov, w.inet)
    return Fixed(w.inet.hosting_ips(prov, reg, rng, n)), prov, reg


def corp_nat(w, rng, cc, n=None):
    if n is None:
        n = 1 + int(rng.random() * 3)
    asn = w.inet.res_asn(cc, rng)[0]
    return Fixed([w.inet.res_ip(cc, rng, asn) for _ in range(n)])


def personal_net(w, rng, cc, tz, kind=None):
    """Network profile for an individual user."""
    if kind is None:
        kind = wpick(rng, [("home", 52), ("home_mobile", 20), ("vpn", 8), ("warp", 3), ("mobile", 7),
                           ("office", 6), ("zscaler", 2), ("cloud", 2)])
    if kind == "home":
        return Home(household(w, rng, cc), mobile_pool(w, rng, cc), 0.06, salt(rng))
    if kind == "home_mobile":
        return Home(household(w, rng, cc), mobile_pool(w, rng, cc), 0.25 + 0.3 * rng.random(), salt(rng))
    if kind == "vpn":
        return Mix([(vpn_pool(w, rng, cc), 0.8), (Home(household(w, rng, cc)), 0.2)], salt(rng))
    if kind == "warp":
        return warp_pool(w, rng, cc)
    if kind == "mobile":
        return mobile_pool(w, rng, cc)
    if kind == "office":
        return Office(corp_nat(w, rng, cc), Home(household(w, rng, cc)), tz)
    if kind == "zscaler":
        return Office(zscaler_pool(w, rng, cc), Home(household(w, rng, cc)), tz)
    if kind == "cloud":
        return Mix([(cloud_fixed(w, rng, cc, 1)[0], 0.7), (Home(household(w, rng, cc)), 0.3)], salt(rng))
    raise ValueError(kind)


def adopt(w, a, rng, p, delay_med_h, share, at=None):
    """Early adoption of the newly released model."""
    if w.release is None or rng.random() >= p:
        return
    if at is None:
        at = w.release + int(delay_med_h * HOUR * math.exp(rng.gauss(0, 0.9)))
    a.adopt = max(at, w.release)
    a.share = share


def univ_country(rng):
    return wpick(rng, [(c, COUNTRIES[c][0]) for c in UNIVERSITY])


__all__ = ["new_account", "new_org", "new_card", "daytime", "established", "salt", "household", "mobile_pool",
           "vpn_pool", "warp_pool", "zscaler_pool", "cloud_fixed", "corp_nat", "personal_net", "adopt",
           "univ_country", "pick_country", "pick_tz", "NEW_MODEL", "MIN", "HOUR", "DAY"]
