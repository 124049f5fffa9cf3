"""Tests for the fjord synthetic traffic world (generator only)."""
import json
import os
import re
import subprocess
import sys

import pytest

from simulator.worlds.fjord import generate
from simulator.worlds.fjord.core import HOUR, iso

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
TS = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')
HEX16 = re.compile(r'^[0-9a-f]{16}$')
NULLABLE_STR = (str, type(None))
FIELDS = {
    'event_id': str, 'ts': str, 'account_id': str, 'org_id': NULLABLE_STR, 'api_key_id': str,
    'account_created_at': str, 'payment_fingerprint': NULLABLE_STR, 'client_ip': str,
    'asn': (int, type(None)), 'country': NULLABLE_STR, 'user_agent': str, 'model': str,
    'endpoint': str, 'status': int, 'input_tokens': int, 'output_tokens': int, 'latency_ms': int,
    'stream': bool, 'tool_count': int, 'turns': int, 'thinking': bool, 'task_category': str,
    'cot_elicitation': (int, float), 'prompt_simhash': str, 'system_prompt_hash': NULLABLE_STR,
}
CATS = {'chat', 'coding', 'reasoning', 'tool_use', 'writing', 'analysis', 'vision', 'other'}
SEED, BENIGN, HOURS = 11, 300, 2


@pytest.fixture(scope='module')
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp('fjord_a')
    summary = generate(SEED, BENIGN, HOURS, str(out))
    return out, summary


def _read(d):
    with open(os.path.join(d, 'events.jsonl'), 'rb') as f:
        ev = f.read()
    with open(os.path.join(d, 'truth.json'), 'rb') as f:
        tr = f.read()
    return ev, tr


def test_same_seed_byte_identical_across_processes(world, tmp_path):
    out_a, _ = world
    out_b = tmp_path / 'b'
    env = dict(os.environ, PYTHONHASHSEED='12345')
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    subprocess.run([sys.executable, '-m', 'simulator.worlds.fjord', '--seed', str(SEED),
                    '--benign', str(BENIGN), '--hours', str(HOURS), '--out', str(out_b)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    assert _read(out_a) == _read(out_b)


def test_different_seed_differs(world, tmp_path):
    out_a, _ = world
    generate(SEED + 1, BENIGN, HOURS, str(tmp_path))
    ev_a, tr_a = _read(out_a)
    ev_c, tr_c = _read(tmp_path)
    assert ev_a != ev_c
    assert tr_a != tr_c


def test_events_follow_contract(world):
    out, summary = world
    prev = ''
    ids = set()
    n = 0
    statuses = set()
    with open(os.path.join(out, 'events.jsonl'), encoding='utf-8') as f:
        for line in f:
            e = json.loads(line)
            n += 1
            assert set(e) == set(FIELDS)
            for k, t in FIELDS.items():
                assert isinstance(e[k], t), (k, e[k])
                if t is int:
                    assert not isinstance(e[k], bool), k
            assert TS.match(e['ts']) and TS.match(e['account_created_at'])
            assert e['ts'] >= prev
            prev = e['ts']
            assert e['account_created_at'] <= e['ts']
            assert e['event_id'] not in ids
            ids.add(e['event_id'])
            for k in ('input_tokens', 'output_tokens', 'latency_ms', 'tool_count'):
                assert e[k] >= 0
            assert e['turns'] >= 1
            assert 0.0 <= e['cot_elicitation'] <= 1.0
            assert HEX16.match(e['prompt_simhash'])
            assert e['system_prompt_hash'] is None or HEX16.match(e['system_prompt_hash'])
            assert e['task_category'] in CATS
            assert e['account_id'] and e['api_key_id'] and e['client_ip'] and e['model']
            statuses.add(e['status'])
            if e['status'] != 200:
                assert e['output_tokens'] == 0
    assert n == summary['events'] > 0
    assert prev.startswith('2026-1')
    assert {429, 529} & statuses


def test_truth_matches_events(world):
    out, _ = world
    with open(os.path.join(out, 'truth.json'), encoding='utf-8') as f:
        truth = json.load(f)
    assert truth['world'] == 'fjord' and truth['seed'] == SEED
    assert set(truth) == {'world', 'seed', 'campaigns', 'benign_accounts', 'benign_groups'}
    first = {}
    with open(os.path.join(out, 'events.jsonl'), encoding='utf-8') as f:
        for line in f:
            e = json.loads(line)
            first.setdefault(e['account_id'], e['ts'])
    assert len(truth['campaigns']) >= 4
    camp = set()
    for cid, c in truth['campaigns'].items():
        assert set(c) == {'kind', 'start', 'accounts', 'first_seen', 'description'}
        assert c['accounts']
        for a in c['accounts']:
            assert a in first, a
            assert c['first_seen'][a] == first[a]
        assert set(c['first_seen']) == set(c['accounts'])
        assert c['start'] == min(c['first_seen'].values())
        assert c['start'] >= iso(HOUR)  # campaigns start after the first hour
        camp.update(c['accounts'])
    benign = set(first) - camp
    assert truth['benign_accounts'] == len(benign)
    assert sum(g['accounts'] for g in truth['benign_groups'].values()) == len(benign)
