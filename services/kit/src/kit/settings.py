"""Settings base: every service reads `DLA_`-prefixed environment variables."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AliasChoices, BaseModel, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Refused outside development: a real deployment must set its own secret.
DEVELOPMENT_WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"dla-development-only-secret!!").decode()

Environment = Literal["development", "test", "production"]


class SubscriberConfig(BaseModel):
    """An internal webhook subscriber declared in configuration."""

    name: str = Field(min_length=1, max_length=64)
    url: str = Field(min_length=1, max_length=2000)
    events: list[str] = Field(min_length=1)


def common(name: str, default: Any, **constraints: Any) -> Any:
    """A field shared by every process, read from `DLA_<NAME>` without a service prefix."""
    return Field(default, validation_alias=AliasChoices(f"DLA_{name.upper()}"), **constraints)


class AuthSettings(BaseSettings):
    """How access tokens are verified: shared by every service and the gateway (`DLA_AUTH_*`)."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    auth_issuer: str = common("auth_issuer", "http://127.0.0.1:8000")
    auth_audience: str = common("auth_audience", "dla-api")
    # Empty: the issuer's own `/.well-known/jwks.json` (the gateway: identity's upstream URL).
    auth_jwks_url: str = common("auth_jwks_url", "")
    # Clock skew tolerated on exp/iat/nbf; bounded so a setting cannot make tokens live for long.
    auth_leeway_seconds: int = common("auth_leeway_seconds", 30, ge=0, le=120)
    jwks_cache_seconds: float = common("jwks_cache_seconds", 300.0, gt=0, le=86400)
    # An unknown `kid` refetches the JWKS at most once per this interval (forged kids cannot
    # hammer identity).
    jwks_min_refetch_seconds: float = common("jwks_min_refetch_seconds", 10.0, ge=0, le=3600)


class ServiceSettings(AuthSettings):
    """Settings of one service; subclasses set `service` and the `DLA_<SERVICE>_` prefix."""

    service: ClassVar[str]
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    environment: Environment = common("environment", "development")
    log_format: Literal["json", "text"] = common("log_format", "json")
    log_level: str = common("log_level", "INFO")
    webhook_secret: str = common("webhook_secret", DEVELOPMENT_WEBHOOK_SECRET)
    max_body_bytes: int = common("max_body_bytes", 1024 * 1024)

    database_url: str = ""
    db_pool_size: int = 5
    event_subscribers: Annotated[list[SubscriberConfig], NoDecode] = []
    dispatch_enabled: bool = True
    dispatch_interval_seconds: float = 1.0
    delivery_timeout_seconds: float = 10.0
    delivery_max_attempts: int = 12

    @field_validator("event_subscribers", mode="before")
    @classmethod
    def _parse_subscribers(cls, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value.strip() else []
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_is_usable(cls, value: str) -> str:
        # Fail at start-up, not at the first delivery, when the secret cannot sign anything.
        if not value.startswith("whsec_"):
            raise ValueError("DLA_WEBHOOK_SECRET must look like whsec_<base64>")
        try:
            key = base64.b64decode(value.removeprefix("whsec_") + "==", validate=False)
        except ValueError as exc:
            raise ValueError("DLA_WEBHOOK_SECRET is not valid base64 after whsec_") from exc
        if len(key) < 24:
            raise ValueError("DLA_WEBHOOK_SECRET must hold at least 24 random bytes")
        return value

    @model_validator(mode="after")
    def _defaults_and_secrets(self) -> ServiceSettings:
        if not self.database_url:
            self.database_url = f"postgresql+psycopg://dla_{self.service}@127.0.0.1:5432/dla"
        if not self.auth_jwks_url:
            self.auth_jwks_url = self.auth_issuer.rstrip("/") + "/.well-known/jwks.json"
        if self.environment == "production" and self.webhook_secret == DEVELOPMENT_WEBHOOK_SECRET:
            raise ValueError("DLA_WEBHOOK_SECRET must be set outside development")
        return self

    @property
    def db_schema(self) -> str:
        """The PostgreSQL schema this service owns."""
        return self.service


def settings_config(service: str) -> SettingsConfigDict:
    """The pydantic-settings config for a service: `DLA_<SERVICE>_` prefix."""
    return SettingsConfigDict(env_prefix=f"DLA_{service.upper()}_", extra="ignore", populate_by_name=True)
