"""``pacspec COMMAND`` builds only that command's parser (:func:`pacspec.cli.build_parser`):
the same help, arguments and errors as with every parser built (issue 12 item 6)."""

from __future__ import annotations

import argparse

import pytest

from pacspec.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    assert isinstance(action, argparse._SubParsersAction)
    return dict(action.choices)


FULL = _commands(build_parser())


def test_every_command_is_there() -> None:
    assert {"validate", "diff", "rules", "evaluate", "report", "convert"} <= set(FULL)


@pytest.mark.parametrize("name", sorted(FULL))
def test_one_command_parser_is_the_full_ones(name: str) -> None:
    only = build_parser(name)
    commands = _commands(only)
    assert list(commands) == [name]
    assert commands[name].format_help() == FULL[name].format_help()
    assert only.format_usage() == build_parser().format_usage()


def test_the_same_arguments_are_parsed() -> None:
    argv = ["validate", "--strict", "--format", "json", "--lang", "en", "a.pac.yaml", "b.yaml"]
    full, only = vars(build_parser().parse_args(argv)), vars(build_parser("validate").parse_args(argv))
    assert full.pop("parser").format_help() == only.pop("parser").format_help()
    assert full == only


@pytest.mark.parametrize("argv", [["valdate", "x"], ["--bogus"], ["validate", "--bogus", "x"]])
def test_errors_are_the_full_parsers(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command lists every command, as before; so does any other usage error."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    assert capsys.readouterr().err == err
    if argv[0] == "valdate":
        assert all(f"'{name}'" in err for name in FULL)


def test_unknown_command_builds_every_parser() -> None:
    assert list(_commands(build_parser("valdate"))) == list(FULL)
