"""What the package's commands (`atlas-dashboard`, `atlas-fake-control-plane`) share: one error style
(`PROG: error: message`, argparse's), secrets kept out of every message, and a quiet end for a closed
pipe (`... | head -1`) or Ctrl-C instead of a traceback."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "CommandError", "CommandParser", "run_command"]

#: Ctrl-C (128 + SIGINT), as a shell reports it.
EXIT_INTERRUPTED = 130
#: The output was closed before the command finished (128 + SIGPIPE, as a shell reports it).
EXIT_BROKEN_PIPE = 141

#: An option whose name contains one of these carries a secret: its value is never echoed.
_SECRET_WORDS = ("key", "token", "secret", "password")


class CommandError(Exception):
    """Ends a command with `PROG: error: message` on stderr and exit status `status`."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _secret_option(option: str, secret_options: Sequence[str]) -> bool:
    name = option.lower()
    return any(word in name for word in _SECRET_WORDS) or any(
        len(name) > 2 and known.startswith(name) for known in secret_options
    )


def secrets_in(argv: Sequence[str], secret_options: Sequence[str]) -> list[str]:
    """The values given to secret options in `argv` (`--api-key KEY`, `--api-key=KEY`, an abbreviation
    such as `--api KEY`, a misspelling such as `--apikey KEY`)."""
    found = []
    for index, token in enumerate(argv):
        if not token.startswith("--"):
            continue
        option, equals, value = token.partition("=")
        if not _secret_option(option, secret_options):
            continue
        if equals:
            found.append(value)
        elif index + 1 < len(argv):
            found.append(argv[index + 1])
    return [secret for secret in found if secret]


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with every secret replaced by `***` (longest first, so no part of one is left)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


class CommandParser(argparse.ArgumentParser):
    """An `ArgumentParser` whose messages (its sub-commands' included) never echo the value of a secret
    option (`--api-key`) or of the environment variables named in `secret_variables`."""

    def __init__(
        self,
        *,
        secret_options: Sequence[str] = ("--api-key",),
        secret_variables: Sequence[str] = ("ATLAS_API_KEY",),
        shared_secrets: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.secret_options = tuple(secret_options)
        self.secret_variables = tuple(secret_variables)
        #: The secrets to keep out of messages, shared with the sub-command parsers.
        self.secrets: list[str] = [] if shared_secrets is None else shared_secrets

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "parser_class",
            partial(
                type(self),
                secret_options=self.secret_options,
                secret_variables=self.secret_variables,
                shared_secrets=self.secrets,
            ),
        )
        return super().add_subparsers(**kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: None = None) -> argparse.Namespace:  # type: ignore[override]
        """`ArgumentParser.parse_args`, noting first the secrets of `args` and of the environment."""
        given = sys.argv[1:] if args is None else list(args)
        environment = [os.environ.get(name, "") for name in self.secret_variables]
        self.secrets[:] = [*secrets_in(given, self.secret_options), *environment]
        return super().parse_args(args, namespace)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(scrub(message, self.secrets), file)

    def error(self, message: str) -> NoReturn:
        super().error(scrub(message, self.secrets))


def _write_error(prog: str, message: str) -> None:
    with contextlib.suppress(OSError):  # stderr is closed too: nothing more can be said
        print(f"{prog}: error: {message}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again (the
    recipe of Python's `signal` documentation for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor behind stdout (captured output)
        pass


def run_command(prog: str, body: Callable[[], int], *, secrets: Iterable[str | None] = ()) -> int:
    """Run `body` and return its exit status; a `CommandError` becomes one scrubbed line on stderr,
    a closed output `EXIT_BROKEN_PIPE` and Ctrl-C `EXIT_INTERRUPTED`, all without a traceback."""
    try:
        try:
            status = body()
        except CommandError as error:
            _write_error(prog, scrub(str(error), secrets))
            status = error.status
        except KeyboardInterrupt:
            status = EXIT_INTERRUPTED
        sys.stdout.flush()  # here, not at interpreter exit: a closed pipe shows up while it can be handled
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return status
