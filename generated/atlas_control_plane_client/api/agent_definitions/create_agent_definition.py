from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_definition_create import AgentDefinitionCreate
from ...models.agent_definition_read import AgentDefinitionRead
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AgentDefinitionCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agent-definitions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentDefinitionRead | HTTPError | HTTPValidationError | None:
    if response.status_code == 201:
        response_201 = AgentDefinitionRead.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HTTPError.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = HTTPError.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = HTTPError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = HTTPError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = HTTPError.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AgentDefinitionRead | HTTPError | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AgentDefinitionRead | HTTPError | HTTPValidationError]:
    """Create an agent definition

     Creates an agent definition. Send `Idempotency-Key` to make a retry return the first result instead
    of creating a duplicate.

    Args:
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (AgentDefinitionCreate): A new agent definition: a concrete, configured agent of a
            class.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDefinitionRead | HTTPError | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        x_request_id=x_request_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AgentDefinitionRead | HTTPError | HTTPValidationError | None:
    """Create an agent definition

     Creates an agent definition. Send `Idempotency-Key` to make a retry return the first result instead
    of creating a duplicate.

    Args:
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (AgentDefinitionCreate): A new agent definition: a concrete, configured agent of a
            class.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDefinitionRead | HTTPError | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
        x_request_id=x_request_id,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AgentDefinitionRead | HTTPError | HTTPValidationError]:
    """Create an agent definition

     Creates an agent definition. Send `Idempotency-Key` to make a retry return the first result instead
    of creating a duplicate.

    Args:
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (AgentDefinitionCreate): A new agent definition: a concrete, configured agent of a
            class.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDefinitionRead | HTTPError | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        x_request_id=x_request_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AgentDefinitionRead | HTTPError | HTTPValidationError | None:
    """Create an agent definition

     Creates an agent definition. Send `Idempotency-Key` to make a retry return the first result instead
    of creating a duplicate.

    Args:
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (AgentDefinitionCreate): A new agent definition: a concrete, configured agent of a
            class.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDefinitionRead | HTTPError | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_request_id=x_request_id,
            idempotency_key=idempotency_key,
        )
    ).parsed
