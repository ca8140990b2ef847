"""The editorial workflow, versions, and who may see and change which items."""

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem, LearningItemVersion
from catalog.items.schemas import ItemCreate
from catalog.items.service import upsert_by_external_id
from catalog.items.workflow import publish_now
from kit.auth import Principal
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.items import bearer, content_of, create, item_payload, ministry, publish, published_item


async def outbox(session: AsyncSession) -> list[tuple[str, dict[str, Any]]]:
    rows = await session.execute(
        select(events.outbox.c.type, events.outbox.c.payload).order_by(events.outbox.c.occurred_at)
    )
    return [(t, p) for t, p in rows]


async def versions(session: AsyncSession, item_id: str) -> int:
    found = await session.scalar(
        select(func.count()).where(LearningItemVersion.item_id == uuid.UUID(item_id))
    )
    return found or 0


def change(item: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**content_of(item), "base_version": item["version"], **fields}


async def test_an_item_goes_from_draft_through_review_to_published_and_retired(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = await create(client)
    path = f"/items/{item['id']}"
    for step, expected in (("submit", "in_review"), ("publish", "published"), ("retire", "retired")):
        moved = await client.post(f"{path}/{step}")
        assert moved.status_code == 200, moved.text
        again = await client.post(f"{path}/{step}")
        assert again.json() == moved.json()
        assert moved.json()["status"] == expected
    history = (await client.get(f"{path}/versions")).json()
    assert [(v["version"], v["status"]) for v in history] == [
        (1, "draft"),
        (2, "in_review"),
        (3, "published"),
        (4, "retired"),
    ]
    sent = await outbox(db_session)
    assert [t for t, _ in sent] == ["catalog.item.published", "catalog.item.retired"]
    published = sent[0][1]
    assert (published["id"], published["status"], published["version"]) == (item["id"], "published", 3)
    assert {"slug", "kind", "title", "languages", "competences", "level_min", "level_max"} <= set(published)
    assert sent[1][1]["status"] == "retired"


async def test_transitions_out_of_order_are_conflicts_and_change_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = await create(client)
    path = f"/items/{item['id']}"
    problem(await client.post(f"{path}/publish"), 409, "conflict")
    await publish(client, item["id"])
    problem(await client.post(f"{path}/request-changes", json={"note": "Shorter."}), 409, "conflict")
    problem(await client.post(f"{path}/submit"), 409, "conflict")
    await client.post(f"{path}/retire")
    for step in ("submit", "publish"):
        problem(await client.post(f"{path}/{step}"), 409, "conflict")
    retired = (await client.get(path)).json()
    problem(await client.put(path, json=change(retired, duration_minutes=5)), 409, "conflict")
    assert (await client.get(path)).json() == retired
    assert await versions(db_session, item["id"]) == 4


async def test_a_reviewer_sends_an_item_back_with_a_note(client: httpx.AsyncClient) -> None:
    item = await create(client)
    path = f"/items/{item['id']}"
    await client.post(f"{path}/submit")
    problem(await client.post(f"{path}/request-changes", json={}), 422, "validation")
    problem(await client.post(f"{path}/request-changes", json={"note": "<b>no</b>"}), 422, "validation")
    back = await client.post(f"{path}/request-changes", json={"note": "Add an example for ministries."})
    assert back.json()["status"] == "draft"
    latest = (await client.get(f"{path}/versions/3")).json()
    assert (latest["status"], latest["note"]) == ("draft", "Add an example for ministries.")


async def test_the_review_queue_lists_items_in_review(client: httpx.AsyncClient) -> None:
    waiting = await create(client, "waiting-item")
    await create(client, "draft-item")
    await client.post(f"/items/{waiting['id']}/submit")
    queue = (await client.get("/items", params={"status": "in_review"})).json()
    assert [i["slug"] for i in queue["items"]] == ["waiting-item"]


async def test_submitting_needs_title_and_summary_in_both_languages(client: httpx.AsyncClient) -> None:
    item = await create(client, title={"en": "English only"})
    refused = problem(await client.post(f"/items/{item['id']}/submit"), 422, "validation")
    assert "title (lt)" in refused["detail"]
    assert (await client.get(f"/items/{item['id']}")).json()["status"] == "draft"


async def test_a_change_is_a_new_version_and_the_previous_one_is_kept(client: httpx.AsyncClient) -> None:
    item = await create(client)
    path = f"/items/{item['id']}"
    new_title = {"en": "Spreadsheets for everyone", "lt": "Skaičiuoklės visiems"}
    changed = await client.put(path, json=change(item, title=new_title, note="Friendlier title"))
    assert changed.status_code == 200, changed.text
    assert (changed.json()["version"], changed.json()["title"], changed.json()["status"]) == (
        2,
        new_title,
        "draft",
    )
    first = (await client.get(f"{path}/versions/1")).json()
    second = (await client.get(f"{path}/versions/2")).json()
    assert first["content"]["title"] == item["title"]
    assert (second["content"]["title"], second["note"]) == (new_title, "Friendlier title")


async def test_a_stale_base_version_is_a_conflict_and_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = await create(client)
    path = f"/items/{item['id']}"
    await client.put(path, json=change(item, duration_minutes=30))
    stale = change(item, duration_minutes=60)
    conflict = problem(await client.put(path, json=stale), 409, "conflict")
    assert "newest version is 2" in conflict["detail"]
    problem(await client.patch(path, json={"base_version": 1, "duration_minutes": 60}), 409, "conflict")
    problem(await client.post(f"{path}/submit", json={"base_version": 1}), 409, "conflict")
    now = (await client.get(path)).json()
    assert (now["duration_minutes"], now["version"], now["status"]) == (30, 2, "draft")
    assert await versions(db_session, item["id"]) == 2


async def test_a_retried_change_returns_the_version_it_made(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = await create(client)
    path = f"/items/{item['id']}"
    body = change(item, duration_minutes=30, note="Shorter")
    first = await client.put(path, json=body)
    again = await client.put(path, json=body)
    assert again.status_code == 200
    assert again.json() == first.json()
    same = await client.put(path, json=change(first.json()))
    assert same.json()["version"] == 2
    assert await versions(db_session, item["id"]) == 2


async def test_patch_changes_only_the_fields_sent(client: httpx.AsyncClient) -> None:
    item = await create(client, provider="VDA")
    path = f"/items/{item['id']}"
    patched = await client.patch(path, json={"base_version": 1, "duration_minutes": 20, "provider": None})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert (body["duration_minutes"], body["provider"], body["version"]) == (20, None, 2)
    assert (body["title"], body["competence_levels"]) == (item["title"], item["competence_levels"])
    problem(await client.patch(path, json={"base_version": 2, "title": None}), 422, "validation")
    problem(
        await client.patch(path, json={"base_version": 2, "title": {"en": "<i>x</i>"}}), 422, "validation"
    )
    problem(await client.patch(path, json={"base_version": 2, "slug": "new-slug"}), 422, "validation")
    assert (await client.get(path)).json()["version"] == 2


async def test_editing_a_published_item_keeps_it_published_and_announces_the_change(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item = await published_item(client)
    new_title = {"en": "Spreadsheets, revised", "lt": "Skaičiuoklės, pataisyta"}
    changed = (await client.put(f"/items/{item['id']}", json=change(item, title=new_title))).json()
    assert (changed["status"], changed["version"]) == ("published", 4)
    sent = await outbox(db_session)
    assert [(t, p["title"]["en"], p["version"]) for t, p in sent] == [
        ("catalog.item.published", "Spreadsheets basics", 3),
        ("catalog.item.published", "Spreadsheets, revised", 4),
    ]
    listed = (await client.get("/items")).json()["items"]
    assert [i["title"] for i in listed] == [new_title]


async def test_the_owner_of_a_new_item_is_the_editors_ministry_or_the_platform(
    app: FastAPI, dla_token_mint: TokenMint
) -> None:
    path = ministry()
    editor = bearer(dla_token_mint, path, ["content_editor"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        own = await create(http, "own-item", editor, owner="organisation", visibility="organisation")
        shared = await create(http, "shared-item", editor)
    assert (own["owner_org_id"], own["visibility"]) == (str(path[1]), "organisation")
    assert shared["owner_org_id"] is None


class TwoMinistries:
    """Editors and learners of ministries A and B (one country), an admin, and an anonymous client."""

    def __init__(self, mint: TokenMint) -> None:
        root = uuid.uuid4()
        self.a, self.b = ministry(root), ministry(root)
        self.editor_a = bearer(mint, self.a, ["learner", "content_editor"])
        self.editor_b = bearer(mint, self.b, ["learner", "content_editor"])
        self.learner_a = bearer(mint, self.a)
        self.learner_b = bearer(mint, self.b)
        self.admin = bearer(mint, ministry(root), ["platform_admin"])
        self.nobody: dict[str, str] = {}


@pytest.fixture
def orgs(dla_token_mint: TokenMint) -> TwoMinistries:
    return TwoMinistries(dla_token_mint)


@pytest.fixture
async def http(app: FastAPI) -> Any:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client


async def test_a_private_item_is_seen_only_in_its_ministry(
    http: httpx.AsyncClient, orgs: TwoMinistries
) -> None:
    item = await published_item(
        http, "a-only", orgs.editor_a, owner="organisation", visibility="organisation"
    )
    path = f"/items/{item['id']}"
    for outsider in (orgs.learner_b, orgs.editor_b, orgs.nobody):
        problem(await http.get(path, headers=outsider), 404, "not-found")
        assert (await http.get("/items", headers=outsider)).json()["total"] == 0
        problem(await http.get(f"{path}/ratings", headers=outsider), 404, "not-found")
    for insider in (orgs.learner_a, orgs.editor_a, orgs.admin):
        assert (await http.get(path, headers=insider)).status_code == 200
        assert [i["slug"] for i in (await http.get("/items", headers=insider)).json()["items"]] == ["a-only"]


async def test_editors_of_one_ministry_cannot_change_anothers_items(
    http: httpx.AsyncClient, orgs: TwoMinistries, db_session: AsyncSession
) -> None:
    private = await published_item(
        http, "a-private", orgs.editor_a, owner="organisation", visibility="organisation"
    )
    public = await published_item(http, "a-public", orgs.editor_a, owner="organisation")
    before = (await db_session.execute(select(LearningItem.id, LearningItem.version))).all()
    for item, status, slug in ((private, 404, "not-found"), (public, 403, "forbidden")):
        path = f"/items/{item['id']}"
        problem(
            await http.put(path, json=change(item, duration_minutes=5), headers=orgs.editor_b), status, slug
        )
        problem(
            await http.patch(path, json={"base_version": 3, "duration_minutes": 5}, headers=orgs.editor_b),
            status,
            slug,
        )
        problem(await http.post(f"{path}/retire", headers=orgs.editor_b), status, slug)
        problem(await http.get(f"{path}/versions", headers=orgs.editor_b), status, slug)
    problem(await http.get(f"/items/{public['id']}/versions", headers=orgs.learner_a), 403, "forbidden")
    assert (await db_session.execute(select(LearningItem.id, LearningItem.version))).all() == before
    by_admin = await http.put(
        f"/items/{private['id']}", json=change(private, duration_minutes=5), headers=orgs.admin
    )
    assert by_admin.json()["version"] == 4


async def test_editors_share_platform_items_and_list_only_the_drafts_they_may_edit(
    http: httpx.AsyncClient, orgs: TwoMinistries
) -> None:
    platform = await create(http, "platform-draft", orgs.editor_a)
    await create(http, "a-draft", orgs.editor_a, owner="organisation")
    changed = await http.put(
        f"/items/{platform['id']}", json=change(platform, duration_minutes=5), headers=orgs.editor_b
    )
    assert changed.json()["version"] == 2
    drafts_b = (await http.get("/items", params={"status": "draft"}, headers=orgs.editor_b)).json()
    assert [i["slug"] for i in drafts_b["items"]] == ["platform-draft"]
    drafts_a = (await http.get("/items", params={"status": "draft"}, headers=orgs.editor_a)).json()
    assert sorted(i["slug"] for i in drafts_a["items"]) == ["a-draft", "platform-draft"]
    problem(await http.get(f"/items/{platform['id']}", headers=orgs.learner_a), 404, "not-found")


async def test_a_prerequisite_must_be_an_item_the_editor_sees(
    http: httpx.AsyncClient, orgs: TwoMinistries
) -> None:
    hidden = await create(http, "a-hidden", orgs.editor_a, owner="organisation", visibility="organisation")
    refused = await http.post(
        "/items", json=item_payload("b-item", prerequisites=[hidden["id"]]), headers=orgs.editor_b
    )
    problem(refused, 422, "validation")
    await create(http, "a-item", orgs.editor_a, prerequisites=[hidden["id"]])


def editor_principal(org_path: tuple[uuid.UUID, ...]) -> Principal:
    return Principal(
        subject=str(uuid.uuid4()),
        client_id="dla-spa",
        scopes=frozenset(),
        person_id=uuid.uuid4(),
        unit_id=org_path[-1],
        org_path=org_path,
        tenant_id=org_path[1],
        roles=frozenset({"content_editor"}),
        grants=(),
        claims={},
    )


async def test_upsert_by_external_id_creates_updates_and_leaves_unchanged(db_session: AsyncSession) -> None:
    editor = editor_principal(ministry())
    data = ItemCreate.model_validate(item_payload("hr-course", external_id="HR-7", owner="organisation"))
    item, outcome = await upsert_by_external_id(db_session, editor, data)
    assert (outcome, item.status, item.version, item.owner_org_id) == (
        "created",
        "draft",
        1,
        editor.tenant_id,
    )
    assert (await upsert_by_external_id(db_session, editor, data))[1] == "unchanged"
    await publish_now(db_session, editor, item.id)
    longer = data.model_copy(update={"duration_minutes": 90, "slug": "renamed-in-the-file"})
    updated, outcome = await upsert_by_external_id(db_session, editor, longer)
    assert (outcome, updated.id, updated.slug) == ("updated", item.id, "hr-course")
    assert (updated.status, updated.version, updated.duration_minutes) == ("published", 4, 90)
    assert (await upsert_by_external_id(db_session, editor, longer))[1] == "unchanged"
    # The same external id in another ministry is another item.
    other, outcome = await upsert_by_external_id(
        db_session, editor_principal(ministry()), data.model_copy(update={"slug": "hr-course-b"})
    )
    assert outcome == "created"
    assert other.id != item.id
    types = [t for t, _ in await outbox(db_session)]
    assert types == ["catalog.item.published", "catalog.item.published"]


async def test_prerequisites_may_not_form_a_cycle(client: httpx.AsyncClient) -> None:
    first = await create(client, "first-item")
    second = await create(client, "second-item", prerequisites=[first["id"]])
    third = await create(client, "third-item", prerequisites=[second["id"]])
    loop = await client.patch(
        f"/items/{first['id']}", json={"base_version": 1, "prerequisites": [third["id"]]}
    )
    assert "prerequisite of itself" in problem(loop, 422, "validation")["detail"]
    assert (await client.get(f"/items/{first['id']}")).json()["prerequisites"] == []


async def test_a_platform_item_cannot_be_made_private(client: httpx.AsyncClient) -> None:
    item = await create(client)
    private = await client.patch(
        f"/items/{item['id']}", json={"base_version": 1, "visibility": "organisation"}
    )
    problem(private, 422, "validation")
    assert (await client.get(f"/items/{item['id']}")).json()["visibility"] == "public"


async def test_editors_list_only_what_they_may_edit_and_find_it_by_text(
    http: httpx.AsyncClient, orgs: TwoMinistries
) -> None:
    await published_item(
        http,
        "a-public-lesson",
        orgs.editor_a,
        owner="organisation",
        title={"en": "Writing letters", "lt": "Laiškų rašymas"},
    )
    await published_item(http, "shared-lesson", orgs.editor_a, title={"en": "Shared", "lt": "Bendra"})

    def slugs(response: httpx.Response) -> list[str]:
        return sorted(i["slug"] for i in response.json()["items"])

    seen_by_b = await http.get("/items", headers=orgs.editor_b)
    assert slugs(seen_by_b) == ["a-public-lesson", "shared-lesson"]
    editable_by_b = await http.get("/items", params={"editable": "true"}, headers=orgs.editor_b)
    assert slugs(editable_by_b) == ["shared-lesson"]
    # Any language, case and diacritics ignored; the total counts only the matches.
    for text in ("LAISKU", "laiškų", "letters"):
        found = await http.get("/items", params={"q": text}, headers=orgs.editor_a)
        assert (slugs(found), found.json()["total"]) == (["a-public-lesson"], 1), text
    assert (await http.get("/items", params={"q": "100%_"}, headers=orgs.editor_a)).json()["total"] == 0
    problem(await http.get("/items", params={"q": ""}, headers=orgs.editor_a), 422, "validation")


async def test_a_patch_refuses_markup_in_the_external_id_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    item = await create(client, "patched-item")
    refused = await client.patch(
        f"/items/{item['id']}", json={"base_version": item["version"], "external_id": "<b>X-1</b>"}
    )
    problem(refused, 422, "validation")
    after = (await client.get(f"/items/{item['id']}")).json()
    assert (after["version"], after["external_id"]) == (item["version"], item["external_id"])
