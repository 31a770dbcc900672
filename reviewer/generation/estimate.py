"""A rough time estimate for a generation or judge run from the model's size, before anything loads.

Decoding one token reads every weight once, so a token costs about *weights in bytes ÷ memory
bandwidth*; a batch of prompts shares that read. Reading the prompt (prefill) costs about
*2 × parameters × prompt tokens* floating-point operations. Loading reads the files once from disk.
The figures below are deliberately round, for a laptop CPU and one data-centre GPU; the estimate is
meant to tell minutes from hours (expect a factor of 2-3 either way), and the jobs panel shows the
real rate once the run starts. A model that is not a local folder (a hub id, an endpoint) has no
size to go by: :func:`model_bytes` returns None and the dialogs say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".gguf")
# device -> (memory bandwidth B/s, arithmetic FLOP/s, batch the backend uses on "auto")
DEVICE_SPEED: dict[str, tuple[float, float, int]] = {"cpu": (2e10, 2e11, 16), "cuda": (1.5e12, 2e14, 32)}
DISK_BYTES_PER_S = 1e9
CHARS_PER_TOKEN = 3.0  # mixed English / Chinese text, roughly


def model_bytes(model: str) -> int | None:
    """The size of the weight files of a local model folder (None: not a folder, or no weights)."""
    folder = Path(model).expanduser()
    if not folder.is_dir():
        return None
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    return total or None


def tokens_of(text: str) -> int:
    return max(1, round(len(text) / CHARS_PER_TOKEN))


@dataclass(frozen=True)
class Estimate:
    seconds: float
    device: str
    weights_bytes: int
    units: int

    def text(self, units: tuple[str, str, str] = ("s", "min", "h")) -> str:
        """``~40 s``, ``~12 min``, ``~2.5 h`` (*units*: the words for seconds, minutes, hours)."""
        s = self.seconds
        return f"~{s:.0f} {units[0]}" if s < 90 else f"~{s / 60:.0f} {units[1]}" if s < 5400 else \
            f"~{s / 3600:.1f} {units[2]}"


def estimate_seconds(weights: int, units: int, prompt_tokens: int, new_tokens: int, device: str = "cpu",
                     batch: int | None = None) -> Estimate:
    """Seconds for *units* prompts of *prompt_tokens* each, writing *new_tokens* each (0: logprob,
    one forward pass), on *device* (``cpu`` or ``cuda``; ``auto`` counts as cpu), loading included."""
    kind = "cuda" if device.startswith("cuda") else "cpu"
    bandwidth, flops, auto_batch = DEVICE_SPEED[kind]
    batch = max(1, batch or auto_batch)
    params = weights / 2  # bf16 / fp16 weights: two bytes each
    load = weights / DISK_BYTES_PER_S
    prefill = units * 2 * params * prompt_tokens / flops
    batches = -(-units // batch)
    decode = batches * max(new_tokens, 1) * weights / bandwidth
    return Estimate(load + prefill + decode, kind, weights, units)
