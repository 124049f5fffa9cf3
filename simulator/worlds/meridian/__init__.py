"""meridian: a synthetic LLM-API traffic world of households and organisations across
time zones, with adaptive distillation operators. See README.md."""
import json
import os

__all__ = ['generate']


def generate(seed: int, benign: int = 6000, hours: float = 8.0, out_dir: str = '.') -> dict:
    """Write out_dir/events.jsonl and out_dir/truth.json; return a small summary."""
    from .world import World
    from . import population, campaigns

    os.makedirs(out_dir, exist_ok=True)
    w = World(seed, benign, hours)
    population.build(w)
    campaigns.build(w)
    w.run(os.path.join(out_dir, 'events.jsonl'))
    truth = w.truth()
    with open(os.path.join(out_dir, 'truth.json'), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(truth, f, indent=1, sort_keys=False)
        f.write('\n')
    return {
        'world': 'meridian',
        'seed': w.seed,
        'events': w.n_events,
        'benign_accounts': truth['benign_accounts'],
        'benign_groups': {g: v['accounts'] for g, v in truth['benign_groups'].items()},
        'campaigns': {c: len(v['accounts']) for c, v in truth['campaigns'].items()},
    }
