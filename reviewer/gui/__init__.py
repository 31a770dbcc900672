"""The review desktop app (PySide6): the only package that imports ``PySide6.QtWidgets``.

Entry point: :func:`reviewer.gui.app.run_app`. The rater's widgets read and write through the
:class:`~reviewer.rating.operations.RatingOperations` they are handed (each call one short
transaction) and only ever hold frozen DTOs; they never see a session, SQL or an ORM model.
Settings are declared once in :mod:`reviewer.gui.settings`.
"""

from reviewer.gui.pyside_fix import protect_none

protect_none()  # PySide6 6.12 on Python 3.11 leaks references to None on every void Qt call
