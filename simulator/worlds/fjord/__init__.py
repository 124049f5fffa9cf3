"""fjord: a synthetic API-traffic world with an API marketplace (resellers,
integrators, plugins, agent products) around direct users, and distillation
operators that buy aged accounts and rent residential proxies."""
from .world import run


def generate(seed: int, benign: int, hours: float, out_dir: str) -> dict:
    """Write out_dir/events.jsonl and out_dir/truth.json; return a summary."""
    return run(seed, benign, hours, out_dir)


__all__ = ['generate']
