from enum import StrEnum


class ExecutionMode(StrEnum):
    EPHEMERAL = "ephemeral"
    STATEFUL = "stateful"

    def __str__(self) -> str:
        return str(self.value)
