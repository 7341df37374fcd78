"""SDK logging: `ATLAS_LOG=info|debug`, and credentials masked in every record the SDK and httpx emit.

Like `OPENAI_LOG` for openai-python: `ATLAS_LOG=info` shows the SDK's messages and one line per HTTP
request (httpx's), `ATLAS_LOG=debug` adds the SDK's debug messages and httpx/httpcore's connection
traces; both on stderr. Either way, and when an application configures logging itself, a filter masks
the secrets of every live client (`_redact.register`), URL userinfo and any `Bearer <token>` or
`Authorization: <value>` in every record of the loggers below: message, arguments, traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping
from typing import TextIO

from ._redact import registered, scrub

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "LOGGER_NAME",
    "REDACTED_LOGGERS",
    "RedactingFilter",
    "configure_from_environment",
    "install_redaction",
    "log_to_stderr",
]

ENVIRONMENT_VARIABLE = "ATLAS_LOG"
#: The SDK's logger.
LOGGER_NAME = "atlas_extras"
#: Every logger the SDK, httpx and httpcore log on. A filter attached to a logger does not see the records
#: of its children (`httpcore.http11`, ...), so each one that is used gets its own.
REDACTED_LOGGERS = (
    LOGGER_NAME,
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
LEVELS: Mapping[str, int] = {"info": logging.INFO, "debug": logging.DEBUG}
FORMAT = "[%(asctime)s %(levelname)s %(name)s] %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"

logger = logging.getLogger(LOGGER_NAME)


class RedactingFilter(logging.Filter):
    """Masks credentials in a record before any handler sees it; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def redact_record(record: logging.LogRecord) -> None:
    """Mask credentials in `record`'s message and traceback, in place.

    A record whose text holds nothing to mask keeps its `msg`, `args` and `exc_info` as they were; one
    that does gets its formatted, masked message as `msg` (no `args`), and its masked traceback as
    `exc_text` (the exception object itself is dropped, so no handler can render it unmasked).
    """
    redactor = registered()
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: logging would quote msg and args raw in its error report
        message = f"{record.msg!s} (arguments: {record.args!r})"
        record.msg, record.args = scrub(message, redactor), None
    else:
        masked = scrub(message, redactor)
        if masked != message:
            record.msg, record.args = masked, None
    if record.exc_info or record.exc_text:
        text = record.exc_text or _TRACEBACKS.formatException(record.exc_info)  # type: ignore[arg-type]
        masked = scrub(text, redactor)
        if masked != text:
            record.exc_text, record.exc_info = masked, None
    if record.stack_info:
        record.stack_info = scrub(record.stack_info, redactor)


_TRACEBACKS = logging.Formatter()
_FILTER = RedactingFilter()
_lock = threading.Lock()
_handler: logging.Handler | None = None
_warned: set[str] = set()


def install_redaction() -> None:
    """Attach the redacting filter to every logger in `REDACTED_LOGGERS` (idempotent)."""
    for name in REDACTED_LOGGERS:
        logging.getLogger(name).addFilter(_FILTER)  # addFilter skips a filter already there


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to `sys.stderr` as it is at each record (test runners and others swap it)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:  # type: ignore[override]  # read-only: always the current stderr
        return sys.stderr


def log_to_stderr(level: int) -> None:
    """Show the SDK's records at `level` and up on stderr, with httpx's request lines (and, at DEBUG,
    httpx and httpcore's traces). Idempotent: one handler, whatever the number of calls."""
    global _handler
    install_redaction()
    with _lock:
        if _handler is None:
            _handler = _StderrHandler()
            _handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
            _handler.addFilter(_FILTER)  # for records of child loggers that propagate up to it
        shown = [LOGGER_NAME, "httpx"] + (["httpcore"] if level <= logging.DEBUG else [])
        for name in shown:
            target = logging.getLogger(name)
            target.setLevel(level)
            target.addHandler(_handler)  # addHandler skips a handler already there


def configure_from_environment(environ: Mapping[str, str] | None = None) -> int | None:
    """Install the redacting filter, then apply `ATLAS_LOG` (`info` or `debug`); return the level set.

    Any other non-empty value is ignored with one warning on the `atlas_extras` logger.
    """
    install_redaction()
    raw = (os.environ if environ is None else environ).get(ENVIRONMENT_VARIABLE, "")
    value = raw.strip().lower()
    if not value:
        return None
    level = LEVELS.get(value)
    if level is None:
        with _lock:
            first = value not in _warned
            _warned.add(value)
        if first:
            logger.warning("%s=%r is not one of: %s; ignored", ENVIRONMENT_VARIABLE, raw, ", ".join(LEVELS))
        return None
    log_to_stderr(level)
    return level
