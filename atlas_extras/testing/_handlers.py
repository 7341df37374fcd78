"""One handler per operationId of the contract, over the in-memory `State`: the registry `HANDLERS`.

`_handling` holds what handlers share, `_crud` the table-driven stored resources, `_runtime` the resources whose
statuses move on their own and the system operations; importing those two fills the registry.
"""

from __future__ import annotations

from . import _crud, _runtime  # noqa: F401  (they register their handlers)
from ._handling import HANDLERS, SEED_NAMESPACE, ApiError, Call, Handler, MissingReference, Reply

__all__ = ["HANDLERS", "SEED_NAMESPACE", "ApiError", "Call", "Handler", "MissingReference", "Reply"]
