"""The review desktop app (PySide6): the only package that imports ``PySide6.QtWidgets``.

Entry point: :func:`reviewer.gui.app.run_app`. Widgets read and write through
:mod:`reviewer.rating` in short transactions and only ever hold frozen DTOs.
"""

from reviewer.gui.pyside_fix import protect_none

protect_none()  # PySide6 6.12 on Python 3.11 leaks references to None on every void Qt call
