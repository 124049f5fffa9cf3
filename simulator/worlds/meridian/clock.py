"""Calendar, time zones and diurnal/weekly activity curves for the meridian world.

Time inside the world is a float: seconds since START (a fixed UTC instant).
"""
import datetime

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# Friday 20 November 2026, 06:00 UTC: a 48 h run reaches into the weekend.
START = datetime.datetime(2026, 11, 20, 6, 0, 0, tzinfo=datetime.timezone.utc)
START_MS = int((START - EPOCH).total_seconds()) * 1000
START_HOW = START.weekday() * 24 + START.hour  # hour-of-week (Mon 00:00 = 0) in UTC

_DAYS = {}


def fmt_ms(ms):
    """Absolute epoch milliseconds -> RFC 3339 UTC with milliseconds and Z."""
    d, r = divmod(ms, 86400000)
    p = _DAYS.get(d)
    if p is None:
        p = (EPOCH + datetime.timedelta(days=d)).strftime('%Y-%m-%dT')
        _DAYS[d] = p
    h, r = divmod(r, 3600000)
    m, r = divmod(r, 60000)
    s, r = divmod(r, 1000)
    return '%s%02d:%02d:%02d.%03dZ' % (p, h, m, s, r)


def fmt_rel(t):
    """World seconds -> RFC 3339 (millisecond resolution, floor)."""
    return fmt_ms(START_MS + int(t * 1000.0 // 1))


def fmt_rel_s(t):
    """World seconds -> RFC 3339 rounded down to the whole second (account creation times)."""
    return fmt_ms(START_MS + int(t // 1) * 1000)


# ---------------------------------------------------------------- regions
class Region:
    __slots__ = ('name', 'cc', 'off', 'weight', 'resid', 'mobile')

    def __init__(self, name, cc, off, weight, resid, mobile):
        self.name, self.cc, self.off, self.weight = name, cc, off, weight
        self.resid, self.mobile = resid, mobile


# November offsets (DST over in the north, on in Australia).
REGIONS = [
    Region('us-east', 'US', -5, 14.0, [7922, 701, 7018, 22773], [21928, 22394, 20057]),
    Region('us-central', 'US', -6, 6.0, [20115, 7018, 7922], [21928, 20057]),
    Region('us-west', 'US', -8, 9.0, [7922, 20115, 701], [21928, 22394]),
    Region('ca', 'CA', -5, 2.5, [812, 577], [812]),
    Region('br', 'BR', -3, 3.0, [28573, 18881], [26615, 18881]),
    Region('mx', 'MX', -6, 1.5, [8151], [8151]),
    Region('gb', 'GB', 0, 5.0, [2856, 5089, 5607], [25135, 12576]),
    Region('de', 'DE', 1, 4.5, [3320, 3209, 6805], [3320, 3209]),
    Region('fr', 'FR', 1, 3.0, [3215, 12322, 5410], [3215, 51207]),
    Region('nl', 'NL', 1, 1.5, [1136, 33915], [1136]),
    Region('pl', 'PL', 1, 1.5, [5617, 12741], [5617]),
    Region('es', 'ES', 1, 1.5, [3352, 12479], [3352]),
    Region('il', 'IL', 2, 1.0, [8551, 1680], [1680]),
    Region('tr', 'TR', 3, 1.0, [9121], [9121]),
    Region('ng', 'NG', 1, 0.8, [29465], [29465]),
    Region('in', 'IN', 5.5, 7.0, [24560, 17488, 55836], [55836, 45609]),
    Region('id', 'ID', 7, 1.5, [7713], [23693]),
    Region('vn', 'VN', 7, 1.0, [7552, 45899], [7552]),
    Region('sg', 'SG', 8, 1.5, [9506, 4657], [9506]),
    Region('ph', 'PH', 8, 1.2, [9299], [132199]),
    Region('jp', 'JP', 9, 3.0, [4713, 2516, 17676], [2516]),
    Region('kr', 'KR', 9, 2.5, [4766, 9318], [4766]),
    Region('au', 'AU', 11, 2.0, [1221, 4804], [1221]),
]
REGION_BY_NAME = {r.name: r for r in REGIONS}


# ---------------------------------------------------------------- curves
def _table(weekday, weekend):
    tab = []
    for d in range(7):
        tab.extend(weekend if d >= 5 else weekday)
    m = max(tab)
    return [v / m for v in tab]


_HOME_WD = [.25, .15, .08, .05, .04, .05, .10, .20, .30, .35, .40, .45,
            .50, .50, .45, .45, .50, .60, .75, .90, 1.0, .95, .75, .45]
_HOME_WE = [.35, .25, .15, .08, .05, .05, .07, .12, .25, .45, .60, .70,
            .75, .75, .70, .70, .70, .75, .80, .90, .95, .90, .75, .50]
_WORK_WD = [.03, .02, .02, .02, .02, .03, .06, .20, .55, .90, 1.0, .95,
            .70, .85, .95, .95, .85, .60, .35, .25, .20, .15, .10, .05]
_WORK_WE = [.02 + .10 * v for v in _WORK_WD]
_DEV_WD = [max(w, .55 * h) for w, h in zip(_WORK_WD, _HOME_WD)]
_DEV_WE = [max(w, .60 * h) for w, h in zip(_WORK_WE, _HOME_WE)]
_STUDENT = [.50, .35, .20, .10, .05, .04, .04, .08, .20, .40, .55, .60,
            .60, .65, .70, .70, .70, .75, .80, .85, .95, 1.0, .90, .70]
_STUDENT_WE = [v * .8 for v in _STUDENT]
_SERVICE = [.35 + .65 * v for v in _HOME_WD]
_SERVICE_WE = [.35 + .65 * v for v in _HOME_WE]

CURVES = {
    'home': _table(_HOME_WD, _HOME_WE),
    'work': _table(_WORK_WD, _WORK_WE),
    'dev': _table(_DEV_WD, _DEV_WE),
    'student': _table(_STUDENT, _STUDENT_WE),
    'service': _table(_SERVICE, _SERVICE_WE),
    'flat': [1.0] * 168,
}


def curve_base(off_hours):
    """Additive base (seconds) so that CURVE[int((t + base) // 3600) % 168] is local hour-of-week."""
    return START_HOW * 3600.0 + off_hours * 3600.0


def local_how(t, base):
    return int((t + base) // 3600.0) % 168
