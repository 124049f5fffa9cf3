"""Machine-driven request patterns shared by benign and campaign actors."""
import heapq

from .core import finalize, fmt_ms
from .people import fallback_request


def loop_job(W, rng, t0, n_items, conc, make_item, reqs, pause=(0.05, 0.6), t_end=None, limit_rpm=None):
    """A client loop with `conc` parallel workers; make_item(t) returns a request starting at t.
    limit_rpm: a client-side limiter keeping the loop under the account's rate limit."""
    if t_end is None:
        t_end = W.dur
    heap = [(t0 + rng.random() * 2.0, i) for i in range(max(1, conc))]
    heapq.heapify(heap)
    done = 0
    gap = 60.0 / (0.9 * limit_rpm) if limit_rpm else 0.0
    nxt = t0
    while done < n_items and heap:
        t, w = heapq.heappop(heap)
        if gap:
            t = max(t, nxt)
            nxt = t + gap * rng.uniform(0.9, 1.15)
        if t >= t_end:
            break
        r = make_item(t)
        reqs.append(r)
        done += 1
        heapq.heappush(heap, (t + r["lat"] / 1000.0 + rng.uniform(*pause), w))
    return done


def batch_job(W, rng, t_submit, n_items, make_item, reqs, spread_s):
    """Message-batch submission: every item starts at t_submit and completes inside a later band."""
    t_first = t_submit + rng.uniform(45.0, 600.0)
    t_last = t_first + spread_s
    for _ in range(n_items):
        t_done = rng.uniform(t_first, t_last)
        r = make_item(t_submit)
        r["ep"] = "batch"
        r["stream"] = False
        r["lat"] = int((t_done - t_submit) * 1000.0)
        reqs.append(r)


def cron_times(rng, period_s, t0, t1, jitter=(0.05, 2.5), skip_p=0.0):
    """Machine-regular ticks (cron) with a fixed phase and small start jitter."""
    out = []
    phase = rng.uniform(0, period_s)
    period_s = float(period_s)
    k = int((t0 - phase) // period_s) + 1
    t = phase + k * period_s
    while t < t1:
        if t >= t0 and rng.random() >= skip_p:
            out.append(t + rng.uniform(*jitter))
        t += period_s
    return out


def _fix_created(W, rng, acct, reqs):
    """An account cannot be used before it exists: move creation just ahead of the first use if needed."""
    if not reqs:
        return
    t0 = min(r["t"] for r in reqs)
    first_ms = W.start_ms + int(t0 * 1000.0)
    if acct.created_ms > first_ms - 30000:
        acct.created_ms = first_ms - int(rng.uniform(60.0, 1800.0) * 1000.0)
        acct.created = fmt_ms(acct.created_ms)


def commit(W, rng, A, reqs):
    """Emit an actor's requests (with rate limits); guarantee >= 1 event; register benign ids."""
    n = 0
    if reqs:
        _fix_created(W, rng, A.acct, reqs)
        n = finalize(W, rng, A.acct, reqs, A.rpm, A.label)
    tries = 0
    while n == 0 and tries < 12:
        more = []
        fallback_request(W, rng, A, more)
        _fix_created(W, rng, A.acct, more)
        n = finalize(W, rng, A.acct, more, A.rpm, A.label)
        tries += 1
    if A.label == "benign":
        W.benign_ids.append(A.acct.id)
    return n
