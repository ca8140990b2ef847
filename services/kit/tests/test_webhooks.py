import json
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from kit.events.dispatcher import backoff, envelope, signed_headers
from kit.events.outbox import matches
from kit.settings import DEVELOPMENT_WEBHOOK_SECRET


def test_signed_headers_verify_with_the_standard_library_and_fail_when_tampered() -> None:
    body = envelope("catalog.item.retired", datetime(2026, 11, 22, tzinfo=UTC), {"id": "42"})
    headers = signed_headers(DEVELOPMENT_WEBHOOK_SECRET, "evt-1", body)
    parsed = Webhook(DEVELOPMENT_WEBHOOK_SECRET).verify(body, headers)
    assert parsed == {
        "type": "catalog.item.retired",
        "timestamp": "2026-11-22T00:00:00+00:00",
        "data": {"id": "42"},
    }
    with pytest.raises(WebhookVerificationError):
        Webhook(DEVELOPMENT_WEBHOOK_SECRET).verify(body.replace("42", "43"), headers)
    other = "whsec_" + "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldCE="
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(body, headers)


def test_envelope_is_canonical_json() -> None:
    body = envelope("x.y", datetime(2026, 1, 1, tzinfo=UTC), {"b": 1, "a": 2})
    assert body == json.dumps(json.loads(body), separators=(",", ":"), sort_keys=True)


@pytest.mark.parametrize(
    ("attempts", "low", "high"), [(1, 1.6, 2.4), (2, 3.2, 4.8), (5, 25.6, 38.4), (30, 2880, 4320)]
)
def test_backoff_grows_exponentially_and_is_capped(attempts: int, low: float, high: float) -> None:
    for _ in range(20):
        assert low <= backoff(attempts).total_seconds() <= high


def test_subscription_patterns() -> None:
    assert matches("catalog.item.retired", ["catalog.item.*"])
    assert matches("catalog.item.retired", ["identity.*", "*"])
    assert not matches("catalog.workshop.created", ["catalog.item.*"])
    assert not matches("catalog.item.retired", [])
