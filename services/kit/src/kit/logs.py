"""Structured logs: JSON lines (or readable text for the local run), with the request id."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

from kit.context import request_id_var


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        return True


def configure_logging(service: str, *, fmt: str = "json", level: str = "INFO") -> None:
    """Send this process's logs to stdout as JSON or text; idempotent."""
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_RequestIdFilter())
    if fmt == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                static_fields={"service": service},
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(levelname)-7s %(name)s [%(request_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Our own middleware writes one access line per request; uvicorn's would repeat it.
    logging.getLogger("uvicorn.access").disabled = True
    # Every outgoing call would otherwise log a line; failures are logged by their callers.
    logging.getLogger("httpx").setLevel(logging.WARNING)
