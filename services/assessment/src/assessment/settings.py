"""Assessment settings (`DLA_ASSESSMENT_*`, plus the shared `DLA_*`)."""

from typing import ClassVar

from kit.settings import ServiceSettings, settings_config


class AssessmentSettings(ServiceSettings):
    """Settings of the assessment service."""

    service: ClassVar[str] = "assessment"
    model_config = settings_config("assessment")
