"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

On this stack every call of a Qt method that returns nothing (``QLabel.setText``,
``QWidget.setVisible``, ...) drops one reference to ``None`` that it never took, and some calls
do the same to ``True``/``False``. Python 3.12+ made these singletons immortal, so the bug is
invisible there; on 3.11 ``None`` starts with ~5,000 references and the process aborts ("Fatal
Python error: none_dealloc: deallocating None", or ``bool_dealloc``) after a few thousand widget
updates: a rater's app would die within minutes.

:func:`protect_none` raises the reference counts of ``None``, ``True`` and ``False`` by 2**40 once
(on Python < 3.12, and only where :func:`leaks_none` sees the leak: elsewhere it changes nothing), so the missing references cannot run out in any session and interpreter
shutdown still ends well above zero. It touches nothing else. The proper fix is upstream (a PySide6 release without
the bug, or Python >= 3.12); ``tests/gui/test_gui_pyside_fix.py`` shows the leak and the protection.
"""

from __future__ import annotations

import ctypes
import sys

MARGIN = 1 << 40
_done = False


def leaks_none() -> bool:
    """True when a void Qt call drops a reference to None on this interpreter."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        obj.setObjectName("x")
    return sys.getrefcount(None) < before - 50


def protect_none() -> bool:
    """Add MARGIN references to None, True and False once, only where a void Qt call is seen to leak
    them (the broken PySide6 release on Python < 3.12; a probe of 100 calls, microseconds). True
    when it did."""
    global _done
    if _done or sys.version_info >= (3, 12) or hasattr(sys, "getobjects") or not leaks_none():
        return False
    # CPython (non-debug) object header: ob_refcnt is the first Py_ssize_t of every object.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += MARGIN
    _done = True
    return True
