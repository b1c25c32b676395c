"""Per-document limits (bytes, pages, seconds, characters) and the failures that stop reading a file."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_MAX_BYTES = 200_000_000
# Per-document limits, so one pathological file cannot hang a batch: PDF pages read, seconds spent
# reading one file (any format), characters of text (a 50 MB .txt is a dump, not a thesis).
_MAX_PAGES = 2000
_MAX_SECONDS = 120.0
_MAX_CHARS = 10_000_000


class _Fail(Exception):
    """A reason, worded for a data person, why a file cannot be ingested."""


class _TimeUp(BaseException):
    """The time limit of one document ran out (a BaseException, so no `except Exception` swallows it)."""


@dataclass
class _Limits:
    """Per-document limits and the clock they run on."""

    max_pages: int | None = _MAX_PAGES
    max_seconds: float | None = _MAX_SECONDS
    max_chars: int | None = _MAX_CHARS
    started: float = field(default_factory=time.monotonic)

    def reading_time_up(self) -> bool:
        """Has reading pages used up half the time limit (the other half is left to lay them out)?"""
        return bool(self.max_seconds) and time.monotonic() - self.started > 0.5 * self.max_seconds

    def check_chars(self, n: int) -> None:
        if self.max_chars and n > self.max_chars:
            raise _Fail(f"text too long: {n:,} characters (limit {self.max_chars:,} per document); "
                        "a thesis is far shorter — is this several documents in one file? Split it")


def _with_deadline(fn: Callable[[], None], seconds: float | None) -> None:
    """Run `fn`, raising _TimeUp in it after `seconds` (SIGALRM; only in the main thread, when no timer runs)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        fn()
        return
    armed = [True]

    def on_alarm(signum: int, frame: Any) -> None:
        if armed[0]:
            armed[0] = False
            raise _TimeUp

    old = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, float(seconds))
        try:
            fn()
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, old)
