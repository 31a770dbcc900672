"""Issue 17: the Run judge and Generate dialogs explain their modes in plain words, show the
prompt the model will read for one case before anything runs, and estimate the time from the
model's size; previewing stores nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from reviewer.store.models import Case, Criterion, JudgeRun, PromptTemplate, Response
from tests.support.coordinator import demo_ids


def _counts(store) -> tuple[int, int, int]:  # noqa: ANN001
    with store.Session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (PromptTemplate, JudgeRun, Response))


def test_judge_dialog_explains_modes_and_previews_one_prompt(coord_window, demo_store, qtbot, tiny_llama) -> None:
    w = coord_window(demo_store, demo_ids(demo_store))
    dialog = w.coordinator_ui.open_judge()
    assert "generate:" in dialog.mode_help.text() and "logprob" not in dialog.mode_help.text().split(":")[0]
    dialog.mode.setCurrentIndex(dialog.mode.findData("logprob"))
    assert "probability" in dialog.mode_help.text() and "threshold" in dialog.mode_help.text()
    dialog.model.setText(str(tiny_llama))
    before = _counts(demo_store)
    prompt = dialog.preview.show_preview()
    assert dialog.preview.text.isVisible() and prompt == dialog.preview.text.toPlainText()
    with demo_store.Session() as s:  # the first answer of the study and its first criterion
        first = s.scalar(select(Response).join(Case).order_by(Case.id, Response.id).limit(1))
        crit_texts = list(s.scalars(select(Criterion.text)))
    assert first.text[:40] in prompt and any(t in prompt for t in crit_texts)
    summary = dialog.preview.summary.text()
    assert "verdicts to ask for" in summary and "Rough time on CPU" in summary
    assert _counts(demo_store) == before  # a preview stores nothing


def test_generate_dialog_previews_the_first_case_and_estimates(coord_window, demo_store, qtbot, tiny_llama) -> None:
    w = coord_window(demo_store, demo_ids(demo_store))
    dialog = w.coordinator_ui.open_generate()
    assert "candidate answers" in dialog.findChildren(type(dialog.preview.summary))[0].text()
    dialog.samples.setValue(2)
    dialog.model.setText("org/not-a-folder")
    prompt = dialog.preview.show_preview()
    with demo_store.Session() as s:
        n_cases = s.scalar(select(func.count()).select_from(Case))
        turns = s.scalar(select(Case.turns).order_by(Case.id).limit(1))
    assert turns[-1]["content"] in prompt and prompt.endswith("Assistant:")
    assert f"{n_cases} cases × 2 samples = {2 * n_cases} answers" in dialog.preview.summary.text()
    assert "not a local folder" in dialog.preview.summary.text()
    dialog.model.setText(str(tiny_llama))
    dialog.preview.show_preview()
    assert "Rough time on CPU" in dialog.preview.summary.text()


def test_estimate_follows_its_formula() -> None:
    from reviewer.generation.estimate import estimate_seconds

    # 1 GB of weights, 10 prompts of 100 tokens writing 50 tokens, CPU batch 16:
    # load 1 s + prefill 10*2*5e8*100/2e11 = 5 s + decode 1 batch * 50 * 1e9/2e10 = 2.5 s
    est = estimate_seconds(10**9, 10, 100, 50, "cpu")
    assert abs(est.seconds - 8.5) < 1e-9 and est.text() == "~8 s"
    assert estimate_seconds(10**9, 10, 100, 50, "cuda").seconds < est.seconds / 5  # load 1 s dominates
    assert estimate_seconds(10**9, 10, 100, 0, "cpu").seconds < est.seconds  # logprob: one pass


def test_judge_dialog_has_the_commands_options(coord_window, demo_store) -> None:
    """``reviewer judge`` takes --max-attempts, --temperature, --seed and --batch-size: so does the dialog,
    and the job turns them into the run's sampling settings."""
    from reviewer.judging.operations import judge_settings

    w = coord_window(demo_store, demo_ids(demo_store))
    dialog = w.coordinator_ui.open_judge()
    dialog.max_attempts.setValue(2)
    dialog.temperature.setValue(0.3)
    dialog.seed.setValue(7)
    dialog.batch_size.setValue(4)
    p = dialog.params()
    assert (p["max_attempts"], p["temperature"], p["seed"], p["batch_size"]) == (2, 0.3, 7, 4)
    dialog.batch_size.setValue(0)
    assert dialog.params()["batch_size"] == "auto"
    s = judge_settings(p["max_new_tokens"], p["temperature"], p["seed"])
    assert (s.temperature, s.seed, s.max_new_tokens) == (0.3, 7, 512)
    dialog.mode.setCurrentIndex(dialog.mode.findData("logprob"))
    assert not dialog.max_attempts.isEnabled() and not dialog.temperature.isEnabled()
