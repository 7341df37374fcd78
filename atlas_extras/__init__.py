"""Atlas Control Plane SDK: typed sync and async clients over the generated client.

```python
from atlas_extras import ControlPlaneClient

async with ControlPlaneClient(base_url="http://control-plane:8000", api_key="...") as client:
    classes = await client.list_agent_classes(limit=100)
```
"""

from ._call import AUTO, RequestOptions
from .clients import ControlPlaneClient, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient
from .errors import (
    AtlasAPIError,
    AtlasAuthenticationError,
    AtlasAuthorizationError,
    AtlasBadRequestError,
    AtlasConflictError,
    AtlasConnectionError,
    AtlasError,
    AtlasNotFoundError,
    AtlasRateLimitError,
    AtlasRequestError,
    AtlasRequestTimeoutError,
    AtlasResponseValidationError,
    AtlasServerError,
    AtlasTimeoutError,
    AtlasValidationError,
    AtlasWaitFailedError,
    AtlasWaitTimeoutError,
    FieldError,
)
from .pages import Page
from .pagination import PaginationState, paginate, paginate_sync
from .retries import RetryPolicy

__all__ = [
    "AUTO",
    "AtlasAPIError",
    "AtlasAuthenticationError",
    "AtlasAuthorizationError",
    "AtlasBadRequestError",
    "AtlasConflictError",
    "AtlasConnectionError",
    "AtlasError",
    "AtlasNotFoundError",
    "AtlasRateLimitError",
    "AtlasRequestError",
    "AtlasRequestTimeoutError",
    "AtlasResponseValidationError",
    "AtlasServerError",
    "AtlasTimeoutError",
    "AtlasValidationError",
    "AtlasWaitFailedError",
    "AtlasWaitTimeoutError",
    "ControlPlaneClient",
    "FieldError",
    "Page",
    "PaginationState",
    "RequestOptions",
    "RetryPolicy",
    "SyncControlPlaneClient",
    "SyncWorkflowClient",
    "WorkflowClient",
    "paginate",
    "paginate_sync",
]
