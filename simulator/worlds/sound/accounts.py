"""Billing accounts, organisations, keys and payment instruments."""

from .util import hexid, rng_for, iso_ms, DAY_MS, HOUR_MS

API_LAUNCH_MS = 1_678_000_000_000     # March 2023: no account is older than this


class Account:
    __slots__ = ("id", "org", "keys", "created_ms", "created_str", "pay", "rpm", "pres", "role",
                 "n", "first_mal")

    def __init__(self, aid, org, keys, created_ms, pay, rpm, pres=None, role=""):
        self.id, self.org, self.keys, self.pay, self.rpm = aid, org, keys, pay, rpm
        self.created_ms = int(created_ms)
        self.created_str = iso_ms(self.created_ms)
        self.pres, self.role = pres, role
        self.n, self.first_mal = 0, None


class Registry:
    """Issues unique identifiers, in a deterministic order."""

    def __init__(self, seed):
        self.rng = rng_for(seed, "ids")
        self.used = set()

    def _new(self, prefix, n):
        while True:
            s = prefix + hexid(self.rng, n)
            if s not in self.used:
                self.used.add(s)
                return s

    def account_id(self):
        return self._new("acct_", 12)

    def org(self):
        return self._new("org_", 12)

    def key(self):
        return self._new("key_", 10)

    def keys(self, n):
        return [self.key() for _ in range(n)]

    def card(self):
        return self._new("pm_", 16)

    def sys_hash(self):
        return self._new("", 16)


def rpm_for(pay, created_ms, now_ms, heavy=False):
    """Rate-limit tier by payment and account age (requests per minute on messages)."""
    if heavy:
        return 4000
    if pay is None:
        return 5
    age = now_ms - created_ms
    if age < 7 * DAY_MS:
        return 50
    if age < 30 * DAY_MS:
        return 1000
    return 2000


def created_benign(rng, t0, young_share=0.22):
    """Account age for an ordinary user: some young, most months to years old."""
    u = rng.random()
    if u < young_share:
        age = rng.uniform(0.5, 30) * DAY_MS
    elif u < young_share + 0.45:
        age = rng.uniform(30, 365) * DAY_MS
    else:
        age = rng.uniform(365, 1000) * DAY_MS
    c = int(t0 - age)
    return max(c, API_LAUNCH_MS + rng.randrange(90 * DAY_MS))


def org_individual(reg, rng, p_org=0.5):
    return reg.org() if rng.random() < p_org else None
