"""API shapes of the privacy requests."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ErasureRequest(BaseModel):
    """Erasure cannot be undone, so it must be confirmed explicitly."""

    model_config = ConfigDict(extra="forbid")

    confirm: Literal[True] = Field(description="Must be `true`.")
