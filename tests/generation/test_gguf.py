"""Finding a GGUF model from ``--model`` / ``--gguf-file``, and the messages when it is not there.

These need no model: the files are empty or garbage, and every mistake must name the file.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reviewer.errors import ReviewerError
from reviewer.generation.gguf import gguf_model_name, is_gguf, locate_gguf


def test_a_gguf_file_or_a_folder_with_one_is_found(tmp_path: Path) -> None:
    file = tmp_path / "Qwen2.5-0.5B-Instruct-Q4_K_M.gguf"
    file.write_bytes(b"")
    assert locate_gguf(file) == (tmp_path, file.name)
    assert locate_gguf(str(tmp_path)) == (tmp_path, file.name)  # the only GGUF file of a folder
    assert locate_gguf(tmp_path, file.name) == (tmp_path, file.name)
    assert gguf_model_name(tmp_path, file.name) == "Qwen2.5-0.5B-Instruct-Q4_K_M"
    assert is_gguf("X.GGUF") and not is_gguf(tmp_path)


def test_a_gguf_file_without_the_suffix_is_known_by_its_magic(tmp_path: Path) -> None:
    blob = tmp_path / "sha256-6a0746a1ec1a"  # how Ollama stores its models
    blob.write_bytes(b"GGUF\x03\x00\x00\x00")
    assert locate_gguf(blob) == (tmp_path, blob.name)
    other = tmp_path / "notes.txt"
    other.write_text("not a model")
    assert locate_gguf(other) is None


def test_an_ordinary_model_folder_or_hub_id_is_not_gguf(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "extra.gguf").write_bytes(b"")  # a folder with config.json is a transformers folder
    assert locate_gguf(tmp_path) is None
    assert locate_gguf("HuggingFaceTB/SmolLM2-135M-Instruct") is None


def test_mistakes_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.gguf").write_bytes(b"")
    (tmp_path / "b.gguf").write_bytes(b"")
    with pytest.raises(ReviewerError, match=r"several GGUF files \(a.gguf, b.gguf\).*--gguf-file"):
        locate_gguf(tmp_path)
    with pytest.raises(ReviewerError, match=r"has no GGUF file 'c.gguf' \(it has a.gguf, b.gguf\)"):
        locate_gguf(tmp_path, "c.gguf")
    with pytest.raises(ReviewerError, match="missing.gguf does not exist"):
        locate_gguf(tmp_path / "missing.gguf")
    with pytest.raises(ReviewerError, match="not a folder"):
        locate_gguf(tmp_path / "a.gguf" / "nowhere", "a.gguf")
    with pytest.raises(ReviewerError, match="either a .gguf file as --model or a folder"):
        locate_gguf(tmp_path / "a.gguf", "b.gguf")


@pytest.mark.models
@pytest.mark.skipif(importlib.util.find_spec("transformers") is None or importlib.util.find_spec("gguf") is None,
                    reason="needs transformers and the gguf package (the [models] extra)")
def test_a_broken_gguf_file_is_refused_with_its_name(store, db_path: Path, tmp_path: Path, capsys) -> None:
    from reviewer.cli.main import main
    from tests.support.generation import make_cases, response_count

    make_cases(store, 2, multi_turn=False)
    bad = tmp_path / "models" / "broken.gguf"
    bad.parent.mkdir()
    bad.write_bytes(b"GGUF" + b"\x00" * 60)  # the magic, then nothing readable
    assert main(["--db", str(db_path), "generate", "--model", str(bad), "--device", "cpu", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "reviewer: error:" in err and str(bad) in err
    assert main(["--db", str(db_path), "generate", "--model", str(bad.parent), "--gguf-file", "other.gguf",
                 "--device", "cpu", "--quiet"]) == 2
    assert "has no GGUF file 'other.gguf' (it has broken.gguf)" in capsys.readouterr().err
    assert response_count(store) == 0  # nothing written, no run row left half-made
