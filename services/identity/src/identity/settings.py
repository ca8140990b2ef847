"""Identity settings (`DLA_IDENTITY_*`, plus the shared `DLA_*`)."""

from typing import ClassVar

from pydantic import Field

from kit.settings import ServiceSettings, settings_config


class IdentitySettings(ServiceSettings):
    """Settings of the identity service."""

    service: ClassVar[str] = "identity"
    model_config = settings_config("identity")

    # Tokens and sessions.
    access_token_seconds: int = Field(600, ge=60, le=3600)
    id_token_seconds: int = Field(600, ge=60, le=3600)
    refresh_token_seconds: int = Field(14 * 24 * 3600, ge=3600, le=90 * 24 * 3600)
    authorization_code_seconds: int = Field(60, ge=10, le=600)
    session_seconds: int = Field(12 * 3600, ge=300, le=30 * 24 * 3600)
    session_cookie_name: str = "dla_session"
    session_cookie_secure: bool = False
    # Key rotation: a new key is published this long before it signs, and a retired key stays in
    # the JWKS until every token it signed has expired.
    key_rotation_days: int = Field(30, ge=1, le=365)

    # The SPA: a public client (authorization code + PKCE).
    spa_client_id: str = "dla-spa"
    spa_redirect_uris: list[str] = [
        "http://127.0.0.1:8000/auth/callback",
        "http://localhost:8000/auth/callback",
    ]
    spa_post_logout_redirect_uris: list[str] = ["http://127.0.0.1:8000/", "http://localhost:8000/"]
    public_base_url: str = "http://127.0.0.1:8000"

    # Passwords and throttling.
    argon2_time_cost: int = Field(2, ge=1, le=10)
    argon2_memory_kib: int = Field(19 * 1024, ge=8 * 1024, le=1024 * 1024)
    argon2_parallelism: int = Field(1, ge=1, le=8)
    password_min_length: int = Field(8, ge=8, le=64)
    password_max_length: int = Field(128, ge=64, le=1024)
    lockout_threshold: int = Field(10, ge=3, le=100)
    lockout_seconds: int = Field(15 * 60, ge=60, le=24 * 3600)
    ip_failure_threshold: int = Field(50, ge=10, le=10000)
    failure_window_seconds: int = Field(15 * 60, ge=60, le=24 * 3600)
    captcha_after_failures: int = Field(3, ge=1, le=100)

    # ALTCHA proof of work; an empty key is replaced by a per-process random one in development.
    altcha_hmac_key: str = ""
    altcha_max_number: int = Field(100_000, ge=1000, le=10_000_000)

    # Outgoing e-mail: SMTP when `smtp_url` is set, otherwise files in `dev_mailbox_dir`.
    smtp_url: str = ""
    mail_from: str = "DLA <no-reply@dla.local>"
    dev_mailbox_dir: str = ".dla/mailbox"

    # Federation with one upstream OpenID Connect provider (the national e-ID gateway).
    federation_issuer: str = ""
    federation_client_id: str = ""
    federation_client_secret: str = ""
    federation_name: str = "e-ID"

    # Demo data (`make run`): the demo HR system's client secret (the launcher keeps one in
    # .dla/secrets.json) and the password every demo person shares.
    demo_hr_client_secret: str = ""
    demo_password: str = "Demo-2026-dla"  # noqa: S105 - a documented demo login, never production data
