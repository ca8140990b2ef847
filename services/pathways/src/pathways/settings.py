"""Pathways settings (`DLA_PATHWAYS_*`, plus the shared `DLA_*`)."""

from typing import ClassVar

from kit.settings import ServiceSettings, settings_config


class PathwaysSettings(ServiceSettings):
    """Settings of the pathways service."""

    service: ClassVar[str] = "pathways"
    model_config = settings_config("pathways")
