"""The review desktop app (PySide6): the only package that imports ``PySide6.QtWidgets``.

Entry point: :func:`reviewer.gui.app.run_app`. Widgets read and write through
:mod:`reviewer.rating` in short transactions and only ever hold frozen DTOs.
"""
