"""The Agreement tab's display layer (reviewer/gui/coordinator/agreement_labels.py) knows every
table, column and figure the agreement report of the demo study holds, so none falls back to the
report's English words; and it changes only what is shown, never the frame the exports write."""

from __future__ import annotations

import pandas as pd

from tests.support.coordinator import demo_ids


def _unlabelled(doc):  # noqa: ANN001, ANN202
    """(tables, columns, figures, key cells) of *doc* the display layer has no label for."""
    from reviewer.gui.coordinator import agreement_labels as labels

    known_columns = labels.column_names()
    unknown_tables, unknown_columns, unknown_figures, unknown_cells = [], set(), [], set()
    for table in doc.tables():
        key = labels.JUDGE_PREFIX.sub("", table.name)
        if key not in labels.table_titles():
            unknown_tables.append(table.name)
        for column in map(str, table.frame.columns):
            base = next((column[: -len(s)] for s in ("_lo", "_hi", "_informative") if column.endswith(s)), column)
            if column not in known_columns and base not in known_columns:
                unknown_columns.add(column)
        for column, shown in labels.cell_display(table.frame.columns).items():
            if column in ("statistic", "level", "scope", "side"):
                unknown_cells |= {v for v in table.frame[column].dropna().unique() if shown(v) is None}
    for fig in doc.figures():
        if not labels.known_figure(fig.name, fig.title):
            unknown_figures.append(fig.name)
    return unknown_tables, unknown_columns, unknown_figures, unknown_cells


def test_every_table_column_and_figure_of_the_report_has_a_display_label(demo_store, qapp) -> None:  # noqa: ANN001
    from reviewer.agreement.service import analyze_study
    from reviewer.reports.agreement_report import build_agreement_report

    result = analyze_study(demo_store, demo_ids(demo_store)["study_name"], n_boot=0, seed=0)
    assert result.judges, "the demo study has a judge run: its tables must be covered too"
    assert _unlabelled(build_agreement_report(result)) == ([], set(), [], set())


def test_the_before_after_tables_have_display_labels(store, qapp) -> None:  # noqa: ANN001
    """A study with a reworded criterion: its "before and after" tables are labelled too and sit
    on the criteria page; the before / after cells read as words of the UI."""
    from reviewer.agreement.service import analyze_study
    from reviewer.gui.coordinator import agreement_labels as labels
    from reviewer.gui.coordinator.agreement_view import _page_of
    from reviewer.reports.agreement_report import build_agreement_report
    from tests.support.before_after import build_rated_study

    build_rated_study(store)
    doc = build_agreement_report(analyze_study(store, n_boot=0, seed=0))
    names = [t.name for t in doc.tables() if t.name.startswith("before_after")]
    assert names == ["before_after", "before_after.judges"]
    assert _unlabelled(doc) == ([], set(), [], set())
    assert {_page_of(n) for n in names} == {"criteria"}
    side = labels.cell_display(["side"])["side"]
    assert (side("before"), side("after")) == ("before the edit", "after the edit")
    assert labels.header_of("alpha_lo") == "Alpha, CI low" and labels.header_of("versions") == "Checklist versions"


def test_cells_read_translated_but_the_model_keeps_the_keys(qapp) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from reviewer.gui.coordinator import agreement_labels as labels
    from reviewer.gui.coordinator.frame_model import DataFrameModel

    frame = pd.DataFrame({"scope": ["judge demo-judge"], "statistic": ["no_such_statistic"],
                          "value": [0.5], "ci_informative": ["yes"]})
    model = DataFrameModel(frame, headers=labels.headers(frame.columns), display=labels.cell_display(frame.columns))
    shown = [model.data(model.index(0, c)) for c in range(4)]
    assert shown == ["judge demo-judge", "no_such_statistic", "0.500", "yes"]  # English UI: as the report
    assert model.data(model.index(0, 1), Qt.ItemDataRole.UserRole) == "no_such_statistic"
    assert model.frame.equals(frame)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "CI informative"


def test_gold_table_sits_with_the_judges() -> None:
    """Physicians and judge runs against the gold labels: the judge tab, not "by category and model"."""
    from reviewer.gui.coordinator.agreement_view import _page_of

    assert _page_of("vs_gold") == "judges" and _page_of("by_model") == "groups"
