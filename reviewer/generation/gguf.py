"""GGUF model files (llama.cpp, Ollama) as transformers models: find, load, convert once.

transformers reads a ``.gguf`` file through the ``gguf`` package (the ``models`` extra): it
de-quantises the weights to a plain torch model and builds the tokenizer, chat template included,
from the file's metadata. Generation and judging then run exactly as for a model folder. Loading
de-quantises every time; ``convert_gguf`` saves the result once as an ordinary model folder
(safetensors, config, tokenizer) that loads in a fraction of the time.

torch and transformers are imported inside the functions, never at module import.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from reviewer.errors import ReviewerError

SUFFIX = ".gguf"
MAGIC = b"GGUF"  # the first four bytes of every GGUF file


def is_gguf(model: str | Path) -> bool:
    """Whether *model* names a GGUF file (by its suffix; the file itself is checked on loading)."""
    return str(model).lower().endswith(SUFFIX)


def locate_gguf(model: str | Path, gguf_file: str | None = None) -> tuple[Path, str] | None:
    """``(folder, file name)`` when *model* is a ``.gguf`` file, or a folder holding the one named by
    *gguf_file* (or its only ``.gguf`` file when it has no ``config.json``); ``None`` for anything else.

    Raises a ReviewerError naming what is missing (a file that is not there, a folder with several
    GGUF files and no ``--gguf-file``).
    """
    path = Path(str(model)).expanduser()
    if gguf_file:
        if is_gguf(model):
            raise ReviewerError(f"give either a .gguf file as --model or a folder with --gguf-file, not both "
                                f"({model} and {gguf_file})")
        if not path.is_dir():
            raise ReviewerError(f"--gguf-file {gguf_file} needs --model to be the folder that holds it; "
                                f"{path} is not a folder")
        if not (path / gguf_file).is_file():
            found = sorted(p.name for p in path.glob(f"*{SUFFIX}"))
            raise ReviewerError(f"{path} has no GGUF file {gguf_file!r}"
                                + (f" (it has {', '.join(found)})" if found else " (it has none)"))
        return path, gguf_file
    if is_gguf(model):
        if not path.is_file():
            raise ReviewerError(f"GGUF file {path} does not exist")
        return path.parent, path.name
    if path.is_file() and _has_magic(path):  # e.g. an Ollama blob: sha256-..., no suffix
        return path.parent, path.name
    if path.is_dir() and not (path / "config.json").is_file():
        found = sorted(p.name for p in path.glob(f"*{SUFFIX}"))
        if len(found) == 1:
            return path, found[0]
        if found:
            raise ReviewerError(f"{path} holds several GGUF files ({', '.join(found)}): name one with "
                                "--gguf-file NAME, or give the file itself as --model")
    return None


def _has_magic(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == MAGIC
    except OSError:
        return False


def gguf_model_name(folder: Path, name: str) -> str:
    """The display name of a GGUF model: the file name without ``.gguf``."""
    return name[: -len(SUFFIX)] if is_gguf(name) else name


def load_gguf(folder: Path, name: str, dtype: Any = None) -> tuple[Any, Any]:
    """``(model, tokenizer)`` from ``folder/name``, de-quantised to *dtype* (float32 when None).

    The model comes back as a plain (unquantised) transformers model: GGUF is only the file format
    here, so it can be saved, moved and batched like any other.
    """
    try:
        import gguf  # noqa: F401 - transformers needs it to read the file
    except ImportError as exc:
        raise ReviewerError("reading a .gguf model needs the gguf package: pip install gguf "
                            '(or pip install "reviewer[models]")') from exc
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = str(folder)
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, gguf_file=name, local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any reader failure becomes a message for the user
        raise ReviewerError(f"could not read the tokenizer of the GGUF file {folder / name}: {exc}") from exc
    kwargs = {"dtype": dtype} if dtype not in (None, "auto") else {}
    try:
        model = AutoModelForCausalLM.from_pretrained(source, gguf_file=name, local_files_only=True, **kwargs)
    except Exception as exc:  # noqa: BLE001
        raise ReviewerError(f"could not load the GGUF file {folder / name}: {exc}. transformers reads "
                            "GGUF files of common architectures (llama, mistral, qwen2, phi3, gemma, ...); "
                            "convert others with llama.cpp's tools") from exc
    _drop_quantizer(model)
    return model, tokenizer


def _drop_quantizer(model: Any) -> None:
    """Forget that the weights came from a GGUF file: they are de-quantised tensors already, and a
    model still marked as quantised refuses ``save_pretrained``."""
    model.hf_quantizer = None
    if hasattr(model, "is_quantized"):
        try:
            model.is_quantized = False
        except AttributeError:  # a read-only property in some versions: derived from hf_quantizer
            pass
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config


def convert_gguf(gguf_path: str | Path, out_folder: str | Path, dtype: Any = None) -> Path:
    """Save ``gguf_path`` as an ordinary transformers model folder at *out_folder* (written to a
    temporary sibling first, so an interrupted conversion leaves nothing half-written there)."""
    src = Path(gguf_path).expanduser()
    if not src.is_file():
        raise ReviewerError(f"GGUF file {src} does not exist")
    out = Path(out_folder).expanduser()
    model, tokenizer = load_gguf(src.parent, src.name, dtype)
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return out
