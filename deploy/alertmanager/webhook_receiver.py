#!/usr/bin/env python3
"""A tiny Alertmanager webhook receiver for local runs and tests: prints every alert it gets.

    python3 deploy/alertmanager/webhook_receiver.py [--bind 127.0.0.1] [--port 5001] [--jsonl FILE]

Alertmanager (deploy/alertmanager/alertmanager.yml) posts to http://127.0.0.1:5001/hook. Each alert
becomes one line on stdout:

    2026-11-20T08:15:02Z detections-pager FIRING HydrawatchClusterCampaignCritical severity=page team=detections scope=cluster | 1 critical distillation campaign(s) open

and, with --jsonl, the whole notification is appended to FILE as one JSON line (for tests).
Standard library only; answers 200 to any well-formed JSON POST, 400 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SHOWN_LABELS = ("severity", "team", "job", "instance", "scope", "topic", "cluster_id", "entity_id")


def format_alert(receiver: str, alert: dict) -> str:
    """One printable line for one alert of a notification.

    >>> format_alert("pipeline-pager", {"status": "firing", "labels": {"alertname": "HydrawatchWorkerDown",
    ...     "instance": "127.0.0.1:6066", "severity": "page"}, "annotations": {"summary": "down"},
    ...     "startsAt": "2026-11-20T08:15:02.5Z"})
    '2026-11-20T08:15:02.5Z pipeline-pager FIRING HydrawatchWorkerDown severity=page instance=127.0.0.1:6066 | down'
    """
    labels = alert.get("labels") or {}
    annotations = alert.get("annotations") or {}
    status = str(alert.get("status", "?")).upper()
    when = alert.get("endsAt") if status == "RESOLVED" else alert.get("startsAt")
    shown = " ".join(f"{k}={labels[k]}" for k in SHOWN_LABELS if k in labels)
    line = f"{when or '-'} {receiver} {status} {labels.get('alertname', '?')}"
    if shown:
        line += f" {shown}"
    summary = annotations.get("summary")
    if summary:
        line += f" | {summary}"
    return line


class Receiver(ThreadingHTTPServer):
    """The HTTP server; `notifications` keeps every payload received (handy in tests)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], jsonl: str | None = None, out=None) -> None:
        super().__init__(address, Handler)
        self.jsonl = jsonl
        self.out = out or sys.stdout
        self.notifications: list[dict] = []
        self.lock = threading.Lock()

    def record(self, payload: dict) -> None:
        receiver = str(payload.get("receiver", "?"))
        with self.lock:
            self.notifications.append(payload)
            for alert in payload.get("alerts") or []:
                print(format_alert(receiver, alert), file=self.out, flush=True)
            if self.jsonl:
                with open(self.jsonl, "a", encoding="utf-8") as sink:
                    sink.write(json.dumps(payload, sort_keys=True) + "\n")


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        try:
            payload = json.loads(self.rfile.read(length) or b"null")
            if not isinstance(payload, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            self.send_error(400, f"expected an Alertmanager webhook JSON object: {exc}")
            return
        self.server.record(payload)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - keep stdout for alerts only
        pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--jsonl", default=None, help="also append each notification to this file")
    args = parser.parse_args(argv)
    server = Receiver((args.bind, args.port), jsonl=args.jsonl)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(f"{started} listening on http://{args.bind}:{server.server_address[1]}/hook", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
