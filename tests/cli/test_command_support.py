"""What both commands share (`atlas_extras._command`): secrets found on the command line and kept out of
messages, argparse's error style for every error, and quiet endings."""

from __future__ import annotations

import pytest

from atlas_extras._command import CommandError, CommandParser, run_command, scrub, secrets_in


@pytest.mark.parametrize(
    "argv",
    [
        ["--api-key", "s3"],
        ["--api-key=s3"],
        ["--api", "s3"],  # argparse accepts an unambiguous abbreviation
        ["--apikey", "s3"],  # misspelt: argparse echoes it as an unrecognized argument
        ["--token=s3", "--verbose"],
    ],
)
def test_secret_option_values_are_found(argv: list[str]) -> None:
    assert secrets_in(argv, ("--api-key",)) == ["s3"]


def test_other_values_are_not_secrets() -> None:
    assert secrets_in(["--base-url", "http://x", "--timeout", "3", "--api-key"], ("--api-key",)) == []


def test_scrub_masks_the_longest_secret_first() -> None:
    assert scrub("key=abcdef", ["abc", "abcdef", None, ""]) == "key=***"


def test_parser_errors_of_sub_commands_are_scrubbed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATLAS_API_KEY", "from-the-environment")
    parser = CommandParser(prog="tool")
    serve = parser.add_subparsers(dest="command").add_parser("serve")
    serve.add_argument("--port", type=int)
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--port", "from-the-environment", "--secret-token", "t0k"])
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "tool serve: error: argument --port: invalid int value: '***'"
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--secret-token", "t0k"])
    assert capsys.readouterr().err.splitlines()[-1] == "tool: error: unrecognized arguments: --secret-token ***"


def test_run_command_turns_a_command_error_into_one_scrubbed_line(capsys: pytest.CaptureFixture[str]) -> None:
    def fail() -> int:
        raise CommandError("refused key s3cret at the door", 4)

    assert run_command("tool", fail, secrets=["s3cret"]) == 4
    assert capsys.readouterr().err == "tool: error: refused key *** at the door\n"


def test_run_command_returns_130_on_ctrl_c() -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert run_command("tool", interrupted) == 130
