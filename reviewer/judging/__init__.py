"""LLM-as-judge: prompt templates, output parsing, judge runs, the logprob fast path, leaderboards.

Importing this package is cheap: torch and transformers are imported only inside the functions
that run a local model.
"""
