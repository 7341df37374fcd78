from enum import StrEnum


class PlanTaskStatus(StrEnum):
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    IN_PROGRESS = "IN_PROGRESS"
    PENDING = "PENDING"
    SKIPPED = "SKIPPED"

    def __str__(self) -> str:
        return str(self.value)
