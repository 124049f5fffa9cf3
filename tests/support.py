"""Helpers shared by the test suites (no fixtures here)."""

from __future__ import annotations

import socket
import time
from typing import Callable, TypeVar

T = TypeVar("T")


def wait_for(condition: Callable[[], T], timeout_s: float, what: str, interval_s: float = 0.2,
             explain: Callable[[], str] | None = None) -> T:
    """Poll `condition` until it returns something truthy; fail with `what` (and `explain()`,
    if given) after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - keep polling, report the last one
            last_error = exc
        time.sleep(interval_s)
    detail = ""
    if explain is not None:
        try:
            detail = f"; {explain()}"
        except Exception as exc:  # noqa: BLE001 - the timeout is the failure to report
            detail = f"; (explain failed: {exc!r})"
    raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}; last error: {last_error!r}{detail}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
