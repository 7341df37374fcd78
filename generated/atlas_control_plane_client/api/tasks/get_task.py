from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.plan_task_read_enriched import PlanTaskReadEnriched
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: UUID,
    *,
    enrich: bool | Unset = True,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    params: dict[str, Any] = {}

    params["enrich"] = enrich

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/tasks/{task_id}".format(
            task_id=quote(str(task_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | PlanTaskReadEnriched | None:
    if response.status_code == 200:
        response_200 = PlanTaskReadEnriched.from_dict(response.json())

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
) -> Response[HTTPError | HTTPValidationError | PlanTaskReadEnriched]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: UUID,
    *,
    client: AuthenticatedClient,
    enrich: bool | Unset = True,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | PlanTaskReadEnriched]:
    """Get a task

     Returns one task; with `enrich` (the default) the assignee's name and slug are resolved.

    Args:
        task_id (UUID):
        enrich (bool | Unset):  Default: True.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | PlanTaskReadEnriched]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        enrich=enrich,
        x_request_id=x_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: UUID,
    *,
    client: AuthenticatedClient,
    enrich: bool | Unset = True,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | PlanTaskReadEnriched | None:
    """Get a task

     Returns one task; with `enrich` (the default) the assignee's name and slug are resolved.

    Args:
        task_id (UUID):
        enrich (bool | Unset):  Default: True.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | PlanTaskReadEnriched
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        enrich=enrich,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    task_id: UUID,
    *,
    client: AuthenticatedClient,
    enrich: bool | Unset = True,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | PlanTaskReadEnriched]:
    """Get a task

     Returns one task; with `enrich` (the default) the assignee's name and slug are resolved.

    Args:
        task_id (UUID):
        enrich (bool | Unset):  Default: True.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | PlanTaskReadEnriched]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        enrich=enrich,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: UUID,
    *,
    client: AuthenticatedClient,
    enrich: bool | Unset = True,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | PlanTaskReadEnriched | None:
    """Get a task

     Returns one task; with `enrich` (the default) the assignee's name and slug are resolved.

    Args:
        task_id (UUID):
        enrich (bool | Unset):  Default: True.
        x_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | PlanTaskReadEnriched
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            enrich=enrich,
            x_request_id=x_request_id,
        )
    ).parsed
