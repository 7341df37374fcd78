"""Logging: `ATLAS_LOG`, and no credential in any log record of the SDK, httpx or httpcore."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from atlas_extras import AtlasAuthenticationError
from atlas_extras._logs import REDACTED_LOGGERS, RedactingFilter, install_redaction
from atlas_extras._redact import Redactor, register, unregister
from atlas_extras.hooks import RequestEvent

from ..client.conftest import Caller
from .conftest import KEY
from .echo_server import EchoServer

ROOT = Path(__file__).resolve().parents[2]


# --- the filter ------------------------------------------------------------------------------------


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, list[logging.LogRecord]]]:
    """A private logger with the redacting filter, and the records its handler receives."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    log = logging.getLogger(f"tests.errors.private.{id(records)}")
    log.propagate = False
    log.setLevel(logging.DEBUG)
    log.addFilter(RedactingFilter())
    handler = Keep()
    log.addHandler(handler)
    redactor = Redactor.for_client(api_key=KEY)
    register(redactor)
    yield log, records
    unregister(redactor)
    log.removeHandler(handler)


def _rendered(record: logging.LogRecord) -> str:
    return logging.Formatter("%(message)s").format(record)


def test_a_registered_key_is_masked_in_message_and_arguments(captured: Any) -> None:
    log, records = captured
    log.info("calling with %s and %r", KEY, {"key": KEY})

    assert _rendered(records[0]) == "calling with *** and {'key': '***'}"


def test_a_record_without_secrets_keeps_its_arguments(captured: Any) -> None:
    log, records = captured
    log.warning("Retrying %s in %.2fs", "GET /x", 0.5)

    assert (records[0].msg, records[0].args) == ("Retrying %s in %.2fs", ("GET /x", 0.5))


def test_bearer_tokens_and_authorization_values_are_masked_whatever_the_token(captured: Any) -> None:
    log, records = captured
    log.debug("headers %s", {"Authorization": "Bearer unknown-token-1", "Accept": "*/*"})
    log.debug("sent Bearer another-unknown-2 via http://user:pw@proxy:3128")

    assert [_rendered(record) for record in records] == [
        "headers {'Authorization': '***', 'Accept': '*/*'}",
        "sent Bearer *** via http://***@proxy:3128",
    ]


def test_an_exception_message_and_traceback_are_masked(captured: Any) -> None:
    log, records = captured
    try:
        raise RuntimeError(f"server said {KEY}")
    except RuntimeError:
        log.exception("hook failed")

    text = _rendered(records[0])
    assert KEY not in text
    assert "RuntimeError: server said ***" in text
    assert records[0].exc_info is None  # no handler can render the exception unmasked


def test_a_bad_format_string_does_not_leak_its_arguments(captured: Any) -> None:
    log, records = captured
    log.info("two placeholders %s %s", KEY)

    assert KEY not in _rendered(records[0])


@pytest.fixture
def restored_filters() -> Iterator[None]:
    before = {name: list(logging.getLogger(name).filters) for name in REDACTED_LOGGERS}
    yield
    for name, filters in before.items():
        logging.getLogger(name).filters[:] = filters


@pytest.mark.usefixtures("restored_filters")
def test_install_redaction_covers_every_logger_httpx_and_httpcore_use_once() -> None:
    install_redaction()
    install_redaction()

    for name in ("atlas_extras", "httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy"):
        assert sum(isinstance(f, RedactingFilter) for f in logging.getLogger(name).filters) == 1, name


# --- through the clients, captured with caplog (needs atlas_extras to install the filter on import) ---


class _LeakyHook:
    """A hook that fails quoting the credential it sees: its failure is logged with the traceback."""

    def on_response(self, event: RequestEvent) -> None:
        raise RuntimeError(f"cannot audit {event.headers.get('Authorization')}")


@pytest.mark.parametrize("engine", ["default", "httpx"])
async def test_no_log_record_shows_the_key(
    make_call: Callable[..., Caller],
    echo_server: EchoServer,
    caplog: pytest.LogCaptureFixture,
    flavour: str,
    engine: str,
) -> None:
    for name in ("atlas_extras", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    options: dict[str, object] = {}
    if engine == "httpx":  # the httpx path: httpcore's traces carry the headers the server echoes
        options["transport"] = httpx.AsyncHTTPTransport() if flavour == "async" else httpx.HTTPTransport()
    call = make_call(base_url=echo_server.base_url, hooks=[_LeakyHook()], **options)

    with pytest.raises(AtlasAuthenticationError):
        await call("list_agent_classes")

    rendered = [logging.Formatter("%(name)s %(message)s").format(record) for record in caplog.records]
    if engine == "httpx":
        assert any("receive_response_headers.complete" in text and "X-Echo" in text for text in rendered)
    assert any(text.startswith("atlas_extras GET /api/v1/agent-classes -> HTTP 401") for text in rendered)
    assert any(text.startswith("httpx HTTP Request: GET") for text in rendered)
    assert any("cannot audit" in text for text in rendered)
    assert [text for text in rendered if KEY in text] == []
    assert KEY not in caplog.text


# --- ATLAS_LOG, in a fresh interpreter ------------------------------------------------------------

_SCRIPT = textwrap.dedent(
    f"""
    import asyncio, logging
    import httpx
    from tests.errors.echo_server import serve_echo
    from atlas_extras import AtlasAuthenticationError, ControlPlaneClient, SyncControlPlaneClient
    from atlas_extras._logs import configure_from_environment

    class LeakyHook:
        def on_response(self, event):
            raise RuntimeError("cannot audit " + event.headers["Authorization"])

    async def main(base_url):
        async with ControlPlaneClient(base_url=base_url, api_key={KEY!r}, max_retries=0) as client:
            try:
                await client.list_agent_classes()
            except AtlasAuthenticationError as error:
                print(error)

    with serve_echo() as server:
        with SyncControlPlaneClient(
            base_url=server.base_url, api_key={KEY!r} + "\\n", max_retries=0, hooks=[LeakyHook()]
        ) as client:
            try:
                client.list_agent_classes()
            except AtlasAuthenticationError as error:
                print(error)
        asyncio.run(main(server.base_url))
        with SyncControlPlaneClient(  # the httpx path: httpcore's connection traces
            base_url=server.base_url, api_key={KEY!r}, max_retries=0, transport=httpx.HTTPTransport()
        ) as client:
            try:
                client.list_agent_classes()
            except AtlasAuthenticationError as error:
                print(error)
    configure_from_environment()  # a second call changes nothing
    print("handlers:", len(logging.getLogger("atlas_extras").handlers))
    """
)


def _run(atlas_log: str | None) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if name != "ATLAS_LOG"}
    if atlas_log is not None:
        env["ATLAS_LOG"] = atlas_log
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )


def test_atlas_log_debug_shows_sdk_httpx_and_httpcore_records_without_the_key() -> None:
    run = _run("debug")

    assert KEY not in run.stderr + run.stdout
    assert "DEBUG httpcore.http11] receive_response_headers.complete" in run.stderr
    assert "INFO httpx] HTTP Request: GET http://127.0.0.1:" in run.stderr
    assert "WARNING atlas_extras] LeakyHook.on_response raised RuntimeError" in run.stderr
    assert "RuntimeError: cannot audit ***" in run.stderr
    assert run.stdout.count("HTTP 401") == 3
    assert "handlers: 1" in run.stdout


def test_atlas_log_info_shows_request_lines_but_no_connection_traces() -> None:
    run = _run("INFO")

    assert KEY not in run.stderr + run.stdout
    assert "INFO httpx] HTTP Request: GET" in run.stderr
    assert "httpcore" not in run.stderr


def test_an_unknown_atlas_log_value_is_ignored_with_one_warning() -> None:
    run = _run("verbose")

    assert run.stderr.count("ATLAS_LOG='verbose' is not one of: info, debug; ignored") == 1
    assert "HTTP Request" not in run.stderr
    assert "handlers: 0" in run.stdout


def test_without_atlas_log_the_sdk_adds_no_handler() -> None:
    run = _run(None)

    assert "HTTP Request" not in run.stderr
    assert "handlers: 0" in run.stdout
