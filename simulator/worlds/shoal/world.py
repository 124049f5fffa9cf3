"""Assemble the world, merge all accounts' traffic in event-time order, write outputs."""
import json
import os

from .benign import build_benign
from .build import Build
from .campaigns import build_campaigns
from .core import Ctx
from .util import utc_ms, fmt_ts, MINUTE

START_MS = utc_ms(2026, 11, 17, 6, 42, 0) + 317
_SHIFT = 22
_MASK = (1 << _SHIFT) - 1
LAST = None


def generate(seed, n_benign, hours, out_dir, log=None):
    ctx = Ctx(seed, START_MS, hours)
    b = Build(ctx, seed)
    build_benign(b, n_benign)
    camps = build_campaigns(b, n_benign)
    actors = b.actors
    if len(actors) > _MASK:
        raise ValueError('too many accounts')

    keys = []
    for a in actors:
        a.schedule()
        plan = [p for p in a.plan if ctx.start <= p[0] < ctx.end]
        if not plan:
            if not a.plan:
                raise RuntimeError('account without traffic: %s' % a.acct)
            t = min(max(a.plan[0][0], ctx.start), ctx.end - 1)
            plan = [(t, a.plan[0][1])]
        a.plan = plan
        first = plan[0][0]
        if a.created_ms > first:
            a.created_ms = first - a.rng.randint(1, 10) * MINUTE
            a.created_s = fmt_ts(a.created_ms)
        idx = a.idx
        keys.extend([(t << _SHIFT) | idx for t, _ in plan])
    keys.sort()
    if log:
        log('accounts %d, events %d' % (len(actors), len(keys)))

    os.makedirs(out_dir, exist_ok=True)
    dumps = json.JSONEncoder(separators=(',', ':'), ensure_ascii=True).encode
    path = os.path.join(out_dir, 'events.jsonl')
    buf = []
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for k in keys:
            a = actors[k & _MASK]
            t, spec = a.plan[a.ptr]
            a.ptr += 1
            buf.append(dumps(a.emit(t, spec)))
            if len(buf) >= 20000:
                buf.append('')
                f.write('\n'.join(buf))
                buf = []
        if buf:
            buf.append('')
            f.write('\n'.join(buf))

    truth = {'campaigns': {}, 'benign_accounts': 0, 'benign_groups': {}}
    for c in camps:
        acc = [a for a in c.actors if a.n_events > 0]
        truth['campaigns'][c.cid] = {
            'kind': c.kind,
            'start': fmt_ts(_start(c, acc)),
            'accounts': [a.acct for a in acc],
            'description': c.description,
        }
    benign = [a for a in actors if a.benign and a.n_events > 0]
    truth['benign_accounts'] = len(benign)
    groups = {}
    for name in sorted(b.groups):
        kind, members = b.groups[name]
        cnt = sum(1 for a in members if a.n_events > 0)
        if cnt:
            groups[name] = {'kind': kind, 'accounts': cnt}
    groups['early_adopters'] = {'kind': 'early_adopter',
                                'accounts': sum(1 for a in benign if a.used_new)}
    truth['benign_groups'] = groups
    with open(os.path.join(out_dir, 'truth.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, indent=1, sort_keys=False)
        f.write('\n')
    global LAST
    LAST = (b, camps)
    return len(keys)


def _start(c, acc):
    ts = [t for a in acc for t, _ in a.plan if c.start_hint is None or t >= c.start_hint]
    if not ts:
        ts = [a.plan[0][0] for a in acc]
    return min(ts)
