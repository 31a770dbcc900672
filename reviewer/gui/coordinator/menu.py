"""Coordinator screens hooked into the main window: the Coordinator menu, the jobs dock, the
Agreement/Triage/Adjudication window, and "Return ratings…" for a window working on a review file.

:func:`install` is called once at the end of ``MainWindow.__init__``. It adds nothing for a rater
on a study database. In coordinator mode it adds the "Coordinator" menu and a jobs dock (hidden
until a job starts); Agreement, Triage and Adjudication open as tabs of one secondary top-level window (they are
wide tables a coordinator reads side by side with the queue, often on a second screen). On a
review file it adds "Return ratings…" to the File menu. Closing the window cancels running jobs
and waits for them (an event filter, so the window's own close handling stays untouched).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFrame, QMainWindow, QMenu, QScrollArea, QTabWidget, QWidget

from reviewer.gui.coordinator.jobs import JobManager, JobsPanel
from reviewer.gui.coordinator.reviewfile_actions import review_source


class CoordinatorWindow(QMainWindow):
    """Agreement, Triage, Adjudication and the study overview as tabs (created on first use); sized to the
    screen it opens on, each tab scrolling inside rather than growing past the screen."""

    def __init__(self, ui: CoordinatorUi) -> None:
        super().__init__()
        self.ui = ui
        w = ui.window
        self.setWindowTitle(w.tr("Reviewer — %s — coordinator") % w.study_name)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.agreement: Any = None
        self.triage: Any = None
        self.overview: Any = None
        self.adjudication: Any = None
        self.pages: dict[int, QScrollArea] = {}
        fit_to_screen(self, 1400, 900)

    def _add(self, view: QWidget, title: str) -> None:
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidget(view)
        self.pages[id(view)] = page
        self.tabs.addTab(page, title)

    def _show(self, view: QWidget) -> Any:
        self.tabs.setCurrentWidget(self.pages[id(view)])
        self._raise()
        return view

    def show_agreement(self) -> Any:
        if self.agreement is None:
            from reviewer.gui.coordinator.agreement_view import AgreementView

            w = self.ui.window
            self.agreement = AgreementView(w.store, w.study_id, self.ui.jobs)
            self._add(self.agreement, w.tr("Agreement"))
        return self._show(self.agreement)

    def show_triage(self) -> Any:
        if self.triage is None:
            from reviewer.gui.coordinator.triage_view import TriageView

            w = self.ui.window
            self.triage = TriageView(w.store, w.study_id, self.ui.jobs, w.rater_name)
            self._add(self.triage, w.tr("Triage"))
            self.triage.refresh()
        return self._show(self.triage)

    def show_adjudication(self) -> Any:
        if self.adjudication is None:
            from reviewer.gui.coordinator.adjudication_view import AdjudicationView

            w = self.ui.window
            self.adjudication = AdjudicationView(w.store, w.study_id, self.ui.jobs, w.rater_name)
            self._add(self.adjudication, w.tr("Adjudication"))
            self.adjudication.refresh()
        view = self._show(self.adjudication)
        view.table.setFocus()
        return view

    def show_overview(self) -> Any:
        from reviewer.gui.coordinator.overview import OverviewView

        if self.overview is None:
            w = self.ui.window
            self.overview = OverviewView(w.store, w.study_id)
            self._add(self.overview, w.tr("Study overview"))
        self.overview.refresh()
        return self._show(self.overview)

    def reload_judge_runs(self) -> None:
        """A judge run was added or deleted: the open views offer the runs as they are now."""
        for view in (self.agreement, self.triage):
            if view is not None:
                view.reload_judge_runs()

    def _raise(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize *window* to *width* x *height*, or less: never beyond 95% of the available area of
    the screen it is on (a 1000-pixel laptop screen keeps the title bar and the buttons in view)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, int(area.width() * 0.95)), min(height, int(area.height() * 0.95))
    window.resize(width, height)


class _CloseGuard(QObject):
    """Cancels and waits for running jobs when the main window closes."""

    def __init__(self, ui: CoordinatorUi) -> None:
        super().__init__(ui.window)
        self.ui = ui

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.ui.window and event.type() == QEvent.Type.Close:
            self.ui.shutdown()
        return False


class CoordinatorUi(QObject):
    """Everything :func:`install` adds, reachable as ``window.coordinator_ui``."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.jobs = JobManager(window)
        self.jobs_panel: JobsPanel | None = None
        self.second: CoordinatorWindow | None = None
        self.last_dialog: QWidget | None = None
        self.last_merge_report: Any = None
        self.actions: dict[str, QAction] = {}
        self.review_source = review_source(window)
        self._guard = _CloseGuard(self)
        window.installEventFilter(self._guard)

    # -- menus -----------------------------------------------------------------------------------
    def _action(self, key: str, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        act = QAction(text, self.window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _=False: slot())
        self.actions[key] = act
        return act

    def install_coordinator_menu(self) -> QMenu:
        w = self.window
        bar = w.menuBar()
        menu = QMenu(w.tr("&Coordinator"), w)
        help_title = w.tr("&Help")  # the Help menu's title in the language on screen
        help_action = next((a for a in bar.actions() if a.menu() is not None and a.text() == help_title), None)
        if help_action is not None:
            bar.insertMenu(help_action, menu)
        else:
            bar.addMenu(menu)
        menu.addAction(self._action("overview", w.tr("Study overview…"), self.open_overview, "Ctrl+Shift+O"))
        menu.addAction(self._action("import", w.tr("Import…"), self.open_import, "Ctrl+Shift+I"))
        menu.addSeparator()
        menu.addAction(self._action("generate", w.tr("Generate candidates…"), self.open_generate, "Ctrl+Shift+G"))
        menu.addAction(self._action("judge", w.tr("Run judge…"), self.open_judge, "Ctrl+Shift+J"))
        menu.addAction(self._action("templates", w.tr("Edit judge templates…"), self.open_templates))
        menu.addAction(self._action("judge_runs", w.tr("Judge runs…"), self.open_judge_runs))
        menu.addSeparator()
        menu.addAction(self._action("agreement", w.tr("Agreement…"), self.open_agreement, "Ctrl+Shift+A"))
        menu.addAction(self._action("triage", w.tr("Triage…"), self.open_triage, "Ctrl+Shift+T"))
        menu.addAction(self._action("adjudicate", w.tr("Adjudicate…"), self.open_adjudication, "Ctrl+Shift+D"))
        menu.addSeparator()
        menu.addAction(self._action("assign", w.tr("Assign…"), self.open_assign))
        menu.addAction(self._action("pack", w.tr("Pack review files…"), self.open_pack))
        menu.addAction(self._action("merge", w.tr("Merge returns…"), self.open_merge))
        menu.addAction(self._action("report", w.tr("Report…"), self.open_report))
        menu.addSeparator()
        panel = self.ensure_jobs_panel()
        toggle = panel.toggleViewAction()
        toggle.setText(w.tr("Jobs panel"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.actions["jobs"] = toggle
        menu.addAction(toggle)
        self.menu = menu
        return menu

    def install_return_action(self) -> None:
        from reviewer.gui.coordinator.reviewfile_actions import return_ratings

        w = self.window
        file_menu = next((a.menu() for a in w.menuBar().actions() if a.menu() is not None), None)
        act = self._action("return", w.tr("&Return ratings…"), lambda: return_ratings(w), "Ctrl+Shift+R")
        if file_menu is None:
            w.menuBar().addMenu(w.tr("&File")).addAction(act)
            return
        quit_action = next((a for a in file_menu.actions() if a.shortcut() == QKeySequence("Ctrl+Q")), None)
        if quit_action is not None:
            file_menu.insertAction(quit_action, act)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(act)

    # -- jobs ------------------------------------------------------------------------------------
    def ensure_jobs_panel(self) -> JobsPanel:
        if self.jobs_panel is None:
            self.jobs_panel = JobsPanel(self.jobs, self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_panel)
            self.jobs_panel.hide()
        return self.jobs_panel

    def shutdown(self) -> None:
        self.jobs.shutdown()
        if self.second is not None:
            self.second.close()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    # -- actions ---------------------------------------------------------------------------------
    def open_generate(self) -> Any:
        from reviewer.gui.coordinator.generate_dialog import GenerateDialog

        return self._open(GenerateDialog(self.window.store, self.window.study_id, self.window),
                          self.start_generation)

    def start_generation(self, params: dict[str, Any]) -> Any:
        from reviewer.gui.coordinator.generate_dialog import generation_job, summary_text

        w = self.window
        name = params.get("name") or params.get("model", "").rstrip("/").split("/")[-1]
        return self.jobs.start(w.tr("Generate — %s") % name,
                               generation_job(w.store, w.study_id, params, w.rater_name),
                               on_done=lambda s: s is not None and self._status(summary_text(s)))

    def open_judge(self) -> Any:
        from reviewer.gui.coordinator.judge_dialog import JudgeDialog

        return self._open(JudgeDialog(self.window.store, self.window, self.window.study_id), self.start_judge)

    def start_judge(self, params: dict[str, Any]) -> Any:
        from reviewer.gui.coordinator.judge_dialog import judge_job, judge_summary_text

        w = self.window

        def done(summary: Any) -> None:
            if summary is None:
                return
            self.judge_runs_changed()  # the new run joins the open views' choices
            self._status(judge_summary_text(summary))
            current = getattr(w, "current_id", None)
            if current is not None:  # reload the open answer so the new verdicts show beside it
                for col in w.columns:
                    col.forget(current)
                w.current_id = None
                w.open_response(current)

        return self.jobs.start(w.tr("Judge — %s") % (params.get("name") or params.get("template")),
                               judge_job(w.store, w.study_name, params), on_done=done)

    def open_templates(self) -> Any:
        from reviewer.gui.coordinator.judge_dialog import TemplateEditor

        return self._open(TemplateEditor(self.window.store, self.window.rater_name, self.window))

    def open_judge_runs(self) -> Any:
        from reviewer.gui.coordinator.judge_runs_dialog import JudgeRunsDialog

        w = self.window
        dialog = JudgeRunsDialog(w.store, w.study_id, w.rater_name, w)
        dialog.runs_changed.connect(self.judge_runs_changed)
        return self._open(dialog)

    def judge_runs_changed(self) -> None:
        if self.second is not None:
            self.second.reload_judge_runs()

    def _open(self, dialog: Any, start: Any = None) -> Any:
        """Open *dialog* (window-modal); on OK, *start* gets its ``params()``."""
        if start is not None:
            dialog.accepted.connect(lambda: start(dialog.params()))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def coordinator_window(self) -> CoordinatorWindow:
        if self.second is None:
            self.second = CoordinatorWindow(self)
        return self.second

    def open_agreement(self) -> Any:
        return self.coordinator_window().show_agreement()

    def open_triage(self) -> Any:
        return self.coordinator_window().show_triage()

    def open_adjudication(self) -> Any:
        return self.coordinator_window().show_adjudication()

    def open_overview(self) -> Any:
        return self.coordinator_window().show_overview()

    def open_import(self) -> Any:
        from reviewer.gui.coordinator.loop_dialogs import ImportDialog

        return self._open(ImportDialog(self, self.window))

    def open_assign(self) -> Any:
        from reviewer.gui.coordinator.loop_dialogs import AssignDialog

        return self._open(AssignDialog(self, self.window))

    def open_pack(self) -> Any:
        from reviewer.gui.coordinator.loop_dialogs import PackDialog

        return self._open(PackDialog(self, self.window))

    def open_report(self) -> Any:
        from reviewer.gui.coordinator.report_dialog import ReportDialog

        return self._open(ReportDialog(self, self.window))

    def study_changed(self) -> None:
        """After an import, assignment or merge: the queue and an open overview show the new state."""
        reload = getattr(self.window, "reload", None)
        if reload is not None:
            reload()
        if self.second is not None and self.second.overview is not None:
            self.second.overview.refresh()

    def open_merge(self, paths: list[str] | None = None) -> Any:
        from reviewer.gui.coordinator.reviewfile_actions import merge_returns

        return merge_returns(self.window, paths)


def install(window: Any) -> CoordinatorUi | None:
    """Add the coordinator menu (coordinator mode) and "Return ratings…" (review file) to *window*."""
    coordinator = bool(getattr(window, "coordinator", False))
    on_review_file = review_source(window) is not None
    if not coordinator and not on_review_file:
        window.coordinator_ui = None
        return None
    ui = CoordinatorUi(window)
    window.coordinator_ui = ui
    if on_review_file:
        ui.install_return_action()
    if coordinator:
        ui.install_coordinator_menu()
    return ui
