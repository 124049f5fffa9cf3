from tests.integration import test_ops_live as m
def test_failure_path(pipeline, tmp_path, monkeypatch):
    orig = m.recording_checks
    monkeypatch.setattr(m, "recording_checks", lambda: orig() + [m.Check("bogus", 'hydrawatch_events_total{outcome="nope"}')])
    monkeypatch.setattr(m, "DATA_TIMEOUT_S", 50)
    m.test_every_dashboard_query_and_recording_rule_returns_data(pipeline, tmp_path)
