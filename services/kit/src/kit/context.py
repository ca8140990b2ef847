"""Per-request context shared by logging, problems and outgoing calls."""

from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
