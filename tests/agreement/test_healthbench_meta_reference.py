"""HealthBench meta-evaluation at study scale against an independent re-implementation of the
reference: simple-evals ``healthbench_meta_eval.py`` (``HealthBenchMetaEval.__call__``,
``compute_metrics_for_rater_by_class``, ``get_f1_metrics``, ``compute_f1_metric``,
``get_balanced_metrics``, ``compute_balanced_metric``) for the per-category numbers and
``healthbench_scripts/healthbench_analysis.ipynb`` (``agg_n_and_val_list``,
``plot_model_physician_agreement``) for themes, the weighted physician mean and the percentile.

The re-implementation below works on the raw JSONL rows with the reference's string-keyed metric
dicts; the product works on the SQLite store the real importers filled."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from reviewer.agreement import analyze_study
from reviewer.cli.main import main
from reviewer.importing.healthbench_meta import import_healthbench_meta
from reviewer.importing.verdicts import import_verdicts

CATEGORIES = ["cluster:emergency_referrals_emergent", "cluster:emergency_referrals_non_emergent",
              "cluster:hedging_any_reducible_uncertainty", "cluster:hedging_no_uncertainty",
              "cluster:context_seeking_enough_context", "other_without_cluster_prefix"]
PHYSICIANS = [f"phys-{i:02d}" for i in range(12)]


# ---------------------------------------------------------------- the reference, re-implemented
def ref_rater_metrics(selfs: list[bool], others: list[list[bool]], clusters: list[str],
                      who: str) -> dict[str, dict[str, Any]]:
    """``compute_metrics_for_rater_by_class`` with its F1 and balanced metrics."""
    lists: dict[str, list[bool]] = defaultdict(list)
    for s, oth, cluster in zip(selfs, others, clusters, strict=True):
        for o in oth:
            for key in (f"pairwise_{who}_precision_{'pos' if s else 'neg'}",
                        f"pairwise_{who}_recall_{'pos' if o else 'neg'}"):
                lists[key].append(s == o)
                lists[f"{cluster}: {key}"].append(s == o)
    metrics: dict[str, dict[str, Any]] = {k: {"n": len(v), "value": sum(v) / len(v)} for k, v in lists.items()}
    f1s = {}
    for pk in metrics:
        if "precision" in pk and pk.replace("precision", "recall") in metrics:
            p, r = metrics[pk], metrics[pk.replace("precision", "recall")]
            if p["value"] == 0 and r["value"] == 0:
                value = 0.0
            else:
                value = 2 * (p["value"] * r["value"]) / (p["value"] + r["value"])
            f1s[pk.replace("precision", "f1")] = {"n": p["n"] + r["n"] - p["value"] * p["n"], "value": value}
    metrics.update(f1s)
    balanced = {}
    for k in metrics:
        if "pos" in k and k.replace("pos", "neg") in metrics:
            a, b = metrics[k], metrics[k.replace("pos", "neg")]
            balanced[k.replace("pos", "balanced")] = {"n": a["n"] + b["n"], "value": (a["value"] + b["value"]) / 2}
    metrics.update(balanced)
    return metrics


def ref_agg(n_and_vals: list[dict[str, Any]]) -> dict[str, Any]:
    """``agg_n_and_val_list``."""
    return {"value": sum(d["value"] * d["n"] for d in n_and_vals) / sum(d["n"] for d in n_and_vals),
            "n": sum(d["n"] for d in n_and_vals)}


def ref_summary(model_vals: list[dict[str, Any]], phys_vals: dict[str, list[dict[str, Any]]],
                min_samples: float) -> dict[str, Any]:
    """One row of ``plot_model_physician_agreement``'s summary table."""
    aggs = [ref_agg(v) for v in phys_vals.values()]
    kept = [d["value"] for d in aggs if d["n"] > min_samples]
    model = ref_agg(model_vals)["value"]
    pct = None
    if kept:
        pct = (sum(v < model for v in kept) + 0.5 * sum(v == model for v in kept)) / len(kept) * 100
    return {"grader_macro_f1": model, "physician_weighted_mean": ref_agg(aggs)["value"], "percentile": pct,
            "n_physicians": len(aggs), "n_physicians_kept": len(kept)}


def reference(rows: list[dict[str, Any]], grader: dict[int, bool], min_samples: float) -> dict[str, Any]:
    graded = [i for i in range(len(rows)) if i in grader]
    model = ref_rater_metrics([grader[i] for i in graded], [rows[i]["binary_labels"] for i in graded],
                              [rows[i]["category"] for i in graded], "model")
    per_phys: dict[str, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
    for row in rows:
        labels = row["binary_labels"]
        for i, pid in enumerate(row["anonymized_physician_ids"]):
            per_phys[pid][0].append(labels[i])
            per_phys[pid][1].append(labels[:i] + labels[i + 1:])
            per_phys[pid][2].append(row["category"])
    phys_lists: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for pid, (s, o, c) in per_phys.items():
        for k, v in ref_rater_metrics(s, o, c, "physician").items():
            phys_lists[k][pid] = v
    categories = sorted({r["category"] for r in rows})
    key_m, key_p = "{}: pairwise_model_f1_balanced", "{}: pairwise_physician_f1_balanced"
    out: dict[str, Any] = {"by_category": {}, "by_theme": {}}
    for c in categories:
        out["by_category"][c] = ref_summary([model[key_m.format(c)]],
                                            {p: [v] for p, v in phys_lists[key_p.format(c)].items()}, min_samples)
    clusters = [c for c in categories if c.startswith("cluster:")]
    for theme in sorted({c.replace("cluster:", "").split("_", 1)[0] for c in clusters}):
        subs = [c for c in clusters if c.startswith("cluster:" + theme)]
        pv: dict[str, list] = defaultdict(list)
        for sub in subs:
            for p, v in phys_lists[key_p.format(sub)].items():
                pv[p].append(v)
        out["by_theme"][theme] = ref_summary([model[key_m.format(s)] for s in subs], pv, min_samples)
    out["overall"] = ref_summary([model["pairwise_model_f1_balanced"]],
                                 {p: [v] for p, v in phys_lists["pairwise_physician_f1_balanced"].items()},
                                 min_samples)
    return out


# ---------------------------------------------------------------- the data
def write_files(tmp: Path, seed: int = 7) -> tuple[Path, Path, list[dict[str, Any]], dict[int, bool]]:
    rng = random.Random(seed)
    activity = [rng.choice([1, 2, 6, 12]) for _ in PHYSICIANS]  # some physicians label much more
    rows, grader, verdicts = [], {}, []
    for p in range(45):
        prompt_id = f"prompt-{p:03d}"
        prompt = [{"role": "user", "content": f"Question {p} about symptoms."}]
        cats = rng.sample(CATEGORIES, 3)
        for c in range(3):
            completion_id = f"{prompt_id}-completion-{c}"
            for k, cat in enumerate(cats):
                truth = rng.random() < 0.55
                n = rng.choice([1, 2, 3, 3, 4, 5])
                pids = rng.choices(PHYSICIANS, weights=activity, k=12)
                pids = list(dict.fromkeys(pids))[:n]
                labels = [truth if rng.random() < 0.8 else not truth for _ in pids]
                row = {"prompt_id": prompt_id, "completion_id": completion_id, "prompt": prompt,
                       "completion": f"Answer {c} to question {p}.", "rubric": f"Criterion {k} of prompt {p}.",
                       "category": cat, "binary_labels": labels, "anonymized_physician_ids": pids}
                if rng.random() < 0.9:  # the grader leaves about a tenth ungraded
                    grader[len(rows)] = truth if rng.random() < 0.75 else not truth
                    verdicts.append({"case_id": prompt_id, "response_id": completion_id,
                                     "criterion": row["rubric"], "met": grader[len(rows)]})
                rows.append(row)
    meta, verd = tmp / "meta.jsonl", tmp / "verdicts.jsonl"
    meta.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    verd.write_text("".join(json.dumps(v) + "\n" for v in verdicts), "utf-8")
    return meta, verd, rows, grader


def _check(got: dict[str, Any], want: dict[str, Any]) -> None:
    for key in ("grader_macro_f1", "physician_weighted_mean", "percentile"):
        if want[key] is None:
            assert got[key] is None, key
        else:
            assert got[key] == pytest.approx(want[key], abs=1e-9), key
    assert (got["n_physicians"], got["n_physicians_kept"]) == (want["n_physicians"], want["n_physicians_kept"])


@pytest.mark.parametrize("min_labels", [50, 120])
def test_tables_equal_the_reference(store, db_path: Path, tmp_path: Path, min_labels: int,  # noqa: ANN001
                                    capsys: pytest.CaptureFixture[str]) -> None:
    meta, verd, rows, grader = write_files(tmp_path)
    assert len(rows) >= 300 and len({p for r in rows for p in r["anonymized_physician_ids"]}) >= 10
    import_healthbench_meta(store, meta, study="hb")
    import_verdicts(store, verd, judge="grader", study="hb")
    want = reference(rows, grader, min_labels)
    assert len(want["by_theme"]) == 3 and len(want["by_category"]) == len(CATEGORIES)
    # the filter matters: some physicians are left out of some percentile, some kept
    kept = [g["n_physicians_kept"] for g in want["by_theme"].values()]
    assert any(0 < k < g["n_physicians"] for k, g in zip(kept, want["by_theme"].values(), strict=True))

    res = analyze_study(store, "hb", "grader", n_boot=0, min_physician_labels=min_labels)
    hb = res.judge("grader").healthbench.to_dict()
    assert set(hb["by_theme"]) == set(want["by_theme"]) and set(hb["by_category"]) == set(want["by_category"])
    for name, w in want["by_theme"].items():
        _check(hb["by_theme"][name], w)
    for name, w in want["by_category"].items():
        _check(hb["by_category"][name], w)
    _check({**hb, "grader_macro_f1": hb["pairwise_macro_f1"]}, want["overall"])
    assert hb["grader_coverage"]["rows_graded"] == len(grader)
    assert hb["grader_coverage"]["rows"] == len(rows)

    rc = main(["--db", str(db_path), "agreement", "--study", "hb", "--judge-run", "grader", "--bootstrap", "0",
               "--min-physician-labels", str(min_labels), "--json"])
    assert rc == 0
    cli = json.loads(capsys.readouterr().out)["judge_rater"]
    cli = cli[0] if isinstance(cli, list) else cli
    for name, w in want["by_theme"].items():
        _check(cli["healthbench"]["by_theme"][name], w)
    assert cli["percentile"] == (None if want["overall"]["percentile"] is None
                                 else pytest.approx(want["overall"]["percentile"], abs=1e-9))
    assert main(["--db", str(db_path), "agreement", "--study", "hb", "--judge-run", "grader", "--bootstrap", "0",
                 "--min-physician-labels", str(min_labels)]) == 0
    text = capsys.readouterr().out
    w = want["by_theme"]["hedging"]
    assert f"theme hedging: judge {w['grader_macro_f1']:.3f}, physicians {w['physician_weighted_mean']:.3f}" in text


def test_conflicting_category_leaves_store_unchanged(store, tmp_path: Path) -> None:  # noqa: ANN001
    from reviewer.errors import InputError
    from reviewer.store.models import Case

    meta, _, rows, _ = write_files(tmp_path)
    import_healthbench_meta(store, meta, study="hb")
    bad = dict(rows[0], category="cluster:hedging_other", completion_id="new-completion")
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n", "utf-8")
    with store.Session() as s:
        before = {c.id: dict(c.meta) for c in s.query(Case)}
    with pytest.raises(InputError, match="category") as err:
        import_healthbench_meta(store, path, study="hb")
    assert "bad.jsonl" in str(err.value) and "line 1" in str(err.value)
    with store.Session() as s:
        assert {c.id: dict(c.meta) for c in s.query(Case)} == before


def test_report_prints_the_theme_table_and_definitions(store, tmp_path: Path) -> None:  # noqa: ANN001
    from reviewer.reports.agreement_report import build_agreement_report

    meta, verd, rows, grader = write_files(tmp_path, seed=3)
    import_healthbench_meta(store, meta, study="hb")
    import_verdicts(store, verd, judge="grader", study="hb")
    want = reference(rows, grader, 50)["by_theme"]
    doc = build_agreement_report(analyze_study(store, "hb", "grader", n_boot=0))
    table = next(t.frame for t in doc.tables() if t.name == "judge[grader].hb_theme")
    assert list(table["theme"]) == sorted(want)
    for rec in table.to_dict(orient="records"):
        assert rec["physician_weighted_mean"] == pytest.approx(want[rec["theme"]]["physician_weighted_mean"],
                                                               abs=1e-4)
    methods = next(s for s in doc.sections if s.title == "Methods").text
    assert "1/2 × physicians equal" in methods and "exceeds 50" in methods
