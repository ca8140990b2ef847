"""The shared `DLA_AUTH_*` settings: read without a service prefix, defaulted, bounded."""

from __future__ import annotations

from typing import ClassVar

import pytest
from pydantic import ValidationError

from kit.settings import ServiceSettings, settings_config


class DemoSettings(ServiceSettings):
    service: ClassVar[str] = "demo"
    model_config = settings_config("demo")


def test_defaults_work_for_the_local_run() -> None:
    settings = DemoSettings()
    assert settings.auth_issuer == "http://127.0.0.1:8000"
    assert settings.auth_audience == "dla-api"
    assert settings.auth_jwks_url == "http://127.0.0.1:8000/.well-known/jwks.json"
    assert settings.auth_leeway_seconds == 30
    assert settings.jwks_cache_seconds == 300
    assert settings.jwks_min_refetch_seconds == 10


def test_auth_settings_are_shared_variables_without_a_service_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLA_AUTH_ISSUER", "https://dla.example.gov/")
    monkeypatch.setenv("DLA_AUTH_AUDIENCE", "dla-test")
    monkeypatch.setenv("DLA_AUTH_LEEWAY_SECONDS", "5")
    monkeypatch.setenv("DLA_JWKS_CACHE_SECONDS", "60")
    monkeypatch.setenv("DLA_JWKS_MIN_REFETCH_SECONDS", "2.5")
    monkeypatch.setenv("DLA_DEMO_AUTH_AUDIENCE", "ignored")  # not a per-service setting

    settings = DemoSettings()

    assert settings.auth_issuer == "https://dla.example.gov/"
    assert settings.auth_jwks_url == "https://dla.example.gov/.well-known/jwks.json"
    assert settings.auth_audience == "dla-test"
    assert (settings.auth_leeway_seconds, settings.jwks_cache_seconds) == (5, 60)
    assert settings.jwks_min_refetch_seconds == 2.5


def test_an_explicit_jwks_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLA_AUTH_JWKS_URL", "http://identity:8101/.well-known/jwks.json")
    assert DemoSettings().auth_jwks_url == "http://identity:8101/.well-known/jwks.json"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DLA_AUTH_LEEWAY_SECONDS", "-1"),
        ("DLA_AUTH_LEEWAY_SECONDS", "121"),
        ("DLA_JWKS_CACHE_SECONDS", "0"),
        ("DLA_JWKS_MIN_REFETCH_SECONDS", "-5"),
    ],
)
def test_out_of_bounds_values_are_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError, match=variable):
        DemoSettings()


def test_the_leeway_bounds_themselves_are_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("0", "120"):
        monkeypatch.setenv("DLA_AUTH_LEEWAY_SECONDS", value)
        assert DemoSettings().auth_leeway_seconds == int(value)
