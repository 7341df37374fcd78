from enum import StrEnum


class PlanStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CANCELLED = "CANCELLED"
    COMPLETED = "COMPLETED"
    DRAFT = "DRAFT"
    FAILED = "FAILED"

    def __str__(self) -> str:
        return str(self.value)
