from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_class_read import AgentClassRead
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/agent-classes",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | list[AgentClassRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AgentClassRead.from_dict(response_200_item_data)

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
) -> Response[HTTPError | HTTPValidationError | list[AgentClassRead]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | list[AgentClassRead]]:
    """List agent classes

     Lists agent classes in creation order (then id), `limit` at a time from `offset`. `X-Total-Count`
    gives how many match the filters.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | list[AgentClassRead]]
    """

    kwargs = _get_kwargs(
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
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | list[AgentClassRead] | None:
    """List agent classes

     Lists agent classes in creation order (then id), `limit` at a time from `offset`. `X-Total-Count`
    gives how many match the filters.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | list[AgentClassRead]
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | list[AgentClassRead]]:
    """List agent classes

     Lists agent classes in creation order (then id), `limit` at a time from `offset`. `X-Total-Count`
    gives how many match the filters.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | list[AgentClassRead]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | list[AgentClassRead] | None:
    """List agent classes

     Lists agent classes in creation order (then id), `limit` at a time from `offset`. `X-Total-Count`
    gives how many match the filters.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | list[AgentClassRead]
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
            x_request_id=x_request_id,
        )
    ).parsed
