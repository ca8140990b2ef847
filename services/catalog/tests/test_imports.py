import codecs
import csv
import io
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem, LearningItemVersion
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .conftest import ORG_PATH
from .factories.items import bearer, create, ministry

DATA = Path(__file__).parent / "data"
HEADER = "external_id,kind,title_en,title_lt,summary_en,summary_lt,duration_minutes,languages"
CSV = {"Content-Type": "text/csv"}


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def rows(*lines: str, header: str = HEADER) -> bytes:
    return "\r\n".join([header, *lines]).encode()


def row(external_id: str, header: str = HEADER, **cells: str) -> str:
    """A valid row of `header` with some cells given (other columns of `header` empty)."""
    values = {
        "external_id": external_id,
        "kind": "course",
        "title_en": f"Course {external_id}",
        "title_lt": f"Kursas {external_id}",
        "summary_en": "What it teaches.",
        "summary_lt": "Ko jis moko.",
        "duration_minutes": "30",
        "languages": "en;lt",
        **cells,
    }
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([values.get(name, "") for name in header.split(",")])
    return out.getvalue()


async def upload(client: httpx.AsyncClient, content: bytes, **params: Any) -> httpx.Response:
    return await client.post("/imports/items", content=content, headers=CSV, params=params)


async def imported(client: httpx.AsyncClient, content: bytes, **params: Any) -> dict[str, Any]:
    response = await upload(client, content, **params)
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


async def count(session: AsyncSession, table: Any) -> int:
    return (await session.scalar(select(func.count()).select_from(table))) or 0


async def by_external_id(session: AsyncSession) -> dict[str, LearningItem]:
    found = await session.scalars(select(LearningItem).execution_options(populate_existing=True))
    return {item.external_id or item.slug: item for item in found}


async def nothing_written(session: AsyncSession) -> bool:
    return (
        await count(session, LearningItem.__table__) == 0
        and await count(session, LearningItemVersion.__table__) == 0
        and await count(session, events.outbox) == 0
    )


def errors_of(report: dict[str, Any]) -> set[tuple[int, str | None, str]]:
    return {(e["row"], e["column"], e["code"]) for e in report["errors"]}


async def test_a_good_file_creates_draft_items_with_every_field(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    report = await imported(client, fixture("items_good.csv"))
    assert (report["rows"], report["valid"], report["invalid"], report["errors"]) == (3, 3, 0, [])
    assert (report["created"], report["updated"], report["unchanged"], report["imported"]) == (3, 0, 0, True)
    items = await by_external_id(db_session)
    first, second, third = items["MIN-001"], items["MIN-002"], items["MIN-003"]
    assert {item.status for item in items.values()} == {"draft"}
    assert first.title == {"en": "Strong passwords", "lt": "Stiprūs slaptažodžiai"}
    assert "<strong>passphrase</strong>" in first.body_html["en"]
    assert first.competence_levels == [
        {"code": "4.1", "level_min": 1, "level_max": 3},
        {"code": "4.2", "level_min": 2, "level_max": 4},
    ]
    assert (first.accessibility, first.languages) == (["captions", "transcript"], ["en", "lt"])
    assert (str(second.cost_eur), second.format, second.visibility) == ("12.50", "blended", "organisation")
    assert second.prerequisites == [first.id]
    assert third.prerequisites == [first.id, second.id]
    # Owned by the editor's ministry (the token's tenant), not platform-wide.
    assert {item.owner_org_id for item in items.values()} == {ORG_PATH[1]}
    assert [row["item_id"] for row in report["items"]] == [str(i.id) for i in (first, second, third)]


async def test_importing_the_same_file_twice_leaves_the_same_items(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await imported(client, fixture("items_good.csv"))
    ids = {key: item.id for key, item in (await by_external_id(db_session)).items()}
    versions = await count(db_session, LearningItemVersion.__table__)
    again = await imported(client, fixture("items_good.csv"))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert {key: item.id for key, item in (await by_external_id(db_session)).items()} == ids
    assert await count(db_session, LearningItemVersion.__table__) == versions


async def test_a_changed_row_updates_its_item_as_a_new_version_not_a_new_item(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await imported(client, fixture("items_good.csv"))
    changed = fixture("items_good.csv").replace(b"Phishing in 5 minutes", b"Phishing in five minutes")
    report = await imported(client, changed)
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 2)
    assert [(r["external_id"], r["outcome"]) for r in report["items"] if r["outcome"] != "unchanged"] == [
        ("MIN-003", "updated")
    ]
    items = await by_external_id(db_session)
    assert len(items) == 3
    assert (items["MIN-003"].title["en"], items["MIN-003"].version) == ("Phishing in five minutes", 2)
    again = await imported(client, changed)
    assert (again["updated"], again["unchanged"]) == (0, 3)


async def test_a_row_with_three_faults_imports_nothing_and_reports_each(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    response = await upload(client, fixture("items_bad_row.csv"))
    body = problem(response, 422, "csv-invalid-rows")
    report = body["report"]
    assert (report["rows"], report["valid"], report["invalid"], report["imported"]) == (3, 2, 1, False)
    assert errors_of(report) == {
        (3, "title_lt", "required"),
        (3, "duration_minutes", "not_integer"),
        (3, "competences", "unknown_competence"),
    }
    by_column = {e["column"]: e for e in report["errors"]}
    assert by_column["duration_minutes"]["value"] == "forty"
    assert "whole number" in by_column["duration_minutes"]["reason"]
    assert by_column["competences"]["value"] == "9.9:1-2"
    assert "DigComp" in by_column["competences"]["reason"]
    assert await nothing_written(db_session)


async def test_only_valid_rows_imports_the_good_rows_and_reports_the_bad_one(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    report = await imported(client, fixture("items_bad_row.csv"), mode="only_valid_rows")
    assert (report["imported"], report["created"], report["invalid"]) == (True, 2, 1)
    assert {e["row"] for e in report["errors"]} == {3}
    assert sorted(await by_external_id(db_session)) == ["MIN-101", "MIN-103"]


async def test_a_dry_run_reports_what_would_happen_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    report = await imported(client, fixture("items_good.csv"), dry_run="true", publish="true")
    assert (report["dry_run"], report["imported"], report["created"]) == (True, False, 3)
    assert {r["item_id"] for r in report["items"]} == {None}
    assert await nothing_written(db_session)
    bad = await upload(client, fixture("items_bad_row.csv"), dry_run="true")
    assert problem(bad, 422, "csv-invalid-rows")["report"]["invalid"] == 1
    assert await nothing_written(db_session)


async def test_duplicates_unknown_prerequisites_html_and_bad_values_are_row_errors(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    header = HEADER + ",prerequisites,competences,cost_eur,visibility"
    content = rows(
        row("A", header),
        row("A", header),
        row("B", header, prerequisites="NOPE"),
        row("C", header, title_en="<script>alert(1)</script>"),
        row("D", header, duration_minutes="0", competences="1.1:3-2", cost_eur="cheap", visibility="secret"),
        row("E", header, prerequisites="E"),
        row("F", header, prerequisites="G"),
        row("G", header, prerequisites="F"),
        row("H", header, kind="podcast", languages="", competences="2.1", cost_eur="-1"),
        header=header,
    )
    report = problem(await upload(client, content), 422, "csv-invalid-rows")["report"]
    found = errors_of(report)
    assert {
        (3, "external_id", "duplicate_external_id"),
        (4, "prerequisites", "unknown_prerequisite"),
        (5, "title_en", "value_error"),
        (6, "duration_minutes", "not_positive"),
        (6, "competences", "bad_levels"),
        (6, "cost_eur", "not_a_number"),
        (6, "visibility", "enum"),
        (7, "prerequisites", "prerequisite_self"),
        (10, "kind", "enum"),
        (10, "languages", "too_short"),
        (10, "cost_eur", "greater_than_equal"),
    } <= found
    assert any(row in (8, 9) and code == "prerequisite_cycle" for row, _, code in found)
    html = next(e for e in report["errors"] if e["row"] == 5)
    assert "HTML" in html["reason"]
    assert report["valid"] == 1  # only the first A
    assert await nothing_written(db_session)


async def test_a_windows_1257_file_is_refused_as_not_utf8(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    cp1257 = fixture("items_good.csv").decode().encode("cp1257")
    body = problem(await upload(client, cp1257), 415, "csv-encoding")
    assert "UTF-8" in body["detail"]
    assert "line 2" in body["detail"]
    assert await nothing_written(db_session)


async def test_binary_utf16_and_declared_other_charsets_are_refused(client: httpx.AsyncClient) -> None:
    problem(await upload(client, b"PK\x03\x04\x00\x00binary"), 415, "csv-encoding")
    utf16 = codecs.BOM_UTF16_LE + fixture("items_good.csv").decode().encode("utf-16-le")
    assert "UTF-16" in problem(await upload(client, utf16), 415, "csv-encoding")["detail"]
    declared = await client.post(
        "/imports/items",
        content=fixture("items_good.csv"),
        headers={"Content-Type": "text/csv; charset=windows-1257"},
    )
    problem(declared, 415, "csv-encoding")
    json_body = await client.post("/imports/items", json={"rows": []})
    problem(json_body, 415, "unsupported-media-type")


async def test_empty_header_only_and_bad_headers_are_clear_422s(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    assert "empty" in problem(await upload(client, b""), 422, "csv-empty")["detail"]
    assert (
        "empty" in problem(await upload(client, codecs.BOM_UTF8 + b"\r\n \r\n"), 422, "csv-empty")["detail"]
    )
    assert (
        "no item rows"
        in problem(await upload(client, HEADER.encode() + b"\r\n,,,\r\n"), 422, "csv-empty")["detail"]
    )
    missing = rows("x,course,T,T,S,S,5", header=HEADER.removesuffix(",languages"))
    assert "languages" in problem(await upload(client, missing), 422, "csv-header")["detail"]
    unknown = rows(row("A") + ",x", header=HEADER + ",titel_lt")
    assert "titel_lt" in problem(await upload(client, unknown), 422, "csv-header")["detail"]
    twice = rows(row("A") + ",x", header=HEADER + ",kind")
    assert "twice" in problem(await upload(client, twice), 422, "csv-header")["detail"]
    broken = rows(row("A"), 'B,course,"unclosed"x,T,S,S,5,en')
    assert "Row 3" in problem(await upload(client, broken), 422, "csv-malformed")["detail"]
    assert await nothing_written(db_session)


async def test_a_semicolon_file_with_a_bom_from_lithuanian_excel_imports(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    report = await imported(client, fixture("items_semicolon.csv"))
    assert report["created"] == 1
    item = (await by_external_id(db_session))["LT-1"]
    assert (item.title["lt"], str(item.cost_eur)) == ("E. parašas", "7.50")
    assert [tag["code"] for tag in item.competence_levels] == ["2.1", "2.2"]
    assert item.languages == ["lt"]


async def test_too_many_rows_or_bytes_are_413(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    many = rows(*(f"X{i},course,T,T,S,S,5,en" for i in range(1001)))
    assert "1000" in problem(await upload(client, many), 413, "csv-too-large")["detail"]
    huge = rows(row("A", summary_en="x" * (2 * 1024 * 1024)))
    problem(await upload(client, huge), 413, "payload-too-large")
    assert await nothing_written(db_session)


async def test_publish_true_publishes_and_announces_the_imported_items(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    report = await imported(client, fixture("items_good.csv"), publish="true")
    assert report["created"] == 3
    items = await by_external_id(db_session)
    assert {item.status for item in items.values()} == {"published"}
    announced = (await db_session.scalars(select(events.outbox.c.type))).all()
    assert sorted(announced) == ["catalog.item.published"] * 3
    again = await imported(client, fixture("items_good.csv"), publish="true")
    assert again["unchanged"] == 3
    assert await count(db_session, events.outbox) == 3


async def test_an_export_imports_back_unchanged(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    await imported(client, fixture("items_good.csv"))
    await imported(client, rows(row("MIN-004", title_en="=HYPERLINK(x)")))
    exported = await client.get("/exports/items.csv")
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith(codecs.BOM_UTF8)
    assert "'=HYPERLINK(x)" in exported.text  # no spreadsheet runs it as a formula
    table = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["external_id"] for r in table] == ["MIN-001", "MIN-002", "MIN-003", "MIN-004"]
    assert table[2]["prerequisites"] == "MIN-001;MIN-002"
    assert table[0]["competences"] == "4.1:1-3;4.2:2-4"
    versions = await count(db_session, LearningItemVersion.__table__)
    for content in (
        exported.content,
        (await client.get("/exports/items.csv", params={"delimiter": "semicolon"})).content,
    ):
        report = await imported(client, content)
        assert (report["rows"], report["unchanged"], report["errors"]) == (4, 4, [])
    assert await count(db_session, LearningItemVersion.__table__) == versions
    assert (await by_external_id(db_session))["MIN-004"].title["en"] == "=HYPERLINK(x)"


async def test_export_filters_by_status_and_kind(client: httpx.AsyncClient) -> None:
    await imported(client, fixture("items_good.csv"))

    async def exported(**params: str) -> list[str]:
        content = (await client.get("/exports/items.csv", params=params)).content.decode("utf-8-sig")
        return [r["external_id"] for r in csv.DictReader(io.StringIO(content))]

    assert await exported(kind="video") == ["MIN-003"]
    assert await exported(status="draft", kind="course") == ["MIN-002"]
    assert await exported(status="published") == []


async def test_an_item_made_in_the_editor_is_exported_by_slug_and_matched_back(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    made = await create(client, "spreadsheet-basics")
    exported = (await client.get("/exports/items.csv")).content
    first = await imported(client, exported)
    assert (first["created"], first["updated"]) == (0, 1)
    assert first["items"][0]["item_id"] == made["id"]
    items = await by_external_id(db_session)
    assert list(items) == ["spreadsheet-basics"]
    assert items["spreadsheet-basics"].external_id == "spreadsheet-basics"
    again = await imported(client, exported)
    assert again["unchanged"] == 1


async def test_ministries_import_the_same_external_ids_into_their_own_items(
    app: FastAPI, client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    await imported(client, fixture("items_good.csv"))
    other = bearer(dla_token_mint, ministry(ORG_PATH[0]), roles=["content_editor"])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t", headers=other
    ) as b:
        assert "MIN-00" not in (await b.get("/exports/items.csv")).text
        changed = fixture("items_good.csv").replace(b"Strong passwords", b"Ministry B passwords")
        report = (await b.post("/imports/items", content=changed, headers=CSV)).json()
        assert report["created"] == 3
    found = list(await db_session.scalars(select(LearningItem).where(LearningItem.external_id == "MIN-001")))
    assert sorted(item.title["en"] for item in found) == ["Ministry B passwords", "Strong passwords"]
    assert len({item.owner_org_id for item in found}) == 2


async def test_platform_rows_are_shared_and_prerequisites_may_name_them(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    platform = rows(row("P-1", HEADER + ",owner", owner="platform"), header=HEADER + ",owner")
    await imported(client, platform)
    mine = rows(row("M-1", HEADER + ",prerequisites", prerequisites="P-1"), header=HEADER + ",prerequisites")
    await imported(client, mine)
    items = await by_external_id(db_session)
    assert items["P-1"].owner_org_id is None
    assert items["M-1"].prerequisites == [items["P-1"].id]


async def test_only_content_editors_import_and_export(
    app: FastAPI, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as anonymous:
        problem(
            await anonymous.post("/imports/items", content=fixture("items_good.csv"), headers=CSV),
            401,
            "unauthorized",
        )
        problem(await anonymous.get("/exports/items.csv"), 401, "unauthorized")
        learner = bearer(dla_token_mint, ORG_PATH)
        problem(
            await anonymous.post(
                "/imports/items", content=fixture("items_good.csv"), headers={**CSV, **learner}
            ),
            403,
            "forbidden",
        )
        problem(await anonymous.get("/exports/items.csv", headers=learner), 403, "forbidden")
        machine = {"Authorization": f"Bearer {dla_token_mint.client('hr-system', ORG_PATH, scope='dla')}"}
        problem(await anonymous.get("/exports/items.csv", headers=machine), 403, "forbidden")
    assert await nothing_written(db_session)


async def test_an_unknown_mode_is_a_422_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    problem(await upload(client, fixture("items_good.csv"), mode="some"), 422, "validation")
    assert await nothing_written(db_session)


async def test_a_row_that_fails_on_writing_is_reported_and_the_rest_of_its_batch_kept(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await create(client, "taken-slug")
    header = HEADER + ",slug,prerequisites"
    lines = [row(f"R{i}", header) for i in range(150)]
    lines[118] = row("R118", header, slug="taken-slug")
    lines[119] = row("R119", header, prerequisites="R118")
    content = rows(*lines, header=header)
    refused = problem(await upload(client, content), 422, "csv-invalid-rows")["report"]
    assert errors_of(refused) == {
        (120, None, "conflict"),
        (121, "prerequisites", "prerequisite_not_imported"),
    }
    assert await count(db_session, LearningItem.__table__) == 1
    report = await imported(client, content, mode="only_valid_rows")
    assert (report["created"], report["invalid"]) == (148, 2)
    assert "taken-slug" in next(e["reason"] for e in report["errors"] if e["row"] == 120)
    assert len(await by_external_id(db_session)) == 149


async def test_spreadsheet_habits_are_understood(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    content = (
        b"sep=;\r\n"
        b"External ID;Kind;Title EN;Title LT;Summary EN;Summary LT;Duration minutes;Languages;"
        b"Accessibility;Format\r\n"
        b";;;;;;;;;\r\n"
        b"X-1;Micro-lesson;Files;Failai;Where files go.;Kur dingsta failai.;7;en, lt;Screen reader friendly;"
        b"online self-paced\r\n"
        b"X-2;Micro lesson;Files 2;;S;S;7;en;;\r\n"
    )
    report = problem(await upload(client, content), 422, "csv-invalid-rows")["report"]
    # Row numbers as the spreadsheet shows them: the `sep=` line is hidden, the blank row counts.
    assert errors_of(report) == {(4, "title_lt", "required")}
    report = await imported(client, content, mode="only_valid_rows")
    item = (await by_external_id(db_session))["X-1"]
    assert (item.kind, item.format, item.accessibility) == (
        "micro_lesson",
        "online_self_paced",
        ["screen_reader_friendly"],
    )
    assert item.languages == ["en", "lt"]
