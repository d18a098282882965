"""How a table is laid out: number columns right-aligned, widths by content."""

from __future__ import annotations

import math

from briefing_app.document.nodes import Align


def is_number(text: str) -> bool:
    cleaned = text.replace(",", "").replace("%", "").replace("\u2212", "-").strip()
    cleaned = cleaned.lstrip("~<>≈+-").strip()
    if not cleaned:
        return False
    try:
        float(cleaned)
    except ValueError:
        return False
    return True


def alignments(columns: list[str], rows: list[list[str]]) -> tuple[Align, ...]:
    """Right-align columns whose filled cells are all numbers."""
    aligns = []
    for c in range(len(columns)):
        values = [row[c].strip() for row in rows if row[c].strip()]
        numeric = bool(values) and all(is_number(v) for v in values)
        aligns.append(Align.RIGHT if numeric else Align.LEFT)
    return tuple(aligns)


def column_widths(columns: list[str], rows: list[list[str]]) -> tuple[float, ...]:
    """Share the width by how much text each column holds, within bounds.

    Square roots keep a long-text column from starving a short one; a floor
    keeps every column readable.
    """
    n = len(columns)
    if n == 0:
        return ()
    sample = rows[:200]
    weights = []
    for c, heading in enumerate(columns):
        lengths = [len(row[c].strip()) for row in sample] or [0]
        typical = max(sum(lengths) / len(lengths), max(lengths) * 0.5, len(heading), 4)
        weights.append(math.sqrt(typical))
    total = sum(weights)
    floor = min(0.12, 1.0 / n)
    shares = [max(w / total, floor) for w in weights]
    scale = sum(shares)
    return tuple(s / scale for s in shares)
