from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.plan_task_read import PlanTaskRead
from ...models.plan_task_update import PlanTaskUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: UUID,
    *,
    body: PlanTaskUpdate,
    x_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_request_id, Unset):
        headers["X-Request-ID"] = x_request_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/tasks/{task_id}".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | PlanTaskRead | None:
    if response.status_code == 200:
        response_200 = PlanTaskRead.from_dict(response.json())

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
) -> Response[HTTPError | HTTPValidationError | PlanTaskRead]:
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
    body: PlanTaskUpdate,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | PlanTaskRead]:
    """Update a task

     Changes only the fields sent, e.g. `status` and `result`.

    Args:
        task_id (UUID):
        x_request_id (str | Unset):
        body (PlanTaskUpdate): Partial update of a task, e.g. its status and result.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | PlanTaskRead]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
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
    body: PlanTaskUpdate,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | PlanTaskRead | None:
    """Update a task

     Changes only the fields sent, e.g. `status` and `result`.

    Args:
        task_id (UUID):
        x_request_id (str | Unset):
        body (PlanTaskUpdate): Partial update of a task, e.g. its status and result.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | PlanTaskRead
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        body=body,
        x_request_id=x_request_id,
    ).parsed


async def asyncio_detailed(
    task_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanTaskUpdate,
    x_request_id: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | PlanTaskRead]:
    """Update a task

     Changes only the fields sent, e.g. `status` and `result`.

    Args:
        task_id (UUID):
        x_request_id (str | Unset):
        body (PlanTaskUpdate): Partial update of a task, e.g. its status and result.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | PlanTaskRead]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
        x_request_id=x_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanTaskUpdate,
    x_request_id: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | PlanTaskRead | None:
    """Update a task

     Changes only the fields sent, e.g. `status` and `result`.

    Args:
        task_id (UUID):
        x_request_id (str | Unset):
        body (PlanTaskUpdate): Partial update of a task, e.g. its status and result.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | PlanTaskRead
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            body=body,
            x_request_id=x_request_id,
        )
    ).parsed
