"""``reviewer stats``: values, JSON shape and error messages (exit 2, naming the file)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from reviewer.cli.main import main

N = np.nan
KRIPP = [[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
         [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]


@pytest.fixture
def kripp_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ratings.csv"
    lines = ["item,coder,grade"]
    lines += [f"u{u},c{r},{int(v)}" for r, row in enumerate(KRIPP) for u, v in enumerate(row) if not np.isnan(v)]
    lines.append("u11,c0,")  # an empty value is a missing rating
    path.write_text("\n".join(lines) + "\n")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_alpha_json(kripp_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cols = ["--unit-col", "item", "--rater-col", "coder", "--value-col", "grade"]
    for level, published in (("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)):
        rc, out, _ = _run(capsys, "stats", str(kripp_csv), "--statistic", "krippendorff_alpha",
                          "--level", level, *cols, "--bootstrap", "200", "--json")
        data = json.loads(out)
        assert rc == 0
        assert round(data["value"], 3) == published
        assert data["statistic"] == "krippendorff_alpha" and data["n_units"] == 11
        assert len(data["ci"]) == 2 and data["ci"][0] <= data["value"] <= data["ci"][1]
    rc, out, _ = _run(capsys, "stats", str(kripp_csv), "--statistic", "fleiss_kappa", *cols,
                      "--bootstrap", "0", "--json")
    assert json.loads(out)["ci"] is None
    assert json.loads(out)["value"] == pytest.approx(0.76117, abs=5e-6)


def test_labels_and_categories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.csv"
    path.write_text("unit,rater,value\n1,a,low\n1,b,low\n2,a,high\n2,b,mid\n3,a,mid\n3,b,mid\n"
                    "4,a,high\n4,b,high\n")
    rc, out, _ = _run(capsys, "stats", str(path), "--statistic", "cohen_kappa", "--weights", "linear",
                      "--categories", "low,mid,high", "--json")
    from sklearn.metrics import cohen_kappa_score

    ref = cohen_kappa_score(["low", "high", "mid", "high"], ["low", "mid", "mid", "high"],
                            weights="linear", labels=["low", "mid", "high"])
    assert rc == 0 and json.loads(out)["value"] == pytest.approx(ref)
    rc, out, _ = _run(capsys, "stats", str(path), "--statistic", "percent_agreement")
    assert rc == 0 and "0.7500" in out and "units: 4" in out


def test_icc_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    path = tmp_path / "sf.csv"
    path.write_text("unit,rater,value\n" + "".join(f"t{i},j{j},{v}\n" for i, row in enumerate(table)
                                                  for j, v in enumerate(row)))
    rc, out, _ = _run(capsys, "stats", str(path), "--statistic", "icc", "--form", "ICC3k", "--json")
    assert rc == 0 and round(json.loads(out)["value"], 2) == 0.91


@pytest.mark.parametrize(("args", "message"), [
    (["--statistic", "cohen_kappa"], "exactly 2 raters"),
    (["--statistic", "kappa_xyz"], "unknown statistic 'kappa_xyz'"),
    (["--statistic", "fleiss_kappa", "--unit-col", "case"], "no column 'case'"),
])
def test_errors_name_file_and_problem(kripp_csv: Path, capsys: pytest.CaptureFixture[str],
                                      args: list[str], message: str) -> None:
    extra = [] if "--unit-col" in args else ["--unit-col", "item"]
    rc, _, err = _run(capsys, "stats", str(kripp_csv), *args, *extra, "--rater-col", "coder",
                      "--value-col", "grade")
    assert rc == 2
    assert str(kripp_csv) in err and message in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = _run(capsys, "stats", str(tmp_path / "nope.csv"), "--statistic", "icc")
    assert rc == 2 and "nope.csv" in err and "not found" in err
