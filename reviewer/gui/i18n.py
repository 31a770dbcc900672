"""Qt translations: the app's strings go through ``tr()``; a Simplified Chinese catalogue ships
as ``resources/translations/reviewer_zh_CN.qm`` (built by ``pyside6-lrelease`` from the ``.ts``).

The language comes from the ``language`` setting (:data:`reviewer.gui.settings.LANGUAGE`), else the
system locale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from reviewer.gui.settings import LANGUAGE


def translations_dir() -> Path:
    try:
        from reviewer.paths import resource_path

        return resource_path("translations")
    except (ImportError, FileNotFoundError):
        return Path(__file__).resolve().parents[2] / "resources" / "translations"


def pick_language(explicit: str | None = None) -> str:
    """``zh_CN``, ``en`` ...: an explicit choice, else the saved setting, else the system locale."""
    if explicit:
        return explicit
    saved = LANGUAGE.value()
    return saved or QLocale.system().name()


def install_translator(app: QCoreApplication, language: str | None = None) -> QTranslator | None:
    """Load and install the catalogue for *language*; ``None`` when English (or none matches)."""
    lang = pick_language(language)
    if not lang or lang.startswith("en") or lang == "C":
        return None
    translator = QTranslator(app)
    folder = translations_dir()
    for name in (f"reviewer_{lang}", f"reviewer_{lang.split('_')[0]}"):
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            return translator
    if lang.startswith("zh") and translator.load("reviewer_zh_CN", str(folder)):
        app.installTranslator(translator)
        return translator
    return None


def tr(context: str, text: str) -> str:
    """Translate a string outside a QObject (``QCoreApplication.translate``)."""
    return QCoreApplication.translate(context, text)
