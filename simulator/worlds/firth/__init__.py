"""firth: a synthetic API-traffic world with distillation campaigns and benign look-alikes."""
__all__ = ["main"]


def main(argv=None):
    from .cli import main as _main
    return _main(argv)
