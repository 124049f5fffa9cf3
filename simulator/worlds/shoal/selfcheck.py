"""Validate a generated world: python -m shoal.selfcheck OUTDIR"""
import json
import re
import sys
from collections import Counter

TS = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$')
HEX16 = re.compile(r'^[0-9a-f]{16}$')
CATS = {'chat', 'coding', 'reasoning', 'tool_use', 'writing', 'analysis', 'vision', 'other'}
FIELDS = {
    'event_id': (str,), 'ts': (str,), 'account_id': (str,), 'org_id': (str, type(None)),
    'api_key_id': (str,), 'account_created_at': (str,), 'payment_fingerprint': (str, type(None)),
    'client_ip': (str,), 'asn': (int, type(None)), 'country': (str, type(None)),
    'user_agent': (str,), 'model': (str,), 'endpoint': (str,), 'status': (int,),
    'input_tokens': (int,), 'output_tokens': (int,), 'latency_ms': (int,), 'stream': (bool,),
    'tool_count': (int,), 'turns': (int,), 'thinking': (bool,), 'task_category': (str,),
    'cot_elicitation': (float, int), 'prompt_simhash': (str,), 'system_prompt_hash': (str, type(None)),
}


def main(out):
    prev = ''
    n = 0
    ids = set()
    accts = Counter()
    created = {}
    errs = Counter()
    with open(out + '/events.jsonl', encoding='utf-8') as f:
        for line in f:
            n += 1
            d = json.loads(line)
            if set(d) != set(FIELDS):
                errs['fields'] += 1
            for k, ty in FIELDS.items():
                v = d.get(k)
                if not isinstance(v, ty) or (bool not in ty and isinstance(v, bool)):
                    errs['type:' + k] += 1
            if not TS.match(d['ts']) or not TS.match(d['account_created_at']):
                errs['tsfmt'] += 1
            if d['ts'] < prev:
                errs['order'] += 1
            prev = d['ts']
            if d['account_created_at'] > d['ts']:
                errs['created_after_ts'] += 1
            if created.setdefault(d['account_id'], d['account_created_at']) != d['account_created_at']:
                errs['created_changes'] += 1
            if d['event_id'] in ids:
                errs['dup_id'] += 1
            ids.add(d['event_id'])
            for k in ('input_tokens', 'output_tokens', 'latency_ms', 'tool_count'):
                if d[k] < 0:
                    errs['neg:' + k] += 1
            if d['turns'] < 1:
                errs['turns'] += 1
            if not 0 <= d['cot_elicitation'] <= 1:
                errs['cot'] += 1
            if not HEX16.match(d['prompt_simhash']):
                errs['simhash'] += 1
            if d['task_category'] not in CATS:
                errs['cat'] += 1
            if d['status'] != 200 and d['output_tokens'] != 0:
                errs['err_out'] += 1
            if d['country'] is not None and not re.match(r'^[A-Z]{2}$', d['country']):
                errs['cc'] += 1
            accts[d['account_id']] += 1
    truth = json.load(open(out + '/truth.json'))
    camp_acc = set()
    for cid, c in truth['campaigns'].items():
        for a in c['accounts']:
            if a not in accts:
                errs['campaign_acct_missing'] += 1
            if a in camp_acc:
                errs['campaign_acct_dup'] += 1
            camp_acc.add(a)
        if not TS.match(c['start']):
            errs['campaign_start_fmt'] += 1
    benign = len(set(accts) - camp_acc)
    if benign != truth['benign_accounts']:
        errs['benign_count'] += 1
    print('events', n, 'accounts', len(accts), 'benign', benign, 'campaign accts', len(camp_acc),
          'errors', dict(errs) or 'none')
    return 1 if errs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
