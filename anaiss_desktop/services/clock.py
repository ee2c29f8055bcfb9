"""The time source, injectable so tests can age a password by a year in one line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


def parse_instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def format_local(text: str | None) -> str:
    """``le 24/11/2026 à 17:42`` in the station's local time, for the person reading it."""
    if not text:
        return ""
    local = parse_instant(text).astimezone()
    return local.strftime("le %d/%m/%Y à %H:%M")
