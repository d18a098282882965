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


#: Pairs of pieces weighed against each other in one changed stretch, at most.
PAIRING_BUDGET = 400
#: How alike two pieces' words must be to count as one piece edited.
ALIKE = 0.5


def pair_alike(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """A stretch of old pieces replaced by new ones, paired in order: each
    pair (old, new) the same piece edited, (old, None) one removed, (None,
    new) one added. Pieces pair when their words are alike (an insertion
    among edited pieces is an insertion, not an edit of its neighbour);
    a stretch too long to weigh pairs by position."""
    n, m = len(old), len(new)
    if n * m > PAIRING_BUDGET:
        return [(i if i < n else None, i if i < m else None) for i in range(max(n, m))]
    split_old = [text.split() for text in old]
    split_new = [text.split() for text in new]

    def alike(i: int, j: int) -> float:
        matcher = difflib.SequenceMatcher(None, split_old[i], split_new[j], autojunk=False)
        if matcher.real_quick_ratio() < ALIKE or matcher.quick_ratio() < ALIKE:
            return 0.0
        ratio = matcher.ratio()
        return ratio if ratio >= ALIKE else 0.0

    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    weight = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            weight[i][j] = alike(i, j)
            best = max(score[i][j + 1], score[i + 1][j])
            if weight[i][j]:
                best = max(best, score[i][j] + weight[i][j])
            score[i + 1][j + 1] = best
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if (
            i > 0
            and j > 0
            and weight[i - 1][j - 1]
            and (score[i][j] == score[i - 1][j - 1] + weight[i - 1][j - 1])
        ):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and (j == 0 or score[i][j] == score[i - 1][j]):
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    pairs.reverse()
    return pairs
