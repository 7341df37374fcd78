from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_definition_read import AgentDefinitionRead
from ...models.agent_definition_update import AgentDefinitionUpdate
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    definition_id: UUID,
    *,
    body: AgentDefinitionUpdate,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/agent-definitions/{definition_id}".format(
            definition_id=quote(str(definition_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentDefinitionRead | HTTPError | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = AgentDefinitionRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HTTPError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

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
    definition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionUpdate,
    x_request_id: str | Unset = UNSET,
) -> Response[AgentDefinitionRead | HTTPError | HTTPValidationError]:
    """Update an agent definition

     Changes only the fields sent; the others keep their values.

    Args:
        definition_id (UUID):
        x_request_id (str | Unset):
        body (AgentDefinitionUpdate): Partial update of an agent definition: only the fields sent
            change. Tools are added with `add_tools_to_definition`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDefinitionRead | HTTPError | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        definition_id=definition_id,
        body=body,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    definition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionUpdate,
    x_request_id: str | Unset = UNSET,
) -> AgentDefinitionRead | HTTPError | HTTPValidationError | None:
    """Update an agent definition

     Changes only the fields sent; the others keep their values.

    Args:
        definition_id (UUID):
        x_request_id (str | Unset):
        body (AgentDefinitionUpdate): Partial update of an agent definition: only the fields sent
            change. Tools are added with `add_tools_to_definition`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDefinitionRead | HTTPError | HTTPValidationError
    """

    return sync_detailed(
        definition_id=definition_id,
        client=client,
        body=body,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    definition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionUpdate,
    x_request_id: str | Unset = UNSET,
) -> Response[AgentDefinitionRead | HTTPError | HTTPValidationError]:
    """Update an agent definition

     Changes only the fields sent; the others keep their values.

    Args:
        definition_id (UUID):
        x_request_id (str | Unset):
        body (AgentDefinitionUpdate): Partial update of an agent definition: only the fields sent
            change. Tools are added with `add_tools_to_definition`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDefinitionRead | HTTPError | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        definition_id=definition_id,
        body=body,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    definition_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AgentDefinitionUpdate,
    x_request_id: str | Unset = UNSET,
) -> AgentDefinitionRead | HTTPError | HTTPValidationError | None:
    """Update an agent definition

     Changes only the fields sent; the others keep their values.

    Args:
        definition_id (UUID):
        x_request_id (str | Unset):
        body (AgentDefinitionUpdate): Partial update of an agent definition: only the fields sent
            change. Tools are added with `add_tools_to_definition`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDefinitionRead | HTTPError | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            definition_id=definition_id,
            client=client,
            body=body,
            x_request_id=x_request_id,
        )
    ).parsed
