"""Gateway settings (`DLA_GATEWAY_*`, plus the shared `DLA_*`)."""

from __future__ import annotations

from pydantic import field_validator
from pydantic_settings import SettingsConfigDict

from kit.embedded import repo_root
from kit.settings import AuthSettings, Environment, common

DEFAULT_UPSTREAMS = {
    "identity": "http://127.0.0.1:8101",
    "assessment": "http://127.0.0.1:8102",
    "pathways": "http://127.0.0.1:8103",
    "catalog": "http://127.0.0.1:8104",
}


class GatewaySettings(AuthSettings):
    """Settings of the gateway (it verifies access tokens too, hence the shared `DLA_AUTH_*`)."""

    model_config = SettingsConfigDict(env_prefix="DLA_GATEWAY_", extra="ignore", populate_by_name=True)

    environment: Environment = common("environment", "development")
    log_format: str = common("log_format", "json")
    log_level: str = common("log_level", "INFO")
    max_body_bytes: int = common("max_body_bytes", 1024 * 1024)

    port: int = 8000
    upstreams: dict[str, str] = DEFAULT_UPSTREAMS
    timeout_seconds: float = 10.0
    connect_timeout_seconds: float = 2.0
    retry_after_seconds: int = 5
    max_connections: int = 200
    cors_origins: list[str] = []
    spa_dir: str = ""
    openapi_cache_seconds: float = 30.0

    @field_validator("upstreams")
    @classmethod
    def _strip_slashes(cls, value: dict[str, str]) -> dict[str, str]:
        return {name: url.rstrip("/") for name, url in value.items()}

    @property
    def jwks_url(self) -> str:
        """Identity's JWKS: the setting, or the identity upstream's own."""
        return self.auth_jwks_url or f"{self.upstreams['identity']}/.well-known/jwks.json"

    @property
    def spa_path(self) -> str:
        """Where the built SPA is: the setting, or frontend/dist in this checkout."""
        return self.spa_dir or str(repo_root() / "frontend" / "dist")
