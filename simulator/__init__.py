"""Traffic simulator, ground truth, evaluator and baselines for hydrawatch.

Pure Python: no Kafka here (the Kafka sink lives in `streams/simulate_cli.py`).
"""

from simulator.generator import Simulation
from simulator.scenario import Scenario, load_scenario, parse_scenario

__all__ = ["Scenario", "Simulation", "load_scenario", "parse_scenario"]
