"""Atlas Control Plane SDK: typed sync and async clients over the generated client.

```python
from atlas_extras import ControlPlaneClient

async with ControlPlaneClient(base_url="http://control-plane:8000", api_key="...") as client:
    classes = await client.list_agent_classes(limit=100)
```

Every name below is imported on first use (PEP 562), so that `import atlas_extras` loads only this
module and the logging set-up (`ATLAS_LOG`, credential masking); the clients, the errors and the rest
load with the first name that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._lazy import lazy_exports as _lazy_exports
from ._logs import configure_from_environment as _configure_logging

if TYPE_CHECKING:
    from ._call import AUTO, RequestOptions
    from ._raw import RawResponse
    from ._version import __version__ as __version__
    from .clients import ControlPlaneClient, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient
    from .errors import (
        AtlasAPIError,
        AtlasAuthenticationError,
        AtlasAuthorizationError,
        AtlasBadRequestError,
        AtlasClientClosedError,
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
    from .pagination import AtlasPaginationError, PaginationState, paginate, paginate_sync
    from .retries import RetryPolicy

#: Each public name and the module that defines it: add a name here (and to `__all__`) to export it.
_EXPORTS: dict[str, str] = {
    "AUTO": "._call",
    "RequestOptions": "._call",
    "__version__": "._version",
    "ControlPlaneClient": ".clients",
    "SyncControlPlaneClient": ".clients",
    "SyncWorkflowClient": ".clients",
    "WorkflowClient": ".clients",
    "AtlasAPIError": ".errors",
    "AtlasAuthenticationError": ".errors",
    "AtlasAuthorizationError": ".errors",
    "AtlasBadRequestError": ".errors",
    "AtlasClientClosedError": ".errors",
    "AtlasConflictError": ".errors",
    "AtlasConnectionError": ".errors",
    "AtlasError": ".errors",
    "AtlasNotFoundError": ".errors",
    "AtlasRateLimitError": ".errors",
    "AtlasRequestError": ".errors",
    "AtlasRequestTimeoutError": ".errors",
    "AtlasResponseValidationError": ".errors",
    "AtlasServerError": ".errors",
    "AtlasTimeoutError": ".errors",
    "AtlasValidationError": ".errors",
    "AtlasWaitFailedError": ".errors",
    "AtlasWaitTimeoutError": ".errors",
    "FieldError": ".errors",
    "Page": ".pages",
    "RawResponse": "._raw",
    "AtlasPaginationError": ".pagination",
    "PaginationState": ".pagination",
    "paginate": ".pagination",
    "paginate_sync": ".pagination",
    "RetryPolicy": ".retries",
}

__all__ = [
    "AUTO",
    "AtlasAPIError",
    "AtlasAuthenticationError",
    "AtlasAuthorizationError",
    "AtlasBadRequestError",
    "AtlasClientClosedError",
    "AtlasConflictError",
    "AtlasConnectionError",
    "AtlasError",
    "AtlasNotFoundError",
    "AtlasPaginationError",
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
    "RawResponse",
    "RequestOptions",
    "RetryPolicy",
    "SyncControlPlaneClient",
    "SyncWorkflowClient",
    "WorkflowClient",
    "paginate",
    "paginate_sync",
]

# Read once, now: `ATLAS_LOG`, and credentials masked in every record of the SDK's and httpx's loggers.
_configure_logging()


__getattr__: Callable[[str], Any]
__dir__: Callable[[], list[str]]
__getattr__, __dir__ = _lazy_exports(__name__, _EXPORTS)
