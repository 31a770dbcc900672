"""Qt translations: the app's strings go through ``tr()``; a Simplified Chinese catalogue ships
as ``resources/translations/reviewer_zh_CN.qm`` (built by ``pyside6-lrelease`` from the ``.ts``).

The language comes from the ``language`` setting (:data:`reviewer.gui.settings.LANGUAGE`), else the
system locale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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


def install_qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Qt's own catalogue (``qtbase_zh_CN.qm``, shipped with PySide6): the standard buttons (OK,
    Cancel, Close, Yes, No), the file dialog and the text boxes' context menus."""
    qt = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{lang}", f"qtbase_{lang.split('_')[0]}"):
        if qt.load(name, folder):
            app.installTranslator(qt)
            _qt_translators.append(qt)
            return qt
    return None


_qt_translators: list[QTranslator] = []


def remove_translators(app: QCoreApplication, translator: QTranslator | None) -> None:
    """Back to English: remove *translator* and Qt's own catalogues (tests switch languages)."""
    if translator is not None:
        app.removeTranslator(translator)
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())


def install_translator(app: QCoreApplication, language: str | None = None) -> QTranslator | None:
    """Load and install the catalogue for *language* (and Qt's own for the standard buttons);
    ``None`` when English (or none matches)."""
    lang = pick_language(language)
    if not lang or lang.startswith("en") or lang == "C":
        return None
    install_qt_translator(app, "zh_CN" if lang.startswith("zh") else lang)
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
