"""Study data reaches the screen as text: raw HTML in Markdown is shown literally, links are never
followed inside a pane (only http(s) goes to the system browser), labels are plain text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser
from sqlalchemy import select

from reviewer.gui.safe_text import SafeBrowser, markdown_html, message_box, plain_label, plain_tooltip
from reviewer.store.models import Case, Criterion, Rater, Response
from tests.support.rating import make_study

HOSTILE_ANSWER = """Take **aspirin** <b>x</b> now.

<script>alert(1)</script>

See [the local file](file:///etc/passwd), [the guideline](https://example.org/guide),
[a script](javascript:alert(1)) and [data](data:text/html,<h1>hi</h1>).

![a local image](file:///etc/hostname)
"""


class UrlCatcher(QObject):
    """A real QDesktopServices URL handler: what openUrl hands over for a scheme lands here."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def catcher():
    c = UrlCatcher()
    schemes = ("http", "https", "file", "javascript", "data")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, c, "catch")
    yield c
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


def hostile_study(store) -> dict:
    ids = make_study(store, cases=1, criteria=2)
    with store.begin() as s:
        case = s.get(Case, ids["cases"][0])
        case.title = "<i>x</i> title"
        case.category = "<b>cardiology</b>"
        case.turns = [{"role": "user", "content": "Is <b>this</b> bold? <script>steal()</script>"}]
        case.reference_answer = "<img src='file:///etc/hostname'> reference"
        first = s.scalar(select(Criterion).where(Criterion.id == ids["criteria"][case.id][0]))
        first.text = "<i>x</i> criterion"
        for r in s.scalars(select(Response)):
            r.text = HOSTILE_ANSWER
        s.scalar(select(Rater).where(Rater.name == "alice")).display_name = "<u>Alice</u>"
    return ids


def anchor_point(browser: QTextBrowser, href: str) -> QPoint:
    """Viewport position of the middle of the link whose target is *href*."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                cursor = browser.textCursor()
                cursor.setPosition(frag.position() + frag.length() // 2)
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in the pane")


def click(qtbot, browser: QTextBrowser, href: str) -> None:
    """A real left click on the link (press and release on the viewport)."""
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(browser, href))


def test_markdown_escapes_raw_html_and_keeps_markdown() -> None:
    out = markdown_html("**bold** <script>alert(1)</script> <b>x</b> `<i>` <!-- c -->")
    assert "<strong>bold</strong>" in out
    assert "<script" not in out and "<b>" not in out and "<!--" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out
    assert "<code>&lt;i&gt;</code>" in out


def test_answer_pane_shows_html_as_text_and_links_stay_inert(coord_window, store, qtbot, catcher) -> None:
    ids = hostile_study(store)
    w = coord_window(store, {"study": ids["study"], "raters": {"alice": ids["alice"]}}, coordinator=False)
    body = w.active.response.body
    shown = body.toPlainText()
    assert "<b>x</b>" in shown and "<script>alert(1)</script>" in shown
    assert "aspirin" in shown and "**" not in shown  # Markdown itself still renders
    before = body.toHtml()

    for href in ("file:///etc/passwd", "javascript:alert(1)", "data:text/html,<h1>hi</h1>"):
        click(qtbot, body, href)
        assert body.toHtml() == before and body.source().isEmpty(), href
    assert catcher.urls == []  # nothing but http(s) is handed to the desktop

    click(qtbot, body, "https://example.org/guide")
    assert catcher.urls == ["https://example.org/guide"]
    assert body.toHtml() == before  # the pane itself never navigates

    chat = w.case_pane.chat.toPlainText()
    assert "Is <b>this</b> bold?" in chat and "<script>steal()</script>" in chat
    labels = {lab.text(): lab for lab in w.findChildren(QLabel)}
    for text in ("<i>x</i> title", "<b>cardiology</b>", "<i>x</i> criterion"):
        assert text in labels, text
        assert labels[text].textFormat() == Qt.TextFormat.PlainText
    # a plain-text label lays out the tags as characters: wider than the same label as rich text
    rich = QLabel("<i>x</i> criterion")
    rich.setTextFormat(Qt.TextFormat.RichText)
    assert labels["<i>x</i> criterion"].sizeHint().width() > rich.sizeHint().width()


def test_links_from_emitted_anchor_signal_and_images(qtbot, catcher, tmp_path: Path) -> None:
    pane = SafeBrowser()
    qtbot.addWidget(pane)
    png = tmp_path / "secret.png"
    img = QImage(8, 8, QImage.Format.Format_RGB32)
    img.fill(0xFF0000)
    assert img.save(str(png))
    url = QUrl.fromLocalFile(str(png)).toString()
    pane.setHtml(markdown_html(f"![secret]({url}) and [open]({url})"))
    before = pane.toHtml()
    pane.anchorClicked.emit(QUrl(url))
    pane.anchorClicked.emit(QUrl("ftp://example.org/x"))
    pane.anchorClicked.emit(QUrl("https:relative-without-host"))
    assert pane.toHtml() == before and catcher.urls == []
    assert "<img" not in markdown_html(f"![secret]({url})")  # image syntax stays text
    pane.setHtml(f'<img src="{url}">')  # and even a hand-made image tag loads nothing
    loaded = pane.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert not isinstance(loaded, (QPixmap, QImage)) and not loaded, loaded
    pane.setHtml(markdown_html(f"![secret]({url}) and [open]({url})"))
    pane.setSource(QUrl(url))  # even a direct navigation request loads nothing
    assert pane.toHtml() == before
    pane.anchorClicked.emit(QUrl("http://example.org/x"))
    assert catcher.urls == ["http://example.org/x"]


def test_plain_label_tooltip_and_no_bare_labels_in_gui(qtbot) -> None:
    label = plain_label("<i>x</i>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == "<i>x</i>"
    assert plain_tooltip("<i>x</i> & y") == "<qt>&lt;i&gt;x&lt;/i&gt; &amp; y</qt>"
    box = message_box(QMessageBox.Icon.Warning, "t", "run <b>x</b> failed")
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == "run <b>x</b> failed"
    box.deleteLater()
    gui = Path(__file__).resolve().parents[2] / "reviewer" / "gui"
    bare = [f"{p.relative_to(gui)}:{n}" for p in gui.rglob("*.py") if p.name != "safe_text.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bQ(Label|TextBrowser)\(", line)
            or re.search(r"QMessageBox(\.(warning|information|critical|question))?\(", line)]
    assert bare == [], "build labels with safe_text.plain_label, panes with SafeBrowser, messages with message_box"
