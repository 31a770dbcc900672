"""``reviewer stats`` input: ids read exactly as written, "inf"/"nan" refused, text labels need
their order (``--categories``) at ordered levels; alpha checked against the ``krippendorff``
package called directly (Castro 2017) with the right order."""

from __future__ import annotations

import json
from pathlib import Path

import krippendorff
import numpy as np
import pytest

from reviewer.cli.main import main

# Three raters, eight units, labels low < medium < high ("" = no rating).
LABELS = ["low", "medium", "high"]
RATINGS = {
    "r1": ["low", "low", "medium", "high", "high", "medium", "low", "high"],
    "r2": ["low", "medium", "medium", "high", "medium", "medium", "low", "high"],
    "r3": ["medium", "low", "high", "high", "high", "", "low", "medium"],
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture
def labels_csv(tmp_path: Path) -> Path:
    path = tmp_path / "labels.csv"
    rows = [f"u{u},{r},{v}" for r, vals in RATINGS.items() for u, v in enumerate(vals)]
    path.write_text("unit,rater,value\n" + "\n".join(rows) + "\n")
    return path


def _reference(order: list[str], level: str) -> float:
    data = np.array([[order.index(v) if v else np.nan for v in vals] for vals in RATINGS.values()],
                    dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def test_ordinal_labels_need_categories(labels_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(capsys, "stats", str(labels_csv), "--statistic", "krippendorff_alpha",
                        "--level", "ordinal", "--bootstrap", "0")
    assert rc == 2 and out == ""
    assert str(labels_csv) in err and "--categories" in err and "text labels" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("level", ["ordinal", "interval"])
def test_ordinal_labels_with_categories_match_krippendorff(
        labels_csv: Path, capsys: pytest.CaptureFixture[str], level: str) -> None:
    rc, out, _ = _run(capsys, "stats", str(labels_csv), "--statistic", "krippendorff_alpha",
                      "--level", level, "--categories", "low,medium,high", "--bootstrap", "0", "--json")
    assert rc == 0
    value = json.loads(out)["value"]
    assert value == pytest.approx(_reference(LABELS, level), abs=1e-12)
    # the alphabetical order (high < low < medium) gives another figure: the order mattered
    assert abs(value - _reference(sorted(LABELS), level)) > 0.1


def test_weighted_kappa_labels_need_categories(labels_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = _run(capsys, "stats", str(labels_csv), "--statistic", "fleiss_kappa",
                      "--weights", "linear", "--bootstrap", "0")
    assert rc == 2 and "linear weights" in err and "--categories" in err
    rc, out, _ = _run(capsys, "stats", str(labels_csv), "--statistic", "fleiss_kappa", "--bootstrap", "0")
    assert rc == 0 and "units: 8" in out  # unweighted: no order needed


def test_nominal_labels_need_no_order(labels_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, "stats", str(labels_csv), "--statistic", "krippendorff_alpha",
                      "--bootstrap", "0", "--json")
    assert rc == 0 and json.loads(out)["value"] == pytest.approx(_reference(LABELS, "nominal"), abs=1e-12)


def test_ids_read_exactly_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ids.csv"
    ids = ["NA", "N/A", "null", "None", "nan", " NA"]  # six distinct units, none missing
    rows = [f"{u},{r},{1 + (i + (r == 'None')) % 2}" for i, u in enumerate(ids) for r in ("NA", "None")]
    path.write_text("unit,rater,value\n" + "\n".join(rows) + "\n")
    rc, out, _ = _run(capsys, "stats", str(path), "--statistic", "percent_agreement", "--bootstrap", "0",
                      "--json")
    data = json.loads(out)
    assert rc == 0 and data["n_units"] == 6 and data["n_raters"] == 2
    assert data["value"] == 0.0  # every unit: the two raters disagree


@pytest.mark.parametrize("bad", ["inf", "-inf", "nan", "NaN", "Infinity"])
def test_non_finite_values_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"unit,rater,value\nu1,a,1\nu1,b,2\nu2,a,3\nu2,b,{bad}\n")
    rc, out, err = _run(capsys, "stats", str(path), "--statistic", "krippendorff_alpha",
                        "--level", "interval", "--bootstrap", "0")
    assert rc == 2 and out == ""
    assert str(path) in err and f"value {bad!r} (unit 'u2')" in err
    assert len(err.strip().splitlines()) == 1


def test_empty_value_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text("unit,rater,value\nu1,a,1\nu1,b,1\nu2,a,2\nu2,b,\nu3,a,3\nu3,b,  \nu4,a,2\nu4,b,3\n")
    rc, out, _ = _run(capsys, "stats", str(path), "--statistic", "percent_agreement", "--bootstrap", "0",
                      "--json")
    data = json.loads(out)
    # pairable units: u1 (agree) and u4 (disagree)
    assert rc == 0 and data["value"] == pytest.approx(0.5)


@pytest.mark.parametrize("level", ["ordinal", "interval"])
def test_label_missing_from_categories_is_named(labels_csv: Path, capsys: pytest.CaptureFixture[str],
                                                level: str) -> None:
    rc, _, err = _run(capsys, "stats", str(labels_csv), "--statistic", "krippendorff_alpha", "--level", level,
                      "--categories", "low,high", "--bootstrap", "0")
    assert rc == 2 and "'medium'" in err and "low, high" in err


def test_ratio_level_refuses_labels(labels_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = _run(capsys, "stats", str(labels_csv), "--statistic", "krippendorff_alpha", "--level", "ratio",
                      "--categories", "low,medium,high", "--bootstrap", "0")
    assert rc == 2 and "ratio level needs numeric ratings" in err
