"""Catalog search against the real PostgreSQL: typos and Lithuanian word forms, filters, facets,
cursors, the reader's language first, and who finds what."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem, SearchWord
from catalog.search import service
from catalog.search.indexing import index_words, item_words, search_fields
from catalog.workshops.models import Workshop, WorkshopSession
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

SEED = Path(__file__).resolve().parents[1] / "src/catalog/seed_data/lessons"
PASSWORDS = "lesson-4-1-foundation-strong-passwords"
PERSONAL_DATA = "lesson-4-2-foundation-personal-data-basics"
SHARING_PERSONAL_DATA = "lesson-4-2-intermediate-sharing-files-safely"
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
MINISTRY_A, MINISTRY_B = uuid.uuid4(), uuid.uuid4()
ROOT = uuid.uuid4()


def item(slug: str, title: str, **fields: Any) -> dict[str, Any]:
    """A published public learning item's columns (texts in English and Lithuanian)."""
    titles = {"en": title, "lt": fields.pop("lt", title)}
    summary = fields.pop("summary", {"en": f"About {title}.", "lt": f"Apie {title}."})
    body = fields.pop("body", {})
    tags = fields.pop("tags", [("1.1", 1, 3)])
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "slug": slug,
        "kind": "micro_lesson",
        "title": titles,
        "summary": summary,
        "body": body,
        "duration_minutes": 10,
        "languages": ["en", "lt"],
        "accessibility": [],
        "competence_levels": [{"code": c, "level_min": lo, "level_max": hi} for c, lo, hi in tags],
        "competences": sorted({c for c, _, _ in tags}),
        "level_min": min(lo for _, lo, _ in tags),
        "level_max": max(hi for _, _, hi in tags),
        "status": "published",
        "published_at": NOW,
        **search_fields(titles, [summary, body, " ".join(c for c, _, _ in tags)]),
    }
    row.update(fields)
    return row


def seed_lessons() -> list[dict[str, Any]]:
    """Every seed micro-lesson, as the seed stores it."""
    rows: list[dict[str, Any]] = []
    for path in sorted(SEED.glob("*.json")):
        for n, lesson in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            tags = [(t["code"], t["level_min"], t["level_max"]) for t in lesson["competences"]]
            rows.append(
                item(
                    lesson["slug"],
                    lesson["title"]["en"],
                    lt=lesson["title"]["lt"],
                    summary=lesson["summary"],
                    body=lesson["body"],
                    tags=tags,
                    duration_minutes=lesson["duration_minutes"],
                    accessibility=lesson.get("accessibility", []),
                    published_at=NOW - timedelta(minutes=len(rows) + n),
                )
            )
    return rows


async def add(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Store items and their words, as the items service does."""
    await session.execute(insert(LearningItem), list(rows))
    for row in rows:
        await index_words(session, item_words(row))
    await session.flush()


@pytest_asyncio.fixture
async def reader(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An anonymous reader."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        yield http


async def search(reader: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await reader.get("/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def slugs(page: dict[str, Any]) -> list[str]:
    return [hit["slug"] for hit in page["items"]]


async def every_page(reader: httpx.AsyncClient, **params: Any) -> list[str]:
    found: list[str] = []
    cursor = None
    for _ in range(100):
        page = await search(reader, **params, **({"cursor": cursor} if cursor else {}))
        found += slugs(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return found
    raise AssertionError("pages never ended")


# --- words ---------------------------------------------------------------------------------------


async def test_index_words_adds_each_folded_word_once(db_session: AsyncSession) -> None:
    await index_words(db_session, ["Slaptažodis ir SLAPTAŽODŽIO", "slaptazodis"])
    await index_words(db_session, ["slaptažodžio", "naujas"])
    # Other tests' committed words may be there too: look only at the forms these texts have.
    forms = ["ir", "naujas", "slaptazodis", "slaptazodzio", "slaptažodis", "SLAPTAŽODŽIO", "slaptažodžio"]
    stored = (
        await db_session.scalars(
            select(SearchWord.word).where(SearchWord.word.in_(forms)).order_by(SearchWord.word)
        )
    ).all()
    assert stored == ["ir", "naujas", "slaptazodis", "slaptazodzio"]


# --- typos and word forms on the seed catalog ---------------------------------------------------


@pytest_asyncio.fixture
async def seeded(db_session: AsyncSession) -> list[dict[str, Any]]:
    rows = seed_lessons()
    assert len(rows) >= 63
    await add(db_session, rows)
    return rows


@pytest.mark.parametrize(
    "query",
    ["slaptazodis", "slaptažodis", "pasword", "passwrod", "slaptažodžio", "slaptažodžių", "Slaptazodziu"],
)
async def test_typos_and_inflected_forms_find_the_password_lesson_first(
    reader: httpx.AsyncClient, seeded: list[dict[str, Any]], query: str
) -> None:
    page = await search(reader, q=query)
    assert slugs(page)[0] == PASSWORDS, slugs(page)[:5]
    assert page["match"] == "all"


async def test_personal_data_in_any_case_finds_the_personal_data_lessons(
    reader: httpx.AsyncClient, seeded: list[dict[str, Any]]
) -> None:
    # The lesson's title says "asmens duomenys" (nominative); readers type other cases too.
    for query in ("asmens duomenys", "asmens duomenų", "asmens duomenu", "asmens duomenis"):
        top = slugs(await search(reader, q=query))[:3]
        assert PERSONAL_DATA in top, (query, top)
        assert SHARING_PERSONAL_DATA in top, (query, top)
    assert slugs(await search(reader, q="asmens duomenys"))[0] == PERSONAL_DATA


async def test_an_english_query_finds_the_english_title(
    reader: httpx.AsyncClient, seeded: list[dict[str, Any]]
) -> None:
    assert slugs(await search(reader, q="strong passwords"))[0] == PASSWORDS
    assert slugs(await search(reader, q="personal data"))[0] in {PERSONAL_DATA, SHARING_PERSONAL_DATA}


async def test_a_query_matching_very_many_items_is_ranked_by_titles(
    reader: httpx.AsyncClient, seeded: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Above the limit the whole-text rank is left out: titles alone (as typed, then variants) rank.
    monkeypatch.setattr(service, "FULL_RANK_LIMIT", 0)
    for query in ("slaptazodis", "pasword", "slaptažodžių"):
        page = await search(reader, q=query)
        assert slugs(page)[0] == PASSWORDS, (query, slugs(page)[:5])
    assert slugs(await search(reader, q="asmens duomenys"))[0] == PERSONAL_DATA
    whole = await search(reader, q="asmens duomenų", limit=100)
    assert await every_page(reader, q="asmens duomenų", limit=7) == slugs(whole)


async def test_a_query_no_item_fully_matches_falls_back_to_any_word(
    reader: httpx.AsyncClient, seeded: list[dict[str, Any]]
) -> None:
    page = await search(reader, q="slaptažodis qwxzvbn")
    assert page["match"] == "any"
    assert slugs(page)[0] == PASSWORDS
    nothing = await search(reader, q="qwxzvbn")
    assert (nothing["total"], nothing["items"], nothing["match"]) == (0, [], "all")


async def test_results_carry_the_card_fields_and_a_score(
    reader: httpx.AsyncClient, seeded: list[dict[str, Any]]
) -> None:
    hit = (await search(reader, q="slaptazodis", limit=1))["items"][0]
    assert hit["title"]["lt"] == "Kas yra saugus slaptažodis ir kaip jį susikurti"
    assert hit["title"]["en"] == "Strong passwords and two-step sign-in"
    assert set(hit["summary"]) == {"en", "lt"}
    assert hit["competences"] == ["4.1"]
    assert (hit["level_min"], hit["level_max"]) == (1, 2)
    assert hit["rating_average"] is None
    assert hit["rating_count"] == 0
    assert hit["has_upcoming_session"] is False
    assert hit["score"] > 0
    by_title = (await search(reader, q="slaptazodis", sort="title"))["items"]
    assert all(h["score"] > 0 for h in by_title)
    assert (await search(reader))["items"][0]["score"] is None


# --- filters and facets --------------------------------------------------------------------------


def catalog() -> list[dict[str, Any]]:
    """Eight items with known kinds, competences, levels, durations, languages and features."""
    return [
        item("pw-short", "Password basics", tags=[("4.1", 1, 2)], duration_minutes=5,
             accessibility=["captions", "transcript"], languages=["en", "lt"]),
        item("pw-video", "Password managers", kind="video", tags=[("4.1", 2, 4)], duration_minutes=20,
             accessibility=["captions"], languages=["en"]),
        item("pw-course", "Password policy for a ministry", kind="course",
             tags=[("4.1", 4, 6), ("5.2", 4, 5)], duration_minutes=90, languages=["lt"]),
        item("data-lesson", "Personal data at work", tags=[("4.2", 1, 3)], duration_minutes=15,
             accessibility=["transcript"], languages=["en", "lt"]),
        item("data-course", "Data protection impact", kind="course", tags=[("4.2", 5, 7)],
             duration_minutes=60, languages=["en"]),
        item("search-video", "Searching smarter", kind="video", tags=[("1.1", 1, 3)], duration_minutes=61,
             accessibility=["captions", "transcript", "easy_to_read"], languages=["lt"]),
        item("sheets-case", "Spreadsheet use case", kind="use_case", tags=[("3.4", 3, 5), ("1.3", 2, 4)],
             duration_minutes=30, languages=["en", "lt"]),
        item("forum", "Password forum", kind="workshop", tags=[("4.1", 2, 5)], duration_minutes=120,
             languages=["lt"]),
    ]  # fmt: skip


@pytest_asyncio.fixture
async def small(db_session: AsyncSession) -> dict[str, dict[str, Any]]:
    rows = catalog()
    await add(db_session, rows)
    forum = next(r for r in rows if r["slug"] == "forum")
    db_session.add(Workshop(item_id=forum["id"], format="online", meeting_url="https://meet.example.org/f"))
    await db_session.flush()
    soon = datetime.now(UTC) + timedelta(days=3)
    db_session.add(
        WorkshopSession(item_id=forum["id"], starts_at=soon, ends_at=soon + timedelta(hours=2), capacity=10)
    )
    await db_session.flush()
    return {r["slug"]: r for r in rows}


FILTERS: list[tuple[dict[str, Any], set[str]]] = [
    ({"kind": "video"}, {"pw-video", "search-video"}),
    ({"kind": ["video", "course"]}, {"pw-video", "search-video", "pw-course", "data-course"}),
    ({"competence": "4.2"}, {"data-lesson", "data-course"}),
    ({"competence": ["5.2", "1.3"]}, {"pw-course", "sheets-case"}),
    ({"level": 5}, {"pw-course", "data-course", "sheets-case", "forum"}),
    ({"level": 1}, {"pw-short", "data-lesson", "search-video"}),
    ({"duration": "short"}, {"pw-short", "data-lesson"}),
    ({"duration": ["medium", "long"]}, {"pw-video", "pw-course", "data-course", "search-video", "sheets-case",
                                        "forum"}),
    ({"duration_max": 20}, {"pw-short", "pw-video", "data-lesson"}),
    ({"language": "en"}, {"pw-short", "pw-video", "data-lesson", "data-course", "sheets-case"}),
    ({"accessibility": "captions"}, {"pw-short", "pw-video", "search-video"}),
    ({"accessibility": ["captions", "transcript"]}, {"pw-short", "search-video"}),
    ({"has_upcoming_session": "true"}, {"forum"}),
    ({"has_upcoming_session": "false"}, {"pw-short", "pw-video", "pw-course", "data-lesson", "data-course",
                                         "search-video", "sheets-case"}),
    ({"q": "password", "kind": "video"}, {"pw-video"}),
    ({"q": "password", "level": 2, "language": "lt"}, {"pw-short", "forum"}),
]  # fmt: skip


@pytest.mark.parametrize(("params", "expected"), FILTERS)
async def test_each_filter_keeps_exactly_the_matching_items(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]], params: dict[str, Any], expected: set[str]
) -> None:
    page = await search(reader, **params, limit=100)
    assert set(slugs(page)) == expected
    assert page["total"] == len(expected)


async def test_upcoming_session_shows_on_the_card_and_a_cancelled_or_past_one_does_not(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]], db_session: AsyncSession
) -> None:
    hits = {h["slug"]: h for h in (await search(reader, q="forum"))["items"]}
    assert hits["forum"]["has_upcoming_session"] is True
    session = await db_session.scalar(select(WorkshopSession))
    assert session is not None
    session.status = "cancelled"
    past = NOW - timedelta(days=30)
    db_session.add(
        WorkshopSession(
            item_id=small["forum"]["id"], starts_at=past, ends_at=past + timedelta(hours=1), capacity=5
        )
    )
    await db_session.flush()
    assert (await search(reader, q="forum"))["items"][0]["has_upcoming_session"] is False
    assert (await search(reader, has_upcoming_session="true"))["total"] == 0


def facet(page: dict[str, Any], name: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in page["facets"][name]}


async def test_facets_agree_with_the_rows_returned(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]]
) -> None:
    for base in ({}, {"q": "password"}, {"language": "lt"}, {"q": "password", "accessibility": "captions"}):
        page = await search(reader, **base, limit=100)
        assert sum(facet(page, "kind").values()) == page["total"] == len(page["items"])
        assert sum(facet(page, "duration").values()) == page["total"]
        assert sum(facet(page, "has_upcoming_session").values()) == page["total"]
        for name, param in [
            ("kind", "kind"),
            ("competence", "competence"),
            ("level", "level"),
            ("language", "language"),
            ("accessibility", "accessibility"),
            ("duration", "duration"),
            ("has_upcoming_session", "has_upcoming_session"),
        ]:
            for value, count in facet(page, name).items():
                # Choosing a value: one more accessibility feature, or this value instead of the
                # facet's current choice.
                chosen = [base[param], value] if param == "accessibility" and param in base else value
                narrowed = await search(reader, **{**base, param: chosen}, limit=100)
                assert narrowed["total"] == count == len(narrowed["items"]), (base, name, value)


async def test_a_facet_counts_its_own_values_under_every_other_filter(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]]
) -> None:
    page = await search(reader, kind="video", language="en")
    # Kinds ignore the kind filter (other kinds stay choosable) but apply the language filter.
    assert facet(page, "kind") == {"micro_lesson": 2, "course": 1, "video": 1, "use_case": 1}
    # Languages ignore the language filter but apply the kind filter.
    assert facet(page, "language") == {"en": 1, "lt": 1}
    # Levels: the one item left (a video in English) develops levels 2 to 4.
    assert facet(page, "level") == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0, "6": 0, "7": 0, "8": 0}
    # Accessibility features are all required together, so their counts are of the results.
    assert facet(page, "accessibility") == {"captions": 1}
    assert page["total"] == 1
    assert facet(await search(reader), "competence") == {
        "1.1": 1, "1.3": 1, "3.4": 1, "4.1": 4, "4.2": 2, "5.2": 1
    }  # fmt: skip


# --- order and pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "password"},
        {},
        {"sort": "title", "lang": "en"},
        {"sort": "title", "lang": "lt"},
        {"sort": "duration"},
        {"sort": "rating"},
        {"sort": "newest", "language": "en"},
    ],
)
async def test_cursor_pages_cover_every_result_once_in_order(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]], params: dict[str, Any]
) -> None:
    whole = await search(reader, **params, limit=100)
    assert whole["next_cursor"] is None
    paged = await every_page(reader, **params, limit=3)
    assert paged == slugs(whole)
    assert len(set(paged)) == len(paged) == whole["total"]


async def test_sort_orders(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]], db_session: AsyncSession
) -> None:
    by_duration = slugs(await search(reader, sort="duration", limit=100))
    minutes = [small[s]["duration_minutes"] for s in by_duration]
    assert minutes == sorted(minutes)
    newest = small["sheets-case"]
    await db_session.execute(
        update(LearningItem)
        .where(LearningItem.id == newest["id"])
        .values(published_at=NOW + timedelta(days=1), rating_count=2, rating_sum=9)
    )
    await db_session.execute(
        update(LearningItem)
        .where(LearningItem.id == small["pw-video"]["id"])
        .values(rating_count=4, rating_sum=12)
    )
    await db_session.flush()
    assert slugs(await search(reader))[0] == "sheets-case"
    rated = (await search(reader, sort="rating"))["items"]
    assert [(h["slug"], h["rating_average"]) for h in rated[:2]] == [("sheets-case", 4.5), ("pw-video", 3.0)]


async def test_titles_sort_in_the_readers_language_ignoring_diacritics(
    reader: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await add(
        db_session,
        [
            item("z", "Words", lt="Žodžiai"),
            item("s2", "Sources", lt="Šaltiniai"),
            item("s1", "Safety", lt="saugumas"),
            item("a", "About", lt="„Apie“ mus"),
            item("e", "Zebra", lt="Ėjimas"),
        ],
    )
    assert slugs(await search(reader, sort="title", lang="lt")) == ["a", "e", "s2", "s1", "z"]
    assert slugs(await search(reader, sort="title", lang="en")) == ["a", "s1", "s2", "z", "e"]


async def test_items_in_the_readers_language_come_first(
    reader: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    def dated(slug: str, languages: list[str], days: int) -> dict[str, Any]:
        return item(slug, f"Password {slug}", languages=languages, published_at=NOW + timedelta(days=days))

    await add(
        db_session,
        [
            dated("en-new", ["en"], 2),
            dated("lt-old", ["lt"], 0),
            dated("both", ["en", "lt"], 1),
            dated("lt-new", ["lt"], 3),
            dated("en-old", ["en"], -1),
        ],
    )
    lithuanian_first = ["lt-new", "both", "lt-old", "en-new", "en-old"]
    english_first = ["en-new", "both", "en-old", "lt-new", "lt-old"]
    for headers, params, language, expected in [
        ({"Accept-Language": "lt-LT,lt;q=0.9,en;q=0.5"}, {}, "lt", lithuanian_first),
        ({"Accept-Language": "de;q=0.2, en-GB;q=0.8"}, {}, "en", english_first),
        ({"Accept-Language": "en"}, {"lang": "lt"}, "lt", lithuanian_first),
        ({"Accept-Language": "lt"}, {"lang": "en", "sort": "newest", "q": "password"}, "en", english_first),
        ({}, {}, None, ["lt-new", "en-new", "both", "lt-old", "en-old"]),
    ]:
        page = (await reader.get("/search", params=params, headers=headers)).json()
        assert (page["language"], slugs(page)) == (language, expected), (headers, params)


# --- who finds what ------------------------------------------------------------------------------


@pytest.fixture
def person_of(dla_token_mint: TokenMint) -> Any:
    def headers(*org_path: uuid.UUID, roles: Sequence[str] = ("learner",)) -> dict[str, str]:
        return {"Authorization": f"Bearer {dla_token_mint.person(uuid.uuid4(), org_path, roles=roles)}"}

    return headers


async def test_private_items_are_found_only_by_their_organisation(
    reader: httpx.AsyncClient, db_session: AsyncSession, person_of: Any
) -> None:
    await add(
        db_session,
        [
            item(
                "a-private",
                "Password rules of ministry A",
                visibility="organisation",
                owner_org_id=MINISTRY_A,
            ),
            item("a-public", "Password poster of ministry A", owner_org_id=MINISTRY_A),
            item(
                "b-private",
                "Password rules of ministry B",
                visibility="organisation",
                owner_org_id=MINISTRY_B,
            ),
        ],
    )
    unit_of_a = person_of(ROOT, MINISTRY_A, uuid.uuid4())
    unit_of_b = person_of(ROOT, MINISTRY_B, uuid.uuid4())
    for headers, expected in [
        ({}, {"a-public"}),
        (unit_of_a, {"a-public", "a-private"}),
        (unit_of_b, {"a-public", "b-private"}),
        (person_of(ROOT, uuid.uuid4(), roles=["content_editor"]), {"a-public"}),
        (person_of(ROOT, roles=["platform_admin"]), {"a-public", "a-private", "b-private"}),
    ]:
        for params in ({"q": "password rules"}, {"q": "pasword"}, {}):
            page = (await reader.get("/search", params=params, headers=headers)).json()
            assert set(slugs(page)) <= expected
            assert page["total"] == len(page["items"])
            assert sum(facet(page, "kind").values()) == page["total"]
        assert set(slugs((await reader.get("/search", headers=headers)).json())) == expected


async def test_drafts_items_in_review_and_retired_items_are_never_found(
    reader: httpx.AsyncClient, db_session: AsyncSession, person_of: Any
) -> None:
    await add(
        db_session,
        [
            item("draft", "Password draft", status="draft", published_at=None),
            item("review", "Password in review", status="in_review", published_at=None),
            item("retired", "Password retired", status="retired"),
            item("live", "Password live"),
        ],
    )
    editor = person_of(ROOT, MINISTRY_A, roles=["content_editor", "platform_admin"])
    anyone: list[dict[str, str]] = [{}, editor]
    for headers in anyone:
        for params, expected in [({"q": "password"}, ["live"]), ({"q": "review"}, []), ({}, ["live"])]:
            page = (await reader.get("/search", params=params, headers=headers)).json()
            assert slugs(page) == expected
            assert page["total"] == len(expected)


async def test_a_bad_token_is_refused(reader: httpx.AsyncClient) -> None:
    problem(await reader.get("/search", headers={"Authorization": "Bearer nonsense"}), 401, "unauthorized")


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"level": 9},
        {"level": "high"},
        {"kind": "podcast"},
        {"competence": "1.x"},
        {"competence": "6.10"},
        {"limit": 0},
        {"limit": 101},
        {"sort": "popularity"},
        {"duration": "forever"},
        {"duration_max": 0},
        {"language": "english!"},
        {"accessibility": "braille_everywhere"},
        {"has_upcoming_session": "maybe"},
        {"lang": "x"},
        {"q": "a" * 201},
        {"cursor": "not-a-cursor"},
        {"cursor": "eyJmIjoieCJ9"},
        {"cursor": "x" * 2001},
        {"cursor": "W1tb" * 460},  # 1,380 nested brackets
    ],
)
async def test_bad_parameters_are_422_problems(reader: httpx.AsyncClient, params: dict[str, Any]) -> None:
    problem(await reader.get("/search", params=params), 422, "validation")


@pytest.mark.parametrize(
    "query",
    [
        "!!!",
        "   ",
        "'\\:*&|()<->",
        "中文 搜索",
        "ภาษาไทย",
        "العربية",
        "😀 password",
        "x" * 80,
        "2.2 1,5 ²",
        "ǅ ß ﬁ",
    ],
)
async def test_odd_queries_answer_and_punctuation_alone_browses(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]], query: str
) -> None:
    page = await search(reader, q=query)
    if not any(ch.isalnum() for ch in query):
        assert page["match"] is None
        assert page["total"] == len(small)
    else:
        assert page["match"] in {"all", "any"}
    assert page["total"] == len(page["items"]) <= len(small)
    if query.startswith("x"):
        assert page["total"] == 0


async def test_a_cursor_only_continues_the_search_it_came_from(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]]
) -> None:
    cursor = (await search(reader, q="password", limit=1))["next_cursor"]
    assert cursor
    assert (await search(reader, q="password", limit=1, cursor=cursor))["items"]
    for other in ({"q": "data"}, {"q": "password", "kind": "video"}, {"q": "password", "sort": "title"}):
        body = problem(await reader.get("/search", params={**other, "cursor": cursor}), 422, "validation")
        assert "cursor" in body["detail"]
    tampered = cursor[:-4] + ("AAAA" if not cursor.endswith("AAAA") else "BBBB")
    problem(await reader.get("/search", params={"q": "password", "cursor": tampered}), 422, "validation")


async def test_searching_changes_nothing(
    reader: httpx.AsyncClient, small: dict[str, dict[str, Any]], db_session: AsyncSession
) -> None:
    words = await db_session.scalar(select(func.count()).select_from(SearchWord))
    await search(reader, q="completely new wordz")
    await reader.get("/search", params={"cursor": "garbage"})
    assert await db_session.scalar(select(func.count()).select_from(SearchWord)) == words
