"""Domain errors: the only exceptions services raise on purpose.

    DomainError                 500 internal_error    base; never raised directly
    ├── ValidationFailed        422 validation_error  input breaks a rule; names the field
    ├── NotFound                404 not_found         a referenced record does not exist
    ├── Conflict                409 conflict          state forbids the change (already decided…)
    │   └── DuplicateRequest    409 duplicate         idempotency key reused with other content
    ├── PermissionDenied        403 forbidden         the actor may not do this
    └── NotAuthenticated        401 not_authenticated no acting user

Edges map them: the API to an HTTP status with {"error": {code, message, field}},
the CLI to an exit code (2 for validation, 1 otherwise) and the pages to a message.
"""

from typing import ClassVar


class DomainError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "field": self.field}


class ValidationFailed(DomainError):
    status = 422
    code = "validation_error"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class DuplicateRequest(Conflict):
    code = "duplicate"


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"
