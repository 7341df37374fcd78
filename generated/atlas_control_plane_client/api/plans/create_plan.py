from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.plan_create import PlanCreate
from ...models.plan_create_response import PlanCreateResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    deployment_id: UUID,
    *,
    body: PlanCreate,
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
        "url": "/api/v1/deployments/{deployment_id}/plans".format(
            deployment_id=quote(str(deployment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | PlanCreateResponse | None:
    if response.status_code == 201:
        response_201 = PlanCreateResponse.from_dict(response.json())

        return response_201

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
) -> Response[HTTPError | HTTPValidationError | PlanCreateResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    deployment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | PlanCreateResponse]:
    """Create a plan

     Creates a plan, with its initial tasks, in a deployment. It starts `DRAFT`, or `ACTIVE` when it has
    tasks. Send `Idempotency-Key` to make a retry safe.

    Args:
        deployment_id (UUID):
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (PlanCreate): A new plan for a deployment: a goal and the tasks that reach it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | PlanCreateResponse]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        body=body,
        x_request_id=x_request_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deployment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | PlanCreateResponse | None:
    """Create a plan

     Creates a plan, with its initial tasks, in a deployment. It starts `DRAFT`, or `ACTIVE` when it has
    tasks. Send `Idempotency-Key` to make a retry safe.

    Args:
        deployment_id (UUID):
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (PlanCreate): A new plan for a deployment: a goal and the tasks that reach it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | PlanCreateResponse
    """

    return sync_detailed(
        deployment_id=deployment_id,
        client=client,
        body=body,
        x_request_id=x_request_id,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    deployment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[HTTPError | HTTPValidationError | PlanCreateResponse]:
    """Create a plan

     Creates a plan, with its initial tasks, in a deployment. It starts `DRAFT`, or `ACTIVE` when it has
    tasks. Send `Idempotency-Key` to make a retry safe.

    Args:
        deployment_id (UUID):
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (PlanCreate): A new plan for a deployment: a goal and the tasks that reach it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | PlanCreateResponse]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        body=body,
        x_request_id=x_request_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deployment_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanCreate,
    x_request_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> HTTPError | HTTPValidationError | PlanCreateResponse | None:
    """Create a plan

     Creates a plan, with its initial tasks, in a deployment. It starts `DRAFT`, or `ACTIVE` when it has
    tasks. Send `Idempotency-Key` to make a retry safe.

    Args:
        deployment_id (UUID):
        x_request_id (str | Unset):
        idempotency_key (str | Unset):
        body (PlanCreate): A new plan for a deployment: a goal and the tasks that reach it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | PlanCreateResponse
    """

    return (
        await asyncio_detailed(
            deployment_id=deployment_id,
            client=client,
            body=body,
            x_request_id=x_request_id,
            idempotency_key=idempotency_key,
        )
    ).parsed
