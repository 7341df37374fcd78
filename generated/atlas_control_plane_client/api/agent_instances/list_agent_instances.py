from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_instance_read import AgentInstanceRead
from ...models.agent_instance_status import AgentInstanceStatus
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    deployment_id: UUID | Unset = UNSET,
    status: AgentInstanceStatus | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    params: dict[str, Any] = {}

    json_deployment_id: str | Unset = UNSET
    if not isinstance(deployment_id, Unset):
        json_deployment_id = str(deployment_id)
    params["deployment_id"] = json_deployment_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/instances",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | list[AgentInstanceRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AgentInstanceRead.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HTTPError.from_dict(response.json())

        return response_403

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
) -> Response[HTTPError | HTTPValidationError | list[AgentInstanceRead]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    deployment_id: UUID | Unset = UNSET,
    status: AgentInstanceStatus | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | list[AgentInstanceRead]]:
    """List agent instances

     Lists agent instances in creation order. `X-Total-Count` gives how many match.

    Args:
        deployment_id (UUID | Unset):
        status (AgentInstanceStatus | Unset): Lifecycle of an agent instance; `completed`,
            `failed` and `cancelled` are terminal.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | list[AgentInstanceRead]]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        status=status,
        limit=limit,
        offset=offset,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    deployment_id: UUID | Unset = UNSET,
    status: AgentInstanceStatus | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | list[AgentInstanceRead] | None:
    """List agent instances

     Lists agent instances in creation order. `X-Total-Count` gives how many match.

    Args:
        deployment_id (UUID | Unset):
        status (AgentInstanceStatus | Unset): Lifecycle of an agent instance; `completed`,
            `failed` and `cancelled` are terminal.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | list[AgentInstanceRead]
    """

    return sync_detailed(
        client=client,
        deployment_id=deployment_id,
        status=status,
        limit=limit,
        offset=offset,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    deployment_id: UUID | Unset = UNSET,
    status: AgentInstanceStatus | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | list[AgentInstanceRead]]:
    """List agent instances

     Lists agent instances in creation order. `X-Total-Count` gives how many match.

    Args:
        deployment_id (UUID | Unset):
        status (AgentInstanceStatus | Unset): Lifecycle of an agent instance; `completed`,
            `failed` and `cancelled` are terminal.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | list[AgentInstanceRead]]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        status=status,
        limit=limit,
        offset=offset,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    deployment_id: UUID | Unset = UNSET,
    status: AgentInstanceStatus | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | list[AgentInstanceRead] | None:
    """List agent instances

     Lists agent instances in creation order. `X-Total-Count` gives how many match.

    Args:
        deployment_id (UUID | Unset):
        status (AgentInstanceStatus | Unset): Lifecycle of an agent instance; `completed`,
            `failed` and `cancelled` are terminal.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | list[AgentInstanceRead]
    """

    return (
        await asyncio_detailed(
            client=client,
            deployment_id=deployment_id,
            status=status,
            limit=limit,
            offset=offset,
            x_request_id=x_request_id,
        )
    ).parsed
