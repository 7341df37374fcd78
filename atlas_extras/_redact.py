"""Masking credentials: every secret a client sends, wherever a server or a library might echo it back.

A `Redactor` knows the secrets of one client (its API key, the credential headers it was given, the
userinfo of its URLs) and replaces each of them with `***`. A process-wide registry lets the logging
filter (`atlas_extras._logs`) mask the secrets of every live client in every log record, and `scrub`
adds the patterns that are masked in log lines whatever the token (`Bearer <token>`,
`Authorization: <value>`, `scheme://user:password@`).

```python
redactor = Redactor.for_client(api_key=key, headers={"X-Api-Key": other}, urls=[base_url])
register(redactor)                      # log records of every logger the SDK and httpx use
redactor.redact(f"token {key} revoked")  # 'token *** revoked'
```
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote, quote_plus

if TYPE_CHECKING:
    import httpx

__all__ = [
    "MASK",
    "MIN_SECRET_LENGTH",
    "Redactor",
    "register",
    "registered",
    "scrub",
    "unregister",
]

#: What every secret is replaced with.
MASK = "***"
#: Shorter values are not masked in free text: masking every "ab" would garble messages, not protect them.
#: (URL userinfo is masked whatever its length: `Redactor.mask_userinfo`.)
MIN_SECRET_LENGTH = 4

#: A header is a credential when its name contains one of these (Authorization, X-Api-Key, Cookie, ...).
_CREDENTIAL_NAME_PARTS = ("key", "token", "secret", "password", "passwd", "auth", "session", "cookie", "credential")
_NOT_CREDENTIALS = frozenset({"idempotency-key"})

#: `scheme://userinfo@`: up to the last `@` of the authority (a password may hold an unescaped `@`).
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#\s]*@")
#: `Authorization: <value>` and its kin, as written in log lines, dict reprs and header tuples.
_CREDENTIAL_HEADER = re.compile(
    r"""(?ix)
    \b(?P<name>(?:proxy-)?authorization|x-api-key)
    (?P<sep>(?:\s*[:=]|["']\s*[:=,])\s*(?:b(?=["']))?)
    (?:
        (?P<quote>["'])(?P<quoted>.*?)(?P=quote)      # a quoted value: up to its closing quote
      | (?P<bare>["']?(?:[a-z][\w-]*\s+)?[^\s"',;)}\]]+)  # or a scheme and a credential
    )
    """
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s\"',;)}\]]+")


class Redactor:
    """The secrets of one client and how to mask them; immutable, and free when there are none.

    Each secret is masked as given, stripped of surrounding whitespace (a key read from a file often
    ends with a newline), and in the encoded forms it takes in a URL query or a JSON string.
    """

    __slots__ = ("__weakref__", "_secrets")

    EMPTY: ClassVar[Redactor]
    _secrets: tuple[str, ...]

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        object.__setattr__(self, "_secrets", _normalise(secrets))

    @classmethod
    def for_client(
        cls,
        *,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        urls: Iterable[str | httpx.URL | None] = (),
    ) -> Redactor:
        """A redactor for everything a client sends as a credential.

        `api_key`; the values of `headers` that carry credentials (Authorization, Proxy-Authorization,
        Cookie, and any name containing key, token, secret, password, auth or session), with the
        token of `<scheme> <token>` and the user:password of `Basic` on their own; the userinfo of each
        of `urls` (base URL, proxy URL).
        """
        return cls([api_key, *_header_secrets(headers or {}), *_url_secrets(urls)])

    def union(self, *others: Redactor) -> Redactor:
        """A redactor that masks the secrets of this one and of `others`."""
        if not any(others):
            return self
        return Redactor([*self._secrets, *(secret for other in others for secret in other._secrets)])

    def redact(self, text: str) -> str:
        """`text` with every occurrence of every secret replaced by `***`."""
        for secret in self._secrets:  # longest first: a secret that contains another goes whole
            text = text.replace(secret, MASK)
        return text

    def redact_url(self, url: str | httpx.URL) -> str:
        """`url` as text, its userinfo replaced by `***` and every secret (in the query, say) masked."""
        return self.redact(self.mask_userinfo(str(url)))

    @staticmethod
    def mask_userinfo(text: str) -> str:
        """`text` with the userinfo of every URL in it (`scheme://user:password@`) replaced by `***`,
        whatever its length."""
        return _URL_USERINFO.sub(rf"\1{MASK}@", text) if "@" in text else text

    def __bool__(self) -> bool:
        return bool(self._secrets)

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} masked forms>)"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")


def scrub(text: str, redactor: Redactor) -> str:
    """For log lines: `redactor`'s secrets, URL userinfo, and any `Bearer <token>` or
    `Authorization: <value>` (Proxy-Authorization, X-Api-Key), whatever the token."""
    text = Redactor.mask_userinfo(redactor.redact(text))
    text = _CREDENTIAL_HEADER.sub(_mask_header_value, text)
    return _BEARER.sub(rf"\1 {MASK}", text)


def _mask_header_value(match: re.Match[str]) -> str:
    quote_char = match["quote"] or ""
    return f"{match['name']}{match['sep']}{quote_char}{MASK}{quote_char}"


def _normalise(secrets: Iterable[str | None]) -> tuple[str, ...]:
    forms: set[str] = set()
    for secret in secrets:
        if not secret:
            continue
        for value in {secret, secret.strip()}:
            if len(value) >= MIN_SECRET_LENGTH:
                forms.update(_encoded_forms(value))
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def _encoded_forms(secret: str) -> Iterator[str]:
    yield secret
    yield quote(secret, safe="")
    yield quote(secret)
    yield quote_plus(secret)  # how httpx encodes a query parameter
    yield json.dumps(secret)[1:-1]  # inside a JSON string
    yield json.dumps(secret, ensure_ascii=False)[1:-1]


def _header_secrets(headers: Mapping[str, str]) -> Iterator[str]:
    for name, value in headers.items():
        if not _is_credential_header(name):
            continue
        yield value
        scheme, _, token = value.strip().partition(" ")
        if not token:
            continue
        yield token
        if scheme.lower() == "basic":
            yield from _basic_credentials(token.strip())


def _is_credential_header(name: str) -> bool:
    lowered = name.lower()
    return lowered not in _NOT_CREDENTIALS and any(part in lowered for part in _CREDENTIAL_NAME_PARTS)


def _basic_credentials(token: str) -> Iterator[str]:
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return
    yield decoded
    _, _, password = decoded.partition(":")
    yield password


def _url_secrets(urls: Iterable[str | httpx.URL | None]) -> Iterator[str]:
    from ._http import URL, InvalidURL  # the engine seam: loaded with the first client, not with the logging

    for url in urls:
        if url is None:
            continue
        try:
            parsed = url if isinstance(url, URL) else URL(url)
        except (InvalidURL, TypeError, ValueError):
            continue
        if not parsed.userinfo:
            continue
        raw_userinfo = parsed.userinfo.decode("ascii", errors="replace")
        yield raw_userinfo
        if parsed.password:
            yield parsed.password
            yield raw_userinfo.partition(":")[2]
        else:  # a token passed as the user name
            yield parsed.username


Redactor.EMPTY = Redactor()


class _Registry:
    """The redactors of the live clients, held weakly: a client that is gone stops counting."""

    def __init__(self) -> None:
        self._members: weakref.WeakSet[Redactor] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._generation = 0
        self._cache: tuple[tuple[int, int], Redactor] = ((0, 0), Redactor.EMPTY)

    def register(self, redactor: Redactor) -> None:
        if not redactor:
            return
        with self._lock:
            self._members.add(redactor)
            self._generation += 1

    def unregister(self, redactor: Redactor) -> None:
        with self._lock:
            self._members.discard(redactor)
            self._generation += 1

    def current(self) -> Redactor:
        # A registration bumps the generation; a redactor collected shrinks the set. Either makes a new union.
        key, combined = self._cache
        if key == (self._generation, len(self._members)):
            return combined
        with self._lock:
            members = tuple(self._members)
            combined = Redactor.EMPTY.union(*members)
            self._cache = ((self._generation, len(members)), combined)
        return combined


_REGISTRY = _Registry()


def register(redactor: Redactor) -> None:
    """Mask `redactor`'s secrets in every log record (until `unregister`, or until it is collected)."""
    _REGISTRY.register(redactor)


def unregister(redactor: Redactor) -> None:
    """Stop masking `redactor`'s secrets in log records (other redactors with the same secrets still do)."""
    _REGISTRY.unregister(redactor)


def registered() -> Redactor:
    """One redactor for the secrets of every registered, live redactor."""
    return _REGISTRY.current()
