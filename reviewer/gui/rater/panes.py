"""The case pane (conversation + collapsible reference answer) and the response pane.

Markdown (tables, lists, code) is rendered to HTML by ``gui/safe_text.markdown_html`` (raw HTML
shown as text) and shown in a ``SafeBrowser`` (links never followed in the pane). The response pane is labelled only "Response A/B/…"; the
model name appears only in coordinator mode.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QToolButton, QVBoxLayout, QWidget

from reviewer.gui.safe_text import SafeBrowser, esc, markdown_html, plain_label
from reviewer.gui.settings import REFERENCE_OPEN
from reviewer.rating.views import ItemView

__all__ = ["CSS", "CasePane", "FittingScrollArea", "ResponsePane", "chat_html", "markdown_html"]

CSS = """
table.md { border-collapse: collapse; margin: 4px 0; }
table.md th, table.md td { border: 1px solid #b8c0cc; padding: 3px 6px; }
table.md th { background: #e8edf4; }
pre { background: #f3f5f8; padding: 6px; }
"""


def _role_name(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {"user": QCoreApplication.translate("CasePane", "Patient / user"),
             "assistant": QCoreApplication.translate("CasePane", "Assistant"),
             "system": QCoreApplication.translate("CasePane", "System")}
    return esc(names.get(role, role))


def chat_html(item: ItemView, dark: bool = False) -> str:
    """The conversation as chat turns: the user's on a blue tint, the assistant's on grey."""
    user_bg, other_bg = ("#1f3350", "#2e3440") if dark else ("#e9f1fd", "#f2f3f5")
    parts = [f"<style>{CSS}</style>"]
    for turn in item.turns:
        bg = user_bg if turn.role == "user" else other_bg
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="8" style="margin-bottom:8px">'
            f'<tr><td style="background:{bg}; border-radius:6px">'
            f'<div style="font-weight:600; color:#5b6b82">{_role_name(turn.role)}</div>'
            f"{markdown_html(turn.content)}</td></tr></table>")
    return "".join(parts)


class _Browser(SafeBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)


class CasePane(QWidget):
    """The prompt (chat turns) and, per study setting, a collapsible reference answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CasePane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        self.title = plain_label(object_name="PaneTitle", word_wrap=True)
        self.category = plain_label(object_name="Subtle")
        self.chat = _Browser()
        self.ref_toggle = QToolButton()
        self.ref_toggle.setObjectName("RefToggle")
        self.ref_toggle.setCheckable(True)
        self.ref_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.ref_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.ref_toggle.setText(self.tr("Reference answer"))
        self.ref_toggle.toggled.connect(self._toggle_reference)
        self.reference = _Browser()
        self.reference.setObjectName("Reference")
        self.reference.setVisible(False)
        layout.addWidget(self.title)
        layout.addWidget(self.category)
        layout.addWidget(self.chat, 3)
        layout.addWidget(self.ref_toggle)
        layout.addWidget(self.reference, 2)
        self.ref_toggle.setChecked(REFERENCE_OPEN.value())
        self._shown: tuple[int, bool] | None = None

    def _toggle_reference(self, shown: bool) -> None:
        self.ref_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.reference.setVisible(shown and self.ref_toggle.isVisible())
        REFERENCE_OPEN.set(shown)

    def show_item(self, item: ItemView | None, dark: bool = False) -> None:
        if item is None:
            self._shown = None
            self.title.setText("")
            self.category.setText("")
            self.chat.clear()
            self.ref_toggle.setVisible(False)
            self.reference.setVisible(False)
            return
        key = (item.case_id, dark)
        if key == self._shown:  # the next response to the same case: nothing to redraw
            return
        self._shown = key
        self.title.setText(item.case_title or self.tr("Case"))
        self.category.setText(item.category)
        self.category.setVisible(bool(item.category))
        self.chat.setHtml(chat_html(item, dark))
        has_ref = bool(item.show_reference and item.reference_answer)
        self.ref_toggle.setVisible(has_ref)
        self.reference.setHtml(f"<style>{CSS}</style>" + markdown_html(item.reference_answer or "")
                               if has_ref else "")
        self.reference.setVisible(has_ref and self.ref_toggle.isChecked())


class ResponsePane(QWidget):
    """The answer under review, labelled only "Response A"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 8)
        self.header = plain_label(object_name="PaneTitle")
        self.model_label = plain_label(object_name="CoordinatorNote")
        self.model_label.setVisible(False)
        self.body = _Browser()
        layout.addWidget(self.header)
        layout.addWidget(self.model_label)
        layout.addWidget(self.body, 1)

    def show_item(self, item: ItemView | None, model_name: str | None = None) -> None:
        if item is None:
            self.header.setText("")
            self.body.clear()
            self.model_label.setVisible(False)
            return
        self.header.setText(self.tr("Response %s") % item.blind_label)
        self.body.setHtml(f"<style>{CSS}</style>" + markdown_html(item.response_text))
        self.model_label.setVisible(model_name is not None)
        if model_name is not None:
            self.model_label.setText(self.tr("Coordinator view · model: %s") % model_name)


class FittingScrollArea(QScrollArea):
    """A vertical-only scroll area that is never narrower than its content's minimum: the splitter
    takes room from the other panes instead of cutting off the checklist's right edge (points,
    feedback button, comment box) when the text is larger or a dock panel is open."""

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's minimum changed (text size): tell the splitter
        return super().eventFilter(obj, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() \
            + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())
