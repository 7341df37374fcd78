"""The command line: ``python -m atlas_extras.testing serve`` (or ``atlas-fake-control-plane serve``).

Exit status: 0 after Ctrl-C (serve) or when done; 1 when it cannot serve on the address; 2 for bad usage
or a missing `testing` extra; 141 when the output was closed early. Errors are one line,
``atlas-fake-control-plane: error: ...``, never a traceback.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Sequence
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING

from .._command import CommandError, CommandParser, run_command

if TYPE_CHECKING:
    from ._fake import FakeControlPlane

USAGE_EXAMPLES = """\
examples:
  %(prog)s serve --port 8000
  %(prog)s serve --port 8000 --latency 50ms --jitter 10ms --dataset demo --definitions 10000
  %(prog)s serve --api-key secret --fault 503:0.05 --fault 429:0.01,retry_after=1 --seed 7
  %(prog)s operations

fault syntax: KIND[:RATE][,op=OPERATION][,times=N][,retry_after=SECONDS][,jitter=DURATION]
  KIND: an HTTP status (500, 502, 503, 429, ...), hang, drop, latency=DURATION, or a malformation
  (non_json, truncated_json, html, wrong_types, missing_field, unknown_enum)
"""


def _step(text: str) -> float | None:
    from ._faults import parse_duration

    return None if text.lower() in ("never", "none") else parse_duration(text)


def _duration(text: str) -> float:
    from ._faults import parse_duration

    try:
        return parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number within 0..65535, got {text!r}")
    return port


def _parser(prog: str) -> CommandParser:
    parser = CommandParser(
        prog=prog,
        description="A fake Atlas Control Plane that follows openapi.yaml, for tests, examples and benchmarks.",
        epilog=USAGE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the fake over HTTP until Ctrl-C")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0 picks a free one)")
    serve.add_argument("--dataset", choices=("demo", "empty"), default="demo", help="seed data (default demo)")
    serve.add_argument("--definitions", type=int, help="number of agent definitions in the demo dataset")
    serve.add_argument("--seed", type=int, default=0, help="seed for ids, faults and lifecycle failures")
    serve.add_argument("--api-key", help="require Authorization: Bearer <API_KEY> (health stays open)")
    serve.add_argument("--latency", type=_duration, default=0.0, help="added to every response, e.g. 50ms")
    serve.add_argument("--jitter", type=_duration, default=0.0, help="latency varies by up to this, e.g. 10ms")
    serve.add_argument(
        "--lifecycle-step", type=_step, default=0.2, help="time per automatic status step (default 0.2s; never)"
    )
    serve.add_argument("--failure-rate", type=float, default=0.0, help="fraction of lifecycles that fail")
    serve.add_argument("--fault", action="append", default=[], metavar="SPEC", help="inject a fault (repeatable)")
    commands.add_parser("operations", help="list the operationIds (for --fault ...,op=)")
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "atlas-fake-control-plane") -> int:
    """Run the command; returns the exit status."""
    parser = _parser(prog)
    args = parser.parse_args(argv)
    return run_command(prog, partial(_command, args), secrets=[getattr(args, "api_key", None), *parser.secrets])


def _command(args: argparse.Namespace) -> int:
    try:
        from ._fake import FakeControlPlane
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise CommandError(
            f"{error}. Install the testing extra: pip install 'atlas-control-plane-sdk[testing]'", 2
        ) from None
    if args.command == "operations":
        print("\n".join(FakeControlPlane(dataset="empty").operations))
        return 0
    try:
        fake = FakeControlPlane(
            dataset=args.dataset,
            seed=args.seed,
            api_key=args.api_key,
            latency=args.latency,
            jitter=args.jitter,
            lifecycle_step=args.lifecycle_step,
            definitions=args.definitions,
            failure_rate=args.failure_rate,
        )
        for spec in args.fault:
            fake.inject(spec)
    except ValueError as error:
        raise CommandError(str(error), 2) from None
    return _serve(fake, args.host, args.port)


def _serve(fake: FakeControlPlane, host: str, port: int) -> int:
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with fake.serve(host, port) as base_url:
            faults = ", ".join(f"{rule.label}@{rule.operation or '*'}:{rule.rate}" for rule in fake.faults) or "none"
            print(f"Fake Atlas Control Plane serving on {base_url}", flush=True)
            print(f"  dataset={fake.dataset} seed={fake.seed} faults={faults}", flush=True)
            print("  Press Ctrl-C to stop.", flush=True)
            while not stop.wait(1.0):
                pass
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        raise CommandError(f"cannot serve on {host}:{port}: {error}", 1) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(f"Stopped after {fake.stats.total} request(s).", flush=True)
    return 0
