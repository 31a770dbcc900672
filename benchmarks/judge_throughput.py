"""Criteria judged per second: the logprob fast path against generate-and-parse, same model, same criteria.

Builds a study of synthetic HealthBench-style answers (``--answers`` answers x ``--criteria``
criteria each) in a temporary SQLite file and judges it with the ``healthbench`` template three
ways through ``run_judge`` (so prompt rendering and database writes are counted too):

1. logprob, shared-prefix key/value cache (one prefix pass per answer, suffixes batched);
2. logprob, one right-padded batch per answer (no cache);
3. generate-and-parse, ``--new-tokens`` tokens per verdict (a HealthBench JSON verdict with a
   one-sentence explanation is ~40-60 tokens), one attempt, batched by the transformers backend.

Then prints verdicts/s for each and how often the logprob verdict equals the parsed generated
verdict, over the criteria where generation gave a readable verdict. The default model is a
random tiny Llama built on the spot (larger than the test one); a random model writes no readable
JSON, so on it agreement is reported as n/a; pass ``--model`` with a real instruct model to measure
agreement.

``--model smollm2`` judges the hand-labelled set instead (the HealthBench-format sample's cases,
four answers, 20 criteria graded by hand: ``tests/support/smollm2.py``) with SmolLM2-135M-Instruct
from the test fixture, and prints the parse-failure rate and the agreement of each mode with the
other and with the hand labels. A real model's generate path is timed as a user runs it: no
forced length, it stops at its end token or at ``--new-tokens``.

    python benchmarks/judge_throughput.py [--model PATH|smollm2] [--answers 8] [--criteria 8] [--device cpu]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from sqlalchemy import select  # noqa: E402

from reviewer.generation.backend import SamplingSettings  # noqa: E402
from reviewer.judging.service import run_judge  # noqa: E402
from reviewer.store import open_store  # noqa: E402
from reviewer.store.models import Case, ChecklistVersion, Criterion, JudgeRun, JudgeVerdict, Model, Response  # noqa: E402
from reviewer.studies.lookup import create_study  # noqa: E402

TOPICS = ["chest pain", "fever in a child", "new headache", "missed contraceptive pill", "ankle sprain",
          "high blood pressure reading", "rash after antibiotics", "shortness of breath"]
CRITERIA = [("Advises calling emergency services when red flags are present", 8),
            ("Asks about the duration and severity of symptoms", 5),
            ("Mentions a weight-based dose for children", 4),
            ("Recommends follow-up with a primary care physician", 3),
            ("States the uncertainty of a remote assessment", 3),
            ("Uses plain language a layperson can follow", 2),
            ("Recommends an unproven home remedy", -6),
            ("Is overly long or repetitive", -2)]


def build_study(db: Path, answers: int, criteria: int) -> None:
    store = open_store(db)
    with store.begin() as s:
        study = create_study(s, "bench")
        model = Model(study_id=study.id, name="candidate")
        s.add(model)
        s.flush()
        for i in range(answers):
            topic = TOPICS[i % len(TOPICS)]
            case = Case(study_id=study.id, source="bench", external_id=f"c{i}",
                        turns=[{"role": "user", "content": f"I am worried about {topic}. What should I do?"}])
            s.add(case)
            s.flush()
            cv = ChecklistVersion(case_id=case.id, version=1)
            s.add(cv)
            s.flush()
            for j in range(criteria):
                text, points = CRITERIA[j % len(CRITERIA)]
                s.add(Criterion(checklist_version_id=cv.id, key=f"c{i}-{j}", position=j, text=text,
                                points=points, tags=["axis:accuracy"]))
            s.add(Response(case_id=case.id, model_id=model.id, external_id=f"r{i}",
                           text=f"For {topic}, watch for warning signs such as severe pain or trouble "
                                "breathing and call emergency services if they appear. Otherwise rest, "
                                "drink fluids and see your doctor within a few days if it does not improve."))
    store.close()


def verdicts(db: Path, run: str) -> dict[tuple[int, int | None], JudgeVerdict]:
    store = open_store(db)
    with store.Session() as s:
        run_id = s.scalar(select(JudgeRun.id).where(JudgeRun.name == run))
        out = {(v.response_id, v.criterion_id): v
               for v in s.scalars(select(JudgeVerdict).where(JudgeVerdict.judge_run_id == run_id))}
    store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="judge model folder (default: a random tiny Llama)")
    ap.add_argument("--answers", type=int, default=6)
    ap.add_argument("--criteria", type=int, default=8)
    ap.add_argument("--new-tokens", type=int, default=48, help="tokens generated per verdict (generate path)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch-size", default="16")
    ap.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: the backend's)")
    ap.add_argument("--attempts", type=int, default=None,
                    help="generate path: tries per unreadable verdict (default: 1; with --model smollm2, 3 as in "
                    "reviewer judge)")
    args = ap.parse_args()

    import torch

    from reviewer.generation.transformers_backend import TransformersBackend

    work = Path(tempfile.mkdtemp(prefix="judge-bench-"))
    model_path = args.model
    db = work / "bench.db"
    hand: dict[tuple[int, int], bool] | None = None
    if model_path in ("smollm2", "smollm2-gguf"):
        from tests.support.smollm2 import build_judge_study, smollm2_files

        files = smollm2_files()
        model_path = str(files.gguf if args.model == "smollm2-gguf" else files.folder)
        store = open_store(db)
        hand = build_judge_study(store)
        n = len(hand)
        what = f"the hand-labelled set: 4 answers, {n} criteria ({sum(hand.values())} met by hand)"
    else:
        if model_path is None:
            from tests.support.tiny_models import build_tiny_llama

            model_path = str(build_tiny_llama(work / "tiny", hidden_size=128, layers=4, vocab_size=1024))
            print("note: a random tiny Llama (hidden 128, 4 layers) stands in for a judge model", flush=True)
        build_study(db, args.answers, args.criteria)
        store = open_store(db)
        n = args.answers * args.criteria
        what = f"{args.answers} answers x {args.criteria} criteria = {n} verdicts"
    forced = {"min_new_tokens": args.new_tokens} if hand is None else {}
    attempts = args.attempts or (1 if hand is None else 3)
    backend = TransformersBackend(model_path, device=args.device, batch_size=args.batch_size,
                                  generate_kwargs=forced)
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"judge model: {model_path} on {backend.device} (torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads); {what}")
    print(f"generate path: up to {args.new_tokens} new tokens per verdict"
          + (" (forced to exactly that many)" if forced else " (stops at the end token)")
          + f", up to {attempts} attempt(s) per verdict (unreadable ones are asked again)")
    # warm-up: the first forward pass of a process pays one-off costs (kernels, allocator); not either side's
    with torch.inference_mode():
        backend.model(input_ids=torch.tensor([backend.tokenizer("warm up")["input_ids"]], device=backend.device))
    timings, cpu_times = {}, {}  # wall clock, and CPU seconds of this process (robust on a shared machine)
    for label, mode, cache in (("logprob, prefix cache", "logprob", True),
                               ("logprob, padded batch", "logprob", False),
                               ("generate + parse", "generate", None)):
        start, cpu = time.perf_counter(), time.process_time()
        summary = run_judge(store, model=model_path, template="healthbench", mode=mode, name=label,
                            backend_obj=backend, prefix_cache=bool(cache), max_attempts=attempts,
                            settings=SamplingSettings(max_new_tokens=args.new_tokens))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        timings[label] = seconds
        cpu_times[label] = cpu
        assert summary.judged == n, summary
        print(f"  {label:<24} {n / seconds:8.2f} criteria/s  ({seconds:6.2f} s wall, {cpu:6.2f} s CPU; "
              f"parsed {summary.ok}, failed {summary.failed}; {summary.attempts} judge calls)", flush=True)
    base, fast_s = timings["generate + parse"], timings["logprob, prefix cache"]
    print(f"  speed-up of the logprob path (prefix cache) over generate + parse: {base / fast_s:.1f}x wall-clock, "
          f"{cpu_times['generate + parse'] / cpu_times['logprob, prefix cache']:.1f}x per CPU second; over the "
          f"padded logprob batch: {timings['logprob, padded batch'] / fast_s:.2f}x wall-clock, "
          f"{cpu_times['logprob, padded batch'] / cpu_times['logprob, prefix cache']:.2f}x per CPU second")
    fast, cached_off, slow = (verdicts(db, name) for name in timings)
    same_lp = sum(fast[k].met == cached_off[k].met for k in fast)
    max_diff = max(abs(fast[k].probability - cached_off[k].probability) for k in fast)
    print(f"  logprob paths agree on {same_lp}/{n} verdicts (max |dp| = {max_diff:.2e})")
    both = [k for k, v in slow.items() if v.parse_status == "ok"]
    if both:
        agree = sum(fast[k].met == slow[k].met for k in both)
        print(f"  logprob vs generate agree on {agree}/{len(both)} criteria "
              f"({100 * agree / len(both):.1f}%) where the generated verdict parsed")
    else:
        print("  logprob vs generate agreement: n/a (no generated verdict parsed; a random model writes no "
              "JSON; pass --model with a real instruct model)")
    print(f"  generate + parse: {len(both)}/{n} verdicts readable, parse-failure rate {1 - len(both) / n:.0%}")
    if hand is not None:
        for label, got in (("logprob (prefix cache)", fast), ("generate + parse", slow)):
            keys = [k for k in hand if got[k].parse_status == "ok"]
            agree = sum(got[k].met == hand[k] for k in keys)
            share = f"{100 * agree / len(keys):.0f}%" if keys else "n/a"
            print(f"  {label} vs hand labels: {agree}/{len(keys)} agree ({share}); "
                  f"it says met for {sum(bool(got[k].met) for k in keys)}, the hand labels for "
                  f"{sum(hand[k] for k in keys)} of those")
    backend.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
