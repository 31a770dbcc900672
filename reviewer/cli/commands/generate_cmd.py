"""``reviewer generate``: candidate answers for a study's cases from a local model or an endpoint."""

from __future__ import annotations

import argparse

from reviewer.cli.common import ProgressBar, add_study_option, endpoint_options, print_json, store_from_args


def _batch_size(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("give a whole number or 'auto'") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


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
                   help="model folder or hub id (transformers, vllm); the served model name (openai)")
    p.add_argument("--backend", choices=("transformers", "vllm", "openai"), default="transformers")
    p.add_argument("--base-url", default=None, help="openai backend: the server, e.g. http://localhost:8000/v1")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY",
                   help="openai backend: environment variable holding the API key (never stored)")
    p.add_argument("--concurrency", type=int, default=8, help="openai backend: requests in flight")
    p.add_argument("--cases", default="all", help="all | category:PREFIX | file:IDS (one case id per line)")
    p.add_argument("--samples", type=int, default=1, help="answers per case (default 1)")
    p.add_argument("--max-new-tokens", type=int, default=512)
    p.add_argument("--temperature", type=float, default=0.0, help="0 = greedy (default)")
    p.add_argument("--top-p", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=0, help="sample k of a case uses seed + k")
    p.add_argument("--batch-size", type=_batch_size, default="auto",
                   help="prompts per batch, or auto (halved on out-of-memory)")
    p.add_argument("--device", default="auto", help="auto | cuda | cuda:1 | mps | cpu")
    p.add_argument("--dtype", default=None, help="bf16 | fp16 | fp32 (default: bf16 on CUDA, fp32 on CPU)")
    p.add_argument("--name", default=None, help="run name (default: model name + settings hash)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_study_option(p)
    p.set_defaults(func=cmd_generate)
