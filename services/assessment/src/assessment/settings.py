"""Assessment settings (`DLA_ASSESSMENT_*`, plus the shared `DLA_*`)."""

import dataclasses
from typing import ClassVar

from pydantic import Field

from assessment.engine.model import EngineConfig
from kit.settings import ServiceSettings, settings_config


class AssessmentSettings(ServiceSettings):
    """Settings of the assessment service."""

    service: ClassVar[str] = "assessment"
    model_config = settings_config("assessment")

    # Days after a finished test before the same person may start another (their history is kept).
    retake_cooldown_days: int = Field(30, ge=0, le=3650)
    # The adaptive test stops when every area is this precise (standard error of θ) ...
    se_target: float = Field(0.35, ge=0.1, le=1.0)
    # ... or after this many items, whichever comes first; each session keeps the values it began with.
    max_items: int = Field(40, ge=5, le=120)

    def engine_config(self, areas: tuple[str, ...]) -> EngineConfig:
        """The engine configuration a new session starts with."""
        defaults = EngineConfig(areas=areas)
        return dataclasses.replace(
            defaults,
            se_target=self.se_target,
            max_items=self.max_items,
            min_items=min(defaults.min_items, self.max_items),
        )
