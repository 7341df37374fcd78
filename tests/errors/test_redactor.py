"""`Redactor`: every credential a client sends is masked wherever it shows up; the registry and `scrub`."""

from __future__ import annotations

import base64
import gc
import json

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas_extras._redact import MASK, Redactor, register, registered, scrub, unregister

from .conftest import KEY


def test_every_occurrence_of_the_key_is_masked() -> None:
    redactor = Redactor.for_client(api_key=KEY)

    assert redactor.redact(f"{KEY} then {KEY}{KEY}.") == "*** then ******."


def test_a_key_with_surrounding_whitespace_is_masked_with_and_without_it() -> None:
    redactor = Redactor.for_client(api_key=f"  {KEY}\n")

    assert redactor.redact(f"bad key '{KEY}'; raw: '  {KEY}\n'") == "bad key '***'; raw: '***'"


@pytest.mark.parametrize(
    ("header", "value", "echoed"),
    [
        ("Authorization", "Bearer abc-123-def", "abc-123-def"),
        ("Proxy-Authorization", "Bearer proxy-token-9", "proxy-token-9"),
        ("X-Api-Key", "xk-5f4e3d2c", "xk-5f4e3d2c"),
        ("X-Auth-Token", "tok-aaaa-bbbb", "tok-aaaa-bbbb"),
        ("Cookie", "session=s3cr3t-cookie", "session=s3cr3t-cookie"),
    ],
)
def test_credential_headers_the_user_passes_are_masked(header: str, value: str, echoed: str) -> None:
    redactor = Redactor.for_client(headers={header: value})

    assert redactor.redact(f"server saw {echoed} in {value}") == "server saw *** in ***"


def test_basic_credentials_are_masked_encoded_and_decoded() -> None:
    token = base64.b64encode(b"alice:wonderland-42").decode()
    redactor = Redactor.for_client(headers={"Authorization": f"Basic {token}"})

    assert redactor.redact(f"{token} alice:wonderland-42 wonderland-42") == "*** *** ***"


def test_ordinary_headers_are_not_secrets() -> None:
    redactor = Redactor.for_client(headers={"Accept": "application/json", "Idempotency-Key": "key-of-a-call"})

    assert not redactor
    assert redactor.redact("application/json key-of-a-call") == "application/json key-of-a-call"


def test_url_passwords_are_masked_in_text_and_removed_from_urls() -> None:
    redactor = Redactor.for_client(
        urls=["http://bob:pa%40ss-word@control-plane:8000", "http://tok-only-123@proxy:3128"]
    )

    assert redactor.redact("pa@ss-word pa%40ss-word tok-only-123") == "*** *** ***"
    assert redactor.redact_url("http://bob:pa%40ss-word@control-plane:8000/x") == "http://***@control-plane:8000/x"


def test_the_key_is_masked_in_the_encoded_forms_of_a_query_and_of_json() -> None:
    key = 'sk/with+odd"chars'
    redactor = Redactor.for_client(api_key=key)
    url = httpx.Request("GET", "http://h/p", params={"api_key": key}).url

    assert redactor.redact_url(url) == "http://h/p?api_key=***"
    assert redactor.redact(json.dumps({"echo": key})) == '{"echo": "***"}'


def test_a_url_userinfo_is_masked_whatever_its_length() -> None:
    assert (
        Redactor.mask_userinfo("see http://u:p@host/x and https://a@b@host")
        == "see http://***@host/x and https://***@host"
    )
    assert (
        Redactor.mask_userinfo("mail me at a@b.example, or http://host/a@b")
        == "mail me at a@b.example, or http://host/a@b"
    )


def test_values_too_short_to_be_credentials_do_not_garble_text() -> None:
    redactor = Redactor.for_client(api_key="ab", headers={"X-Api-Key": "a"})

    assert not redactor
    assert redactor.redact("a table") == "a table"


def test_the_empty_redactor_changes_nothing_and_shows_no_secret_in_its_repr() -> None:
    assert Redactor.EMPTY.redact("Bearer x") == "Bearer x"
    assert KEY not in repr(Redactor.for_client(api_key=KEY))


def test_a_redactor_is_immutable() -> None:
    redactor = Redactor.for_client(api_key=KEY)

    with pytest.raises(AttributeError):
        redactor._secrets = ()
    assert redactor.redact(KEY) == MASK


def test_a_union_masks_the_secrets_of_both() -> None:
    union = Redactor.for_client(api_key=KEY).union(Redactor.for_client(api_key="other-key-77"))

    assert union.redact(f"{KEY} other-key-77") == "*** ***"


@given(
    before=st.text(),
    after=st.text(),
    secret=st.text(min_size=4).filter(lambda s: "*" not in s and len(s.strip()) >= 4),
)
def test_no_occurrence_survives(before: str, after: str, secret: str) -> None:
    text = before + secret + after + secret.strip()

    masked = Redactor.for_client(api_key=secret).redact(text)

    assert secret not in masked
    assert secret.strip() not in masked


# --- log-line patterns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Authorization: Bearer abc.def", "Authorization: ***"),
        ("{'authorization': 'Bearer abc', 'accept': '*/*'}", "{'authorization': '***', 'accept': '*/*'}"),
        ("[(b'Authorization', b'Basic dXNlcjpw')]", "[(b'Authorization', b'***')]"),
        ("proxy-authorization=Digest xyz", "proxy-authorization=***"),
        ('"X-Api-Key": "k-123456"', '"X-Api-Key": "***"'),
        ("sent bearer eyJhbGciOi.payload.sig to the server", "sent bearer *** to the server"),
        ("GET http://user:pw@host/x", "GET http://***@host/x"),
        ("authorization failed for this call", "authorization failed for this call"),
    ],
)
def test_scrub_masks_credential_patterns_whatever_the_token(line: str, expected: str) -> None:
    assert scrub(line, Redactor.EMPTY) == expected


# --- registry -------------------------------------------------------------------------------------


def test_registered_redactors_are_masked_until_unregistered() -> None:
    redactor = Redactor.for_client(api_key="registry-key-1234")
    register(redactor)

    assert registered().redact("registry-key-1234") == MASK
    unregister(redactor)
    assert registered().redact("registry-key-1234") == "registry-key-1234"


def test_a_collected_redactor_leaves_the_registry() -> None:
    register(Redactor.for_client(api_key="short-lived-key-5678"))
    gc.collect()

    assert registered().redact("short-lived-key-5678") == "short-lived-key-5678"


def test_two_clients_with_the_same_key_are_both_counted() -> None:
    first, second = Redactor.for_client(api_key="shared-key-0000"), Redactor.for_client(api_key="shared-key-0000")
    register(first)
    register(second)

    unregister(first)
    assert registered().redact("shared-key-0000") == MASK
    unregister(second)
