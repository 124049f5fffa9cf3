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


def test_every_exam_run_on_the_current_matrix_s_detectors_is_shown():
    """An exam world is run once: each run since the newest matrix stays a current figure."""
    matrix = json.loads(results_doc.newest("worlds").read_text())
    exams = results_doc.since("exam", matrix["date"])
    doc = results_doc.DOC.read_text()
    for path in exams:
        data = json.loads(path.read_text())
        assert data["table"] in doc and data["command"] in doc
    assert all(json.loads(p.read_text())["date"] >= matrix["date"] for p in exams)
