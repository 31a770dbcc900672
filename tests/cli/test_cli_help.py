"""Every command's help renders (argparse formats help strings with %, so a stray % breaks it)."""

from __future__ import annotations

import pytest

from reviewer.cli.main import build_parser, main


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("import", "export", "status", "gui", "demo", "generate", "judge", "agreement", "report",
                 "assign", "pack", "merge", "triage", "checklist", "stats"):
        assert name in out


@pytest.mark.parametrize("command", _commands())
def test_each_command_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage: reviewer" in capsys.readouterr().out
