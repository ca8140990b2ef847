"""The diagnostic test across services: identity's events decide who may read a result."""

from __future__ import annotations

import time
from typing import Any

import httpx

from tests.conftest import Platform
from tests.support.auth import bearer

SUPERVISOR = "ona.petraitiene@demo.dla.lt"
SHARING_REPORT = "andrius.zilinskas@demo.dla.lt"  # the demo profile shares results
PRIVATE_REPORT = "greta.paulauskaite@demo.dla.lt"  # the demo profile does not
HR_OF_ANOTHER_MINISTRY = "egle.stankeviciene@demo.dla.lt"


def some_answer(item: dict[str, Any]) -> dict[str, Any]:
    """A well-formed answer to a served item, right or wrong."""
    keys = [option["key"] for option in item["options"]]
    shape = item["interaction"] or item["type"]
    if shape == "single_choice":
        return {"choice": keys[0]}
    if shape == "multiple_response":
        return {"choices": keys[:1]}
    if shape == "ordering":
        return {"order": keys}
    return {"matches": dict.fromkeys(keys, item["categories"][0]["key"])}


def take_a_short_test(http: httpx.Client, headers: dict[str, str]) -> dict[str, Any]:
    """Start, answer three items and finish; the result."""
    started = http.post("/api/assessment/sessions", json={"language": "lt"}, headers=headers)
    assert started.status_code == 201, started.text
    session_id = started.json()["id"]
    for _ in range(3):
        current = http.get(f"/api/assessment/sessions/{session_id}/current", headers=headers).json()
        assert current["item"]["language"] == "lt"
        body = {"item_id": current["item"]["id"], "answer": some_answer(current["item"])}
        answered = http.put(
            f"/api/assessment/sessions/{session_id}/responses/{current['position']}",
            json=body,
            headers=headers,
        )
        assert answered.status_code == 200, answered.text
    finished = http.post(f"/api/assessment/sessions/{session_id}/finish", headers=headers)
    assert finished.status_code == 200, finished.text
    result: dict[str, Any] = finished.json()
    return result


def results_seen_by(http: httpx.Client, headers: dict[str, str], person_id: str) -> httpx.Response:
    return http.get(f"/api/assessment/people/{person_id}/results", headers=headers)


def test_a_supervisor_reads_a_result_only_when_the_report_shares_it(platform: Platform) -> None:
    as_supervisor = bearer(platform.url, SUPERVISOR)
    as_other_hr = bearer(platform.url, HR_OF_ANOTHER_MINISTRY)
    with httpx.Client(base_url=platform.url, timeout=30) as http:
        sharing, private = bearer(platform.url, SHARING_REPORT), bearer(platform.url, PRIVATE_REPORT)
        sharing_id = http.get("/api/identity/me", headers=sharing).json()["id"]
        private_id = http.get("/api/identity/me", headers=private).json()["id"]
        shared_result = take_a_short_test(http, sharing)
        private_result = take_a_short_test(http, private)
        assert http.get(f"/api/assessment/results/{shared_result['id']}", headers=sharing).status_code == 200

        # Who supervises whom and who shares reach assessment as identity's events: wait for them.
        deadline = time.monotonic() + 30
        while (seen := results_seen_by(http, as_supervisor, sharing_id)).status_code == 404:
            assert time.monotonic() < deadline, "identity's events did not reach assessment"
            time.sleep(0.5)
        assert seen.status_code == 200, seen.text
        assert [r["id"] for r in seen.json()["items"]] == [shared_result["id"]]

        assert results_seen_by(http, as_supervisor, private_id).status_code == 404
        assert results_seen_by(http, as_other_hr, sharing_id).status_code == 404
        # The result itself is the person's own, whoever else asks for it.
        for result in (shared_result, private_result):
            assert (
                http.get(f"/api/assessment/results/{result['id']}", headers=as_supervisor).status_code == 404
            )
