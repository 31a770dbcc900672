"""How study data reaches the screen: as text, never as markup or a live link.

Cases, answers, criteria, rater names, comments, model names and categories come from imported
files and review files, so the GUI treats them as hostile:

- **Markdown** is rendered by :func:`markdown_html` with raw HTML switched off: ``<script>`` or
  ``<b>x</b>`` in an answer is shown as those characters, and the only tags in the output are the
  ones Markdown itself makes.
- **Links** in a :class:`SafeBrowser` are never followed inside the pane. A click on an
  ``http``/``https`` link hands the URL to the system browser (:func:`open_link`); ``file:``,
  ``javascript:``, ``data:`` and every other scheme do nothing. Images are neither made (Markdown
  image syntax stays text) nor loaded (a ``file:`` image would show a local file).
- **Labels** made by :func:`plain_label` (or passed through :func:`make_plain`) show their text
  literally; Qt would otherwise guess rich text for anything that looks like a tag.
- **Tooltips and message boxes** with data go through :func:`plain_tooltip`,
  :func:`message_box` and :func:`show_message`.
- Hand-built HTML escapes every data value with :func:`esc`.

``tests/gui/test_safe_text.py`` checks each rule, and that no ``QLabel(`` is built elsewhere in
``reviewer/gui``.
"""

from __future__ import annotations

import html
from functools import lru_cache

import markdown as md
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QTextBrowser, QWidget

#: schemes a click may hand to the system browser; everything else is inert
OPENABLE_SCHEMES = frozenset({"http", "https"})

_MD = md.Markdown(extensions=["tables", "fenced_code", "sane_lists", "nl2br"])
_MD.preprocessors.deregister("html_block")  # raw HTML blocks become ordinary (escaped) text
_MD.inlinePatterns.deregister("html")  # and so do inline tags and comments
for _image in ("image_link", "image_reference", "short_image_ref"):  # ![alt](url) stays text
    _MD.inlinePatterns.deregister(_image)


def esc(value: object) -> str:
    """One data value for hand-built HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(value), quote=True)


@lru_cache(maxsize=256)
def markdown_html(text: str) -> str:
    """Markdown to HTML with any raw HTML in ``text`` escaped; cached, so a prefetched item and a
    case shared by several responses render once. Tables get a class for the borders
    QTextBrowser can draw."""
    _MD.reset()
    out = _MD.convert(text or "")
    return out.replace("<table>", '<table class="md" cellspacing="0" cellpadding="4">')


def is_openable(url: QUrl) -> bool:
    """True only for an absolute http(s) URL with a host."""
    return url.isValid() and url.scheme().lower() in OPENABLE_SCHEMES and bool(url.host())


def open_link(url: QUrl) -> bool:
    """Hand an http(s) link to the system browser; any other link does nothing. True if opened."""
    if not is_openable(url):
        return False
    return bool(QDesktopServices.openUrl(url))


class SafeBrowser(QTextBrowser):
    """A read-only rich-text pane that never navigates: links go through :func:`open_link`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # a click emits anchorClicked and nothing else
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.anchorClicked.connect(open_link)

    def doSetSource(self, name: QUrl, type=None) -> None:  # noqa: A002, N802 - Qt's names
        """Never load a document from a URL into the pane (backward/forward/home included)."""

    def loadResource(self, type: int, name: QUrl) -> object:  # noqa: A002, N802 - Qt's names
        """Nothing is fetched for the document: no local files, no images. (An empty value, not
        None: on None QTextDocument falls back to reading a local file itself.)"""
        return QByteArray()


def make_plain(*labels: QLabel) -> None:
    """Make existing labels show their text literally."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_label(text: str = "", parent: QWidget | None = None, *, object_name: str = "",
                word_wrap: bool = False) -> QLabel:
    """A label whose text is never parsed as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(word_wrap)
    label.setText(text)
    return label


class MarkdownLabel(QLabel):
    """A label showing Markdown written by a coordinator (guidelines, criterion guidance) as
    :func:`markdown_html` renders it -- raw HTML shown as text -- whose links go through
    :func:`open_link` (http(s) to the system browser, anything else inert)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(lambda href: open_link(QUrl(href)))

    def set_markdown(self, text: str) -> None:
        self.setText(markdown_html(text) if text else "")


def markdown_label(parent: QWidget | None = None, *, object_name: str = "") -> MarkdownLabel:
    """A :class:`MarkdownLabel` (empty until ``set_markdown``)."""
    label = MarkdownLabel(parent)
    if object_name:
        label.setObjectName(object_name)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows ``text`` literally (tooltips guess rich text like labels do)."""
    if not text:
        return ""
    return "<qt>" + esc(text).replace("\n", "<br>") + "</qt>"


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                parent: QWidget | None = None) -> QMessageBox:
    """A message box whose text is shown literally (it may quote data or an error)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_message(parent: QWidget | None, title: str, text: str,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
    """A modal :func:`message_box` with an OK button."""
    message_box(icon, title, text, QMessageBox.StandardButton.Ok, parent).exec()
