"""Comparing two sequences within a budget.

difflib's SequenceMatcher takes time growing with the product of the
lengths (and worse with few distinct items: 20,000 words of "a" and "b"
took 47 s). Every comparison in an update goes through
:func:`bounded_opcodes`: the common start and end are taken off first (an
edit usually touches a small part), and a middle still too large for the
budget is one replacement, which is correct, only coarser.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence

#: Items compared with items, at most, in one comparison (about a second).
BUDGET = 2_500_000

Opcode = tuple[str, int, int, int, int]


def bounded_opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable], budget: int = BUDGET
) -> list[Opcode]:
    """difflib's opcodes for turning ``a`` into ``b``, within ``budget``."""
    start = 0
    most = min(len(a), len(b))
    while start < most and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    out: list[Opcode] = []
    if start:
        out.append(("equal", 0, start, 0, start))
    middle_a, middle_b = end_a - start, end_b - start
    if middle_a or middle_b:
        if middle_a * middle_b > budget:
            tag = "replace" if middle_a and middle_b else ("delete" if middle_a else "insert")
            out.append((tag, start, end_a, start, end_b))
        else:
            matcher = difflib.SequenceMatcher(None, a[start:end_a], b[start:end_b], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                out.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    if end_a < len(a):
        out.append(("equal", end_a, len(a), end_b, len(b)))
    return out
