from enum import StrEnum


class AgentInstanceStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"
    SPAWNING = "spawning"

    def __str__(self) -> str:
        return str(self.value)
