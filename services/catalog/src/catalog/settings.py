"""Catalog settings (`DLA_CATALOG_*`, plus the shared `DLA_*`)."""

from typing import ClassVar

from kit.settings import ServiceSettings, settings_config


class CatalogSettings(ServiceSettings):
    """Settings of the catalog service."""

    service: ClassVar[str] = "catalog"
    model_config = settings_config("catalog")
