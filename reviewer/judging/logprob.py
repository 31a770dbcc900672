"""The fast path for yes/no criteria: P(true) from one forward pass, no text generated.

After the judge prompt (rendered with ``mode="logprob"``, which asks for one word, and the model's
chat template with the assistant turn opened), the probability that the next token is "true" is
the summed probability of every single-token spelling of true/yes (with and without a leading
space, lower/title/upper case), and likewise for false/no; ``p = P(true) / (P(true) + P(false))``.
The summed mass on those tokens is kept too, because a small mass means the model did not see a
yes/no question there and the probability deserves less trust.

Prompts of the criteria of one answer share the conversation-and-answer prefix. ``score_group``
runs that shared token prefix once, keeps its key/value cache, repeats the cache for every
criterion and runs only the per-criterion suffixes (right-padded, positions continuing after the
prefix). Consecutive groups share a start too (the template's rules, and the conversation for
answers to the same case): the previous prefix's cache is cut back to it and only the rest runs. ``score_plain`` runs one full prompt on its own; the tests check the two agree.
torch is imported inside the functions.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_SHARED = 16  # reuse the previous prefix's cache only when at least this many tokens are shared
TRUE_WORDS = ("true", "yes")
FALSE_WORDS = ("false", "no")


@dataclass(frozen=True)
class LogprobResult:
    p_true: float  # normalised: mass_true / (mass_true + mass_false)
    mass_true: float
    mass_false: float

    def as_dict(self) -> dict[str, float]:
        return {"p_true": self.p_true, "mass_true": self.mass_true, "mass_false": self.mass_false}


def _spellings(words: Sequence[str]) -> list[str]:
    out = []
    for word in words:
        for form in (word, word.title(), word.upper()):
            out += [form, " " + form]
    return list(dict.fromkeys(out))


def answer_token_ids(tokenizer: Any) -> tuple[list[int], list[int]]:
    """Token ids that spell true/yes and false/no as one token (ids claimed by both sides dropped).

    When a side has no single-token spelling, the first token of each spelling is used instead,
    provided it is not also the first token of a spelling on the other side.
    """
    def ids_for(words: Sequence[str], single: bool) -> set[int]:
        found = set()
        for text in _spellings(words):
            ids = tokenizer(text, add_special_tokens=False)["input_ids"]
            if ids and (len(ids) == 1 or not single):
                found.add(ids[0])
        return found

    pos, neg = ids_for(TRUE_WORDS, True), ids_for(FALSE_WORDS, True)
    if not pos or not neg:
        pos_first, neg_first = ids_for(TRUE_WORDS, False), ids_for(FALSE_WORDS, False)
        pos = pos or pos_first - neg_first
        neg = neg or neg_first - pos_first
    shared = pos & neg
    pos, neg = pos - shared, neg - shared
    if not pos or not neg:
        raise ValueError("this tokenizer has no token that spells true/yes or false/no unambiguously")
    return sorted(pos), sorted(neg)


def _cache_argument(model: Any) -> str:
    """``cache`` in recent transformers, ``past_key_values`` before (the old name still warns)."""
    import inspect

    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


def _output_cache(out: Any) -> Any:
    cache = getattr(out, "cache", None)
    return cache if cache is not None else out.past_key_values


class LogprobScorer:
    """Next-token P(true) for judge prompts, on a loaded causal LM."""

    def __init__(self, model: Any, tokenizer: Any, device: str, *, prefix_cache: bool = True,
                 max_batch: int = 64) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        self.prefix_cache = prefix_cache
        self.max_batch = max(1, int(max_batch))
        self.true_ids, self.false_ids = answer_token_ids(tokenizer)
        pad = tokenizer.pad_token_id
        self.pad_id = pad if pad is not None else (tokenizer.eos_token_id or 0)
        self._last: tuple[list[int], Any] | None = None  # the previous group's prefix and its cache

    # -- prompt text -> token ids ------------------------------------------------------------
    def encode(self, prompt_text: str) -> list[int]:
        """Token ids of a judge prompt (one user turn), through the model's chat template if it has one."""
        from reviewer.generation.transformers_backend import render_prompt

        text, templated = render_prompt(self.tokenizer, [{"role": "user", "content": prompt_text}])
        return list(self.tokenizer(text, add_special_tokens=not templated)["input_ids"])

    def _result(self, logits: Any) -> LogprobResult:
        import torch

        probs = torch.softmax(logits.float(), dim=-1)
        mass_true = float(probs[self.true_ids].sum())
        mass_false = float(probs[self.false_ids].sum())
        total = mass_true + mass_false
        return LogprobResult(mass_true / total if total > 0 else 0.5, mass_true, mass_false)

    # -- paths -------------------------------------------------------------------------------
    def score_plain(self, ids: Sequence[int]) -> LogprobResult:
        """One prompt, one forward pass, nothing shared: the reference the batched paths must match."""
        import torch

        with torch.inference_mode():
            out = self.model(input_ids=torch.tensor([list(ids)], device=self.device), use_cache=False)
        return self._result(out.logits[0, -1])

    def _padded(self, seqs: Sequence[Sequence[int]]) -> list[LogprobResult]:
        """Right-padded batch of whole prompts (positions start at 0, padding comes after each prompt)."""
        import torch

        width = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = torch.tensor(list(s))
            mask[i, : len(s)] = 1
        with torch.inference_mode():
            out = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device), use_cache=False)
        return [self._result(out.logits[i, len(s) - 1]) for i, s in enumerate(seqs)]

    def _with_prefix(self, prefix: Sequence[int], suffixes: Sequence[Sequence[int]]) -> list[LogprobResult]:
        """Run *prefix* once, then every suffix on a copy of its key/value cache."""
        import torch

        with torch.inference_mode():
            base_cache = self._prefix_cache(prefix)
            results: list[LogprobResult] = []
            plen = len(prefix)
            for start in range(0, len(suffixes), self.max_batch):
                chunk = suffixes[start:start + self.max_batch]
                n, width = len(chunk), max(len(s) for s in chunk)
                ids = torch.full((n, width), self.pad_id, dtype=torch.long)
                mask = torch.zeros((n, plen + width), dtype=torch.long)
                mask[:, :plen] = 1
                for i, s in enumerate(chunk):
                    ids[i, : len(s)] = torch.tensor(list(s))
                    mask[i, plen: plen + len(s)] = 1
                cache = copy.deepcopy(base_cache)
                cache.batch_repeat_interleave(n)
                positions = torch.arange(plen, plen + width).unsqueeze(0).expand(n, -1)
                out = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device),
                                 position_ids=positions.to(self.device), use_cache=True,
                                 **{_cache_argument(self.model): cache})
                results += [self._result(out.logits[i, len(s) - 1]) for i, s in enumerate(chunk)]
                del cache
        return results

    def _prefix_cache(self, prefix: Sequence[int]) -> Any:
        """The key/value cache of *prefix*, reusing the start it shares with the previous group's prefix.

        Every prompt of a run begins with the same template rules, and the answers to one case share
        the conversation too, so the previous prefix's cache is copied, cut back to the tokens both
        prefixes share (``crop``) and only the rest of the new prefix runs. Called under inference mode.
        """
        import torch

        ids = list(prefix)
        start, cache = 0, None
        if self._last is not None:
            old_ids, old_cache = self._last
            limit = min(len(old_ids), len(ids) - 1)  # keep at least one token to run
            while start < limit and old_ids[start] == ids[start]:
                start += 1
            if start >= MIN_SHARED and hasattr(old_cache, "crop"):
                cache = copy.deepcopy(old_cache)
                try:
                    if start < len(old_ids):  # a negative count removes that many tokens (old and new API)
                        cache.crop(start - len(old_ids))
                except (ValueError, RuntimeError, NotImplementedError):  # e.g. a full sliding window
                    cache = None
            if cache is None:
                start = 0
        kwargs = {} if cache is None else {_cache_argument(self.model): cache}
        out = self.model(input_ids=torch.tensor([ids[start:]], device=self.device), use_cache=True,
                         position_ids=torch.arange(start, len(ids), device=self.device).unsqueeze(0), **kwargs)
        base = _output_cache(out)
        self._last = (ids, base)
        return base

    def score_group(self, seqs: Sequence[Sequence[int]]) -> list[LogprobResult]:
        """P(true) for prompts that (mostly) share a prefix, e.g. every criterion of one answer."""
        if not seqs:
            return []
        if len(seqs) == 1:
            return [self.score_plain(seqs[0])]
        common = min(len(s) for s in seqs) - 1  # every suffix keeps at least its last token
        first = seqs[0]
        for s in seqs[1:]:
            i = 0
            while i < common and s[i] == first[i]:
                i += 1
            common = i
        if self.prefix_cache and common >= 1:
            try:
                return self._with_prefix(first[:common], [s[common:] for s in seqs])
            except (AttributeError, NotImplementedError, TypeError):
                # a model whose cache cannot be copied and repeated (hybrid/static caches): no sharing
                self.prefix_cache = False
        out: list[LogprobResult] = []
        for start in range(0, len(seqs), self.max_batch):
            out += self._padded(seqs[start:start + self.max_batch])
        return out
