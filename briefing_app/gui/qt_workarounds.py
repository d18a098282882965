"""Work-arounds for bugs in the Qt bindings, applied before any widget exists.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every Qt
call that returns nothing (every void method, a null pointer, an empty
QVariant). Before Python 3.12 None is not immortal, so after some thousands
of such calls the interpreter aborts with "deallocating None" - in real use,
minutes into an editing session. Rather than trust a version number, the
app makes a few void calls and looks at None's reference count: where the
bindings leak, None gets enough references that the leak can never bring it
to zero. That is harmless: None is never freed anyway.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64
_applied = False


def none_leaks() -> bool:
    """True when a void Qt call drops a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a void method
    after = sys.getrefcount(None)
    # Other threads may take or drop a few references meanwhile; a leak
    # loses one per call.
    return before - after >= _PROBE_CALLS // 2


def protect_none() -> bool:
    """Apply the work-around where it is needed; True if it was applied."""
    global _applied
    if _applied:
        return True
    if sys.version_info >= (3, 12) or not none_leaks():
        return False
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
    return True
