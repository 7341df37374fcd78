"""The Atlas dashboard: health, true resource counts and the newest items, loaded concurrently.

```python
data = await fetch_dashboard(client)                      # ControlPlaneClient
data = fetch_dashboard_sync(sync_client, runner)          # SyncControlPlaneClient, on a ThreadRunner
data = await fetch_dashboard(client, timeout=10)          # a deadline for the whole load
print(data.agent_class_count, data.errors)
```

The `atlas-dashboard` command (`atlas_extras.dashboard.cli`) shows it, and runs the concurrency patterns.
"""

from ._data import SECTIONS, DashboardData, fetch_dashboard, fetch_dashboard_sync
from ._render import format_dashboard
from ._rounds import DashboardTimeoutError

__all__ = [
    "SECTIONS",
    "DashboardData",
    "DashboardTimeoutError",
    "fetch_dashboard",
    "fetch_dashboard_sync",
    "format_dashboard",
]
