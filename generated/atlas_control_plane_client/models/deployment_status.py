from enum import StrEnum


class DeploymentStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"
    SPAWNING = "spawning"

    def __str__(self) -> str:
        return str(self.value)
