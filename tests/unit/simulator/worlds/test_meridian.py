"""Tests for the meridian synthetic traffic world (stdlib + pytest only)."""
import datetime
import ipaddress
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulator.worlds.meridian import generate  # noqa: E402

BENIGN, HOURS = 300, 2
TS_RE = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')
NULLABLE_STR = (str, type(None))
FIELDS = {
    'event_id': str, 'ts': str, 'account_id': str, 'org_id': NULLABLE_STR, 'api_key_id': str,
    'account_created_at': str, 'payment_fingerprint': NULLABLE_STR, 'client_ip': str,
    'asn': (int, type(None)), 'country': NULLABLE_STR, 'user_agent': str, 'model': str, 'endpoint': str,
    'status': int, 'input_tokens': int, 'output_tokens': int, 'latency_ms': int, 'stream': bool,
    'tool_count': int, 'turns': int, 'thinking': bool, 'task_category': str, 'cot_elicitation': (int, float),
    'prompt_simhash': str, 'system_prompt_hash': NULLABLE_STR,
}
TASKS = {'chat', 'coding', 'reasoning', 'tool_use', 'writing', 'analysis', 'vision', 'other'}


def _parse(ts):
    return datetime.datetime.strptime(ts, '%Y-%m-%dT%H:%M:%S.%fZ').replace(tzinfo=datetime.timezone.utc)


@pytest.fixture(scope='module')
def world(tmp_path_factory):
    d = tmp_path_factory.mktemp('meridian_a')
    summary = generate(11, BENIGN, HOURS, str(d))
    events = [json.loads(line) for line in (d / 'events.jsonl').read_text(encoding='utf-8').splitlines()]
    truth = json.loads((d / 'truth.json').read_text(encoding='utf-8'))
    return d, summary, events, truth


def test_same_seed_is_byte_identical(world, tmp_path):
    d, _, _, _ = world
    generate(11, BENIGN, HOURS, str(tmp_path))
    for name in ('events.jsonl', 'truth.json'):
        assert (tmp_path / name).read_bytes() == (d / name).read_bytes(), name


def test_cli_matches_function(world, tmp_path):
    d, _, _, _ = world
    out = tmp_path / 'cli'
    subprocess.run([sys.executable, '-m', 'simulator.worlds.meridian', '--seed', '11', '--benign', str(BENIGN),
                    '--hours', str(HOURS), '--out', str(out)], cwd=str(ROOT), check=True,
                   capture_output=True, timeout=60)
    for name in ('events.jsonl', 'truth.json'):
        assert (out / name).read_bytes() == (d / name).read_bytes(), name


def test_different_seed_differs(world, tmp_path):
    d, _, _, _ = world
    generate(12, BENIGN, HOURS, str(tmp_path))
    assert (tmp_path / 'events.jsonl').read_bytes() != (d / 'events.jsonl').read_bytes()
    assert json.loads((tmp_path / 'truth.json').read_text())['seed'] == 12


def test_events_follow_contract(world):
    _, summary, events, _ = world
    assert len(events) == summary['events'] > 1000
    ids = set()
    prev = None
    statuses = set()
    for e in events:
        assert set(e) == set(FIELDS)
        for k, typ in FIELDS.items():
            assert isinstance(e[k], typ), (k, e[k])
            if typ is int or typ == (int, type(None)):
                assert not isinstance(e[k], bool), k
        assert TS_RE.match(e['ts']) and TS_RE.match(e['account_created_at'])
        assert e['account_created_at'] <= e['ts']
        if prev is not None:
            assert e['ts'] >= prev
        prev = e['ts']
        assert e['event_id'] not in ids
        ids.add(e['event_id'])
        ipaddress.ip_address(e['client_ip'])
        if e['country'] is not None:
            assert re.fullmatch(r'[A-Z]{2}', e['country'])
        assert re.fullmatch(r'[0-9a-f]{16}', e['prompt_simhash'])
        assert e['input_tokens'] >= 0 and e['output_tokens'] >= 0 and e['latency_ms'] >= 0
        assert e['tool_count'] >= 0 and e['turns'] >= 1
        assert 0.0 <= e['cot_elicitation'] <= 1.0
        assert e['task_category'] in TASKS
        assert e['account_id'].startswith('acct_')
        statuses.add(e['status'])
        if e['status'] != 200:
            assert e['output_tokens'] == 0
    assert 200 in statuses and statuses & {429, 529, 400}
    start = _parse(events[0]['ts'])
    assert start.year == 2026 and start.month >= 9
    assert _parse(events[-1]['ts']) - start <= datetime.timedelta(hours=HOURS)


def test_truth_matches_events(world):
    _, summary, events, truth = world
    assert set(truth) == {'world', 'seed', 'campaigns', 'benign_accounts', 'benign_groups'}
    assert truth['world'] == 'meridian' and truth['seed'] == 11
    first = {}
    for e in events:
        first.setdefault(e['account_id'], e['ts'])
    world_start = _parse(events[0]['ts']).replace(minute=0, second=0, microsecond=0)
    campaign_accounts = set()
    assert len(truth['campaigns']) >= 4
    kinds = set()
    for cid, c in truth['campaigns'].items():
        assert set(c) == {'kind', 'start', 'accounts', 'first_seen', 'description'}
        kinds.add(c['kind'])
        assert c['accounts'] and set(c['first_seen']) == set(c['accounts'])
        for a in c['accounts']:
            assert a in first, (cid, a)
            assert c['first_seen'][a] == first[a]
            assert a not in campaign_accounts
            campaign_accounts.add(a)
        assert c['start'] == min(c['first_seen'].values())
        assert _parse(c['start']) - world_start >= datetime.timedelta(hours=1), cid
    assert len(kinds) >= 4
    benign = set(first) - campaign_accounts
    assert truth['benign_accounts'] == len(benign)
    assert sum(g['accounts'] for g in truth['benign_groups'].values()) == len(benign)
    assert len(truth['benign_groups']) >= 8
