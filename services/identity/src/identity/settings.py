"""Identity settings (`DLA_IDENTITY_*`, plus the shared `DLA_*`)."""

from typing import ClassVar

from kit.settings import ServiceSettings, settings_config


class IdentitySettings(ServiceSettings):
    """Settings of the identity service."""

    service: ClassVar[str] = "identity"
    model_config = settings_config("identity")
