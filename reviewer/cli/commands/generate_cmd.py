"""``reviewer generate``: candidate answers for a study's cases from a local model or an endpoint."""

from __future__ import annotations

import argparse

from reviewer.cli.common import (
    ProgressBar,
    add_backend_options,
    add_study_option,
    endpoint_options,
    print_json,
    store_from_args,
)


def cmd_generate(args: argparse.Namespace) -> int:
    from reviewer.generation.backend import SamplingSettings
    from reviewer.generation.service import run_generation

    store = store_from_args(args)
    settings = SamplingSettings(temperature=args.temperature, top_p=args.top_p,
                                max_new_tokens=args.max_new_tokens, seed=args.seed)
    with ProgressBar("answer", "generating", quiet=args.quiet) as progress:
        summary = run_generation(
            store, model=args.model, backend=args.backend, cases=args.cases, samples=args.samples,
            settings=settings, batch_size=args.batch_size, device=args.device, dtype=args.dtype,
            base_url=args.base_url, name=args.name, study=args.study, progress=progress,
            backend_options=endpoint_options(args))
    if args.json:
        print_json(summary.as_dict())
    else:
        print(f"run {summary.run_name!r} ({summary.backend}, {summary.model} on {summary.device}): "
              f"{summary.status}")
        print(f"  answers written {summary.written}, already there {summary.skipped_existing}, "
              f"failed {len(summary.failed)} (of {summary.total})")
        print(f"  tokens: prompt {summary.prompt_tokens}, completion {summary.completion_tokens}; "
              f"{summary.tokens_per_s:.1f} tokens/s")
        print(f"  time {summary.seconds:.1f} s ({summary.generate_seconds:.1f} s generating)")
        for fail in summary.failed[:10]:
            print(f"  failed: case {fail['case']} sample {fail['sample']}: {fail['error']}")
        if len(summary.failed) > 10:
            print(f"  ... and {len(summary.failed) - 10} more failures (run again to retry them)")
    return 1 if summary.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("generate", help="generate candidate answers with a local model or an endpoint",
                       description="Answer the study's cases with a model. Running the same command "
                       "again (same --name, or the same model and settings) resumes the run.")
    p.add_argument("--model", required=True,
                   help="model folder, .gguf file or hub id (transformers, vllm); the served model name (openai)")
    add_backend_options(p)
    p.add_argument("--cases", default="all", help="all | category:PREFIX | file:IDS (one case id per line)")
    p.add_argument("--samples", type=int, default=1, help="answers per case (default 1)")
    p.add_argument("--max-new-tokens", type=int, default=512)
    p.add_argument("--temperature", type=float, default=0.0, help="0 = greedy (default)")
    p.add_argument("--top-p", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=0, help="sample k of a case uses seed + k")
    p.add_argument("--name", default=None, help="run name (default: model name + settings hash)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_study_option(p)
    p.set_defaults(func=cmd_generate)
