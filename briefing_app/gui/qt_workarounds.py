"""Work-arounds for bugs in the Qt bindings, applied before any widget exists.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every Qt
call that returns nothing (every void method, a null pointer, an empty
QVariant). Before Python 3.12 None is not immortal, so after some thousands
of such calls the interpreter aborts with "deallocating None" - in real use,
minutes into an editing session. PySide6-Pdf exists only for 6.12.0, so the
version cannot be avoided; instead None gets enough references that the leak
can never bring it to zero. That is harmless: None is never freed anyway.
"""

from __future__ import annotations

import ctypes
import sys

import shiboken6

_applied = False


def protect_none() -> None:
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return
    if not shiboken6.__version__.startswith("6.12."):
        return
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
