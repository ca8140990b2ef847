from typing import ClassVar

import pytest
from pydantic import ValidationError

from kit.provision import service_url
from kit.settings import DEVELOPMENT_WEBHOOK_SECRET, ServiceSettings, settings_config


class DemoSettings(ServiceSettings):
    service: ClassVar[str] = "demo"
    model_config = settings_config("demo")


def test_service_settings_read_their_prefix_and_the_shared_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLA_DEMO_DATABASE_URL", "postgresql+psycopg://u@h:5432/d")
    monkeypatch.setenv("DLA_LOG_FORMAT", "text")
    monkeypatch.setenv(
        "DLA_DEMO_EVENT_SUBSCRIBERS", '[{"name":"p","url":"http://p/events","events":["a.*"]}]'
    )
    settings = DemoSettings()
    assert settings.database_url == "postgresql+psycopg://u@h:5432/d"
    assert settings.log_format == "text"
    assert settings.event_subscribers[0].events == ["a.*"]
    assert settings.db_schema == "demo"


def test_default_database_url_uses_the_services_own_role() -> None:
    assert DemoSettings().database_url == "postgresql+psycopg://dla_demo@127.0.0.1:5432/dla"


def test_production_refuses_the_development_webhook_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLA_ENVIRONMENT", "production")
    assert (
        DemoSettings(webhook_secret="whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==").environment
        == "production"
    )
    with pytest.raises(ValidationError, match="DLA_WEBHOOK_SECRET"):
        DemoSettings(webhook_secret=DEVELOPMENT_WEBHOOK_SECRET)


@pytest.mark.parametrize("secret", ["REPLACE_ME", "whsec_", "whsec_c2hvcnQ=", "whsec_!!!not-base64!!!"])
def test_unusable_webhook_secrets_are_refused_at_start_up(secret: str) -> None:
    with pytest.raises(ValidationError, match="DLA_WEBHOOK_SECRET"):
        DemoSettings(webhook_secret=secret)


def test_malformed_subscribers_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLA_DEMO_EVENT_SUBSCRIBERS", '[{"name":"p"}]')
    with pytest.raises(ValidationError):
        DemoSettings()


def test_service_url_over_tcp_and_over_a_unix_socket() -> None:
    tcp = service_url(
        "postgresql://postgres:pw@db.local:6543/postgres?sslmode=require", "catalog", "s3cr/t", database="dla"
    )
    assert tcp == "postgresql+psycopg://dla_catalog:s3cr%2Ft@db.local:6543/dla?sslmode=require"
    socket = service_url(
        "postgresql://postgres:@/postgres?host=/work/x/.dla/pgdata", "identity", None, database="dla"
    )
    assert socket == "postgresql+psycopg://dla_identity@/dla?host=/work/x/.dla/pgdata"
