"""Framework read endpoints: the list, the full tree, one competence; problems for bad keys and codes."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import FrameworkDocument
from assessment.frameworks.service import import_framework
from assessment.seed import load_reference
from kit.testing.plugin import problem

from .factories.frameworks import framework_document

CACHEABLE = "public, max-age=300"


@pytest.fixture
async def digcomp(db_session: AsyncSession) -> None:
    await load_reference(db_session)


@pytest.fixture
async def retired_version(db_session: AsyncSession) -> None:
    document = framework_document("digcomp-2.1", status="retired", published_year=2017)
    await import_framework(db_session, FrameworkDocument.model_validate(document))


@pytest.mark.usefixtures("digcomp", "retired_version")
async def test_list_shows_versions_newest_first_and_filters_by_status(client: httpx.AsyncClient) -> None:
    response = await client.get("/frameworks")
    assert response.status_code == 200
    assert response.headers["cache-control"] == CACHEABLE
    body = response.json()
    assert (body["total"], body["limit"], body["offset"]) == (2, 20, 0)
    assert [f["key"] for f in body["items"]] == ["digcomp-2.2", "digcomp-2.1"]
    assert body["items"][0] == {
        "key": "digcomp-2.2",
        "version": "2.2",
        "title": {
            "en": "DigComp 2.2: The Digital Competence Framework for Citizens",
            "lt": "DigComp 2.2: piliečių skaitmeninės kompetencijos sistema",
        },
        "status": "active",
        "published_year": 2022,
    }
    retired = (await client.get("/frameworks", params={"status": "retired"})).json()
    assert [f["key"] for f in retired["items"]] == ["digcomp-2.1"]
    assert retired["total"] == 1


@pytest.mark.usefixtures("digcomp", "retired_version")
async def test_list_pages(client: httpx.AsyncClient) -> None:
    body = (await client.get("/frameworks", params={"limit": 1, "offset": 1})).json()
    assert [f["key"] for f in body["items"]] == ["digcomp-2.1"]
    assert body["total"] == 2


@pytest.mark.parametrize("params", [{"status": "draft"}, {"limit": 0}, {"limit": 101}, {"offset": -1}])
async def test_list_refuses_bad_query(client: httpx.AsyncClient, params: dict[str, str | int]) -> None:
    problem(await client.get("/frameworks", params=params), 422, "validation")


@pytest.mark.usefixtures("digcomp")
async def test_framework_tree_has_areas_competences_and_levels_in_order(client: httpx.AsyncClient) -> None:
    response = await client.get("/frameworks/digcomp-2.2")
    assert response.status_code == 200
    assert response.headers["cache-control"] == CACHEABLE
    body = response.json()
    assert [area["code"] for area in body["areas"]] == ["1", "2", "3", "4", "5"]
    assert [len(area["competences"]) for area in body["areas"]] == [3, 6, 4, 4, 4]
    safety = body["areas"][3]
    assert safety["title"] == {"en": "Safety", "lt": "Sauga"}
    assert [c["code"] for c in safety["competences"]] == ["4.1", "4.2", "4.3", "4.4"]
    assert safety["competences"][3]["title"]["en"] == "Protecting the environment"
    assert set(safety["competences"][0]["description"]) == {"en", "lt"}
    assert [level["level"] for level in body["levels"]] == list(range(1, 9))
    assert body["levels"][0]["name"] == {"en": "Foundation 1", "lt": "Pradinis 1"}
    assert body["levels"][0]["band"] == "foundation"


@pytest.mark.usefixtures("digcomp")
async def test_one_competence_with_its_area(client: httpx.AsyncClient) -> None:
    response = await client.get("/frameworks/digcomp-2.2/competences/2.4")
    assert response.status_code == 200
    assert response.headers["cache-control"] == CACHEABLE
    body = response.json()
    assert body["framework"] == "digcomp-2.2"
    assert body["code"] == "2.4"
    assert body["position"] == 3
    assert body["title"] == {
        "en": "Collaborating through digital technologies",
        "lt": "Bendradarbiavimas naudojantis skaitmeninėmis technologijomis",
    }
    assert body["area"] == {
        "code": "2",
        "title": {"en": "Communication and collaboration", "lt": "Komunikacija ir bendradarbiavimas"},
    }


@pytest.mark.usefixtures("digcomp", "retired_version")
async def test_competence_codes_belong_to_one_version(client: httpx.AsyncClient) -> None:
    older = (await client.get("/frameworks/digcomp-2.1/competences/1.1")).json()
    assert older["title"]["en"] == "Finding data"
    problem(await client.get("/frameworks/digcomp-2.1/competences/2.4"), 404, "not-found")


@pytest.mark.usefixtures("digcomp")
@pytest.mark.parametrize(
    "path",
    [
        "/frameworks/digcomp-9.9",
        "/frameworks/digcomp-9.9/competences/1.1",
        "/frameworks/digcomp-2.2/competences/6.1",
    ],
)
async def test_unknown_framework_or_competence_is_not_found(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    problem(response, 404, "not-found")
    assert "cache-control" not in response.headers


@pytest.mark.parametrize(
    "path",
    [
        "/frameworks/DigComp",
        "/frameworks/digcomp_2.2",
        "/frameworks/" + "a" * 41,
        "/frameworks/digcomp-2.2/competences/1",
        "/frameworks/digcomp-2.2/competences/1.1.1",
        "/frameworks/digcomp-2.2/competences/0.1",
        "/frameworks/digcomp-2.2/competences/x.y",
    ],
)
async def test_malformed_key_or_code_is_invalid(client: httpx.AsyncClient, path: str) -> None:
    problem(await client.get(path), 422, "validation")
