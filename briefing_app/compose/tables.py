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


def max_columns(frame_mm: float, min_column_mm: float) -> int:
    """How many columns of at least ``min_column_mm`` fit across the page."""
    return max(1, int(frame_mm // max(min_column_mm, 1.0)))


def column_widths(
    columns: list[str], rows: list[list[str]], min_share: float = 0.0
) -> tuple[float, ...]:
    """Share the width by how much text each column holds, within bounds.

    Square roots keep a long-text column from starving a short one; a floor
    keeps every column readable: no share is below ``min_share`` (the caller
    refuses a table with more than ``1 / min_share`` columns).
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
    shares = [s / scale for s in shares]
    return _at_least(shares, min(min_share, 1.0 / n))


def _at_least(shares: list[float], low: float) -> tuple[float, ...]:
    """``shares`` (summing to 1) with none below ``low``: the columns that
    were narrower get ``low``, the others give up room in proportion."""
    fixed: set[int] = set()
    while True:
        short = {i for i, s in enumerate(shares) if s < low - 1e-12} - fixed
        if not short:
            return tuple(shares)
        fixed |= short
        rest = 1.0 - low * len(fixed)
        free = sum(s for i, s in enumerate(shares) if i not in fixed)
        shares = [low if i in fixed else s * rest / free for i, s in enumerate(shares)]
