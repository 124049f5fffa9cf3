"""docs/results.md is what bench/results_doc.py makes of bench/results/*.json, nothing else."""

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("results_doc", REPO / "bench" / "results_doc.py")
results_doc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(results_doc)


def test_the_document_equals_what_the_json_gives():
    assert results_doc.DOC.read_text() == results_doc.render(), \
        "docs/results.md is out of date: run .venv/bin/python bench/results_doc.py"


def test_every_figure_of_the_worlds_table_comes_from_the_newest_json():
    path = results_doc.newest("worlds")
    data = json.loads(path.read_text())
    doc = results_doc.DOC.read_text()
    assert data["table"] in doc and data["command"] in doc and data["date"] in doc
