"""The app's look: Fusion style, a palette that follows the system's light/dark scheme, and one
style sheet with clear status colours (met green, not met red, n.a. grey; draft amber)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {"bg": "#f6f7f9", "pane": "#ffffff", "text": "#1d2633", "subtle": "#667085", "line": "#dde2ea",
         "focus": "#e8f0fe", "select": "#cfe0ff", "focus_line": "#2f6fed", "disagree": "#fdecec", "accent": "#2f6fed"}
DARK = {"bg": "#1e2127", "pane": "#262a31", "text": "#e6e9ef", "subtle": "#9aa4b2", "line": "#3a404a",
        "focus": "#22314d", "select": "#2c4a80", "focus_line": "#6b9bff", "disagree": "#4a2626", "accent": "#6b9bff"}

SHEET = """
QMainWindow, QDialog {{ background: {bg}; }}
#CasePane, #ChecklistPane, ResponsePane, #QueuePanel {{ background: {pane}; }}
QTextBrowser {{ background: {pane}; color: {text}; }}
#PaneTitle {{ font-size: {title}pt; font-weight: 600; color: {text}; padding: 2px 0 4px 0; }}
#SectionTitle {{ font-weight: 600; color: {text}; padding-top: 4px; }}
#Subtle, #Anchor {{ color: {subtle}; }}
#Guidance {{ color: {text}; background: {bg}; border-left: 3px solid {focus_line}; padding: 4px 8px; }}
#CoordinatorNote {{ color: #7a4a00; background: #fff4e0; border-radius: 4px; padding: 2px 6px; }}
#CriterionRow #CoordinatorNote {{ background: transparent; padding: 0; }}
#CritNumber {{ color: {subtle}; font-weight: 600; }}
#CriterionRow {{ background: {pane}; border: 1px solid {line}; border-left: 4px solid {line};
                 border-radius: 6px; }}
#CriterionRow[focused="true"] {{ background: {focus}; border-left: 4px solid {focus_line}; }}
#CriterionRow[disagree="true"] {{ background: {disagree}; }}
#CriterionRow QToolButton {{ border: 1px solid {line}; border-radius: 4px; padding: 2px 8px;
                             background: {bg}; color: {text}; }}
#CriterionRow QToolButton:hover {{ border-color: {focus_line}; }}
QToolButton#Met:checked {{ background: #1f9d55; color: white; border-color: #1f9d55; }}
QToolButton#NotMet:checked {{ background: #d64545; color: white; border-color: #d64545; }}
QToolButton#Met[harmful="true"]:checked {{ background: #d64545; color: white; border-color: #d64545; }}
QToolButton#NotMet[harmful="true"]:checked {{ background: #1f9d55; color: white; border-color: #1f9d55; }}
#CriterionRow[harmful="true"] {{ border-left: 4px solid #e8a0a0; }}
#CriterionRow[harmful="true"][focused="true"] {{ border-left: 4px solid #d64545; }}
QToolButton#NotApplicable:checked {{ background: #7b8494; color: white; border-color: #7b8494; }}
QToolButton#Feedback[given="true"] {{ color: #8a4b00; border-color: #e0a030; }}
#StatusBadge {{ border-radius: 9px; padding: 2px 10px; font-weight: 600; color: white; background: #8a94a6; }}
#StatusBadge[status="draft"] {{ background: #d08a00; }}
#StatusBadge[status="submitted"] {{ background: #1f9d55; }}
#ErrorBanner {{ background: #fdecec; color: #9b1c1c; border: 1px solid #f5b5b5; border-radius: 6px;
                padding: 6px 8px; }}
#InfoBanner {{ background: {focus}; color: {text}; border: 1px solid {line}; border-left: 4px solid {focus_line};
               border-radius: 6px; padding: 6px 8px; }}
#CarriedTag {{ color: {subtle}; border: 1px solid {line}; border-radius: 4px; padding: 0 6px; font-size: {small}pt; }}
#EmptyState {{ color: {subtle}; font-size: {title}pt; }}
QPushButton#Submit {{ background: {accent}; color: white; border: none; border-radius: 5px;
                      padding: 6px 16px; font-weight: 600; }}
QPushButton#Submit:hover {{ background: #2559c4; }}
#Safety {{ color: #9b1c1c; font-weight: 600; }}
QProgressBar {{ border: 1px solid {line}; border-radius: 5px; text-align: center; background: {pane};
                min-height: 16px; max-height: 16px; }}
QProgressBar::chunk {{ background: #1f9d55; border-radius: 4px; }}
QTableView {{ background: {pane}; alternate-background-color: {bg}; gridline-color: {line};
              selection-background-color: {select}; selection-color: {text}; }}
QHeaderView::section {{ background: {bg}; border: none; border-bottom: 1px solid {line};
                        padding: 4px; font-weight: 600; color: {subtle}; }}
QSplitter::handle {{ background: {line}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
#RefToggle {{ border: none; font-weight: 600; color: {accent}; }}
"""


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def apply_style(app: QApplication, point_size: float) -> None:
    """Fusion + palette + style sheet at *point_size* (the zoom setting)."""
    colours = DARK if is_dark() else LIGHT
    app.setStyle("Fusion")
    pal = app.palette()
    for role, key in ((QPalette.ColorRole.Window, "bg"), (QPalette.ColorRole.Base, "pane"),
                      (QPalette.ColorRole.Text, "text"), (QPalette.ColorRole.WindowText, "text"),
                      (QPalette.ColorRole.Highlight, "accent")):
        pal.setColor(role, QColor(colours[key]))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(point_size)
    app.setFont(font)
    app.setStyleSheet(SHEET.format(title=round(point_size * 1.25, 1), small=round(point_size * 0.9, 1), **colours))
