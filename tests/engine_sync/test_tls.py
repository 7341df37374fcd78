"""TLS on the default blocking engine: `verify` as httpx takes it (True: the certifi bundle; False; a CA
file path; an `ssl.SSLContext`), against a local server with a certificate made for the test."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from atlas_extras import AtlasConnectionError, SyncControlPlaneClient

BODY = b'{"status":"healthy"}'


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for the name localhost only, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_url(certificate: tuple[Path, Path]) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 that answers each request with a 200 (keep-alive)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stopping = threading.Event()
    handlers: list[threading.Thread] = []

    def serve(connection: socket.socket) -> None:
        with connection:
            try:
                tls = context.wrap_socket(connection, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client refused the certificate
            with tls:
                buffer = b""
                while not stopping.is_set():
                    try:
                        chunk = tls.recv(65536)
                    except (ssl.SSLError, OSError):
                        return
                    if not chunk:
                        return
                    buffer += chunk
                    while b"\r\n\r\n" in buffer:
                        _, _, buffer = buffer.partition(b"\r\n\r\n")
                        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY))

    def accept() -> None:
        while not stopping.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(5)
            handler = threading.Thread(target=serve, args=(connection,), daemon=True)
            handlers.append(handler)
            handler.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    yield f"https://localhost:{listener.getsockname()[1]}"
    stopping.set()
    acceptor.join(5)
    listener.close()
    for handler in handlers:
        handler.join(5)


def test_a_certificate_no_bundle_vouches_for_is_refused_and_never_sent(tls_url: str) -> None:
    client = SyncControlPlaneClient(tls_url, max_retries=0)
    with client, pytest.raises(AtlasConnectionError, match=r"never sent.*CERTIFICATE_VERIFY_FAILED"):
        client.health()


def test_verify_false_accepts_any_certificate(tls_url: str) -> None:
    with SyncControlPlaneClient(tls_url, verify=False) as client:
        assert client.health().get("status") == "healthy"
        assert client.health().get("status") == "healthy"  # over the same TLS connection


def test_verify_with_a_context_that_trusts_the_certificate(tls_url: str, certificate: tuple[Path, Path]) -> None:
    context = ssl.create_default_context(cafile=str(certificate[0]))
    with SyncControlPlaneClient(tls_url, verify=context) as client:
        assert client.health().get("status") == "healthy"


def test_verify_with_a_ca_file_path(tls_url: str, certificate: tuple[Path, Path]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # httpx deprecates verify=<str>, and still honours it
        client = SyncControlPlaneClient(tls_url, verify=str(certificate[0]))
    with client:
        assert client.health().get("status") == "healthy"


def test_the_host_name_is_checked(tls_url: str, certificate: tuple[Path, Path]) -> None:
    context = ssl.create_default_context(cafile=str(certificate[0]))
    by_address = tls_url.replace("localhost", "127.0.0.1")  # the same server, by an address the certificate omits
    client = SyncControlPlaneClient(by_address, verify=context, max_retries=0)
    with client, pytest.raises(AtlasConnectionError, match=r"never sent.*mismatch"):
        client.health()
