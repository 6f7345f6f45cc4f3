"""Durations in journey files: ``20 min``, ``24 h``, ``7 days``, ``2 weeks``.

Journeys mix scales: a form should take 20 minutes, an enrolment 24 hours, a
first payment a week. Every duration is parsed to days (a float) so they add
up along a path, and formatted back for people with :func:`format_duration`.
"""

from __future__ import annotations

import math
import re

__all__ = ["parse_duration", "format_duration"]

_UNITS = {
    "min": 1 / 1440, "mins": 1 / 1440, "minute": 1 / 1440, "minutes": 1 / 1440, "m": 1 / 1440,
    "h": 1 / 24, "hr": 1 / 24, "hrs": 1 / 24, "hour": 1 / 24, "hours": 1 / 24,
    "d": 1.0, "day": 1.0, "days": 1.0,
    "w": 7.0, "wk": 7.0, "wks": 7.0, "week": 7.0, "weeks": 7.0,
}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")


def parse_duration(value: object, default_unit: str = "days") -> float:
    """A duration in days.

    Numbers are read in ``default_unit``; strings carry their unit and may
    combine parts (``"1 h 30 min"``).

    Raises
    ------
    ValueError
        With the accepted forms, for anything else.

    Examples
    --------
    >>> parse_duration("20 min") * 1440
    20.0
    >>> parse_duration("24 h"), parse_duration("2 weeks"), parse_duration(3)
    (1.0, 14.0, 3.0)
    >>> round(parse_duration("1 h 30 min") * 24, 2)
    1.5
    >>> parse_duration(45, default_unit="minutes") * 1440
    45.0
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration")
    if isinstance(value, int | float):
        if value < 0 or math.isnan(value):
            raise ValueError(f"{value!r}: a duration cannot be negative")
        return float(value) * _UNITS[default_unit]
    text = str(value).strip().lower()
    parts = _PART.findall(text)
    rest = _PART.sub("", text).replace(",", "").replace("and", "").strip()
    if not parts or rest or any(unit not in _UNITS for _, unit in parts):
        raise ValueError(f"{value!r} is not a duration: write a number with a unit, "
                         "e.g. '20 min', '24 h', '7 days', '2 weeks' or '1 h 30 min'")
    return sum(float(n) * _UNITS[unit] for n, unit in parts)


def format_duration(days: float) -> str:
    """A readable duration: minutes under an hour, hours under two days, else days.

    Examples
    --------
    >>> format_duration(20 / 1440), format_duration(1.0), format_duration(38.5)
    ('20 min', '24 h', '38.5 days')
    >>> format_duration(float("nan"))
    'n/a'
    """
    if days is None or (isinstance(days, float) and math.isnan(days)) or days < 0:
        return "n/a"
    if days < 1 / 24:
        return f"{days * 1440:.0f} min"
    if days < 2:
        hours = days * 24
        return f"{hours:.0f} h" if abs(hours - round(hours)) < 0.05 else f"{hours:.1f} h"
    return f"{days:.0f} days" if abs(days - round(days)) < 0.05 else f"{days:.1f} days"
