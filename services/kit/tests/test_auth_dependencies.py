"""The FastAPI dependencies answer with problems; the relation helpers decide by subtree and person."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any, ClassVar

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import MetaData
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kit.app import create_service_app
from kit.auth import (
    CurrentPrincipal,
    Grant,
    OptionalPrincipal,
    Principal,
    RemoteJwks,
    TokenVerifier,
    governs,
    governs_any,
    is_self,
    is_supervisor_of,
    principal_from_claims,
    require_roles,
    require_scopes,
)
from kit.events.tables import EventTables
from kit.problems import install_problem_handlers
from kit.settings import ServiceSettings, settings_config
from kit.testing.plugin import problem
from kit.testing.servers import Served
from kit.testing.tokens import AUDIENCE, ISSUER, TokenMint

ROOT, MINISTRY, DEPARTMENT, UNIT = (uuid.uuid4() for _ in range(4))
PATH = (ROOT, MINISTRY, DEPARTMENT, UNIT)
OTHER_MINISTRY = (ROOT, uuid.uuid4(), uuid.uuid4())


def routes() -> APIRouter:
    router = APIRouter()

    @router.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"sub": principal.subject}

    @router.get("/maybe")
    async def maybe(principal: OptionalPrincipal) -> dict[str, str | None]:
        return {"sub": principal.subject if principal else None}

    @router.get("/scim")
    async def scim(principal: Annotated[Principal, Depends(require_scopes("scim"))]) -> dict[str, str]:
        return {"sub": principal.subject}

    @router.get("/editing")
    async def editing(
        principal: Annotated[Principal, Depends(require_roles("content_editor"))],
    ) -> dict[str, str]:
        return {"sub": principal.subject}

    return router


@pytest.fixture(scope="module")
def mint() -> TokenMint:
    return TokenMint()


@pytest.fixture
async def client(mint: TokenMint) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.token_verifier = TokenVerifier(mint.key_source, issuer=ISSUER, audience=AUDIENCE)
    app.include_router(routes())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield http


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_current_principal_needs_a_token(client: httpx.AsyncClient) -> None:
    missing = problem(await client.get("/me"), 401, "unauthorized")
    assert missing["detail"] == "Sign in to use this"
    response = await client.get("/me")
    assert response.headers["www-authenticate"] == 'Bearer realm="dla"'  # no error code: none was sent


async def test_a_bad_token_is_401_invalid_token(client: httpx.AsyncClient, mint: TokenMint) -> None:
    stranger = TokenMint()
    for token in ("nonsense", stranger.person(uuid.uuid4(), PATH), "a" * 20000):
        response = await client.get("/me", headers=bearer(token))
        body = problem(response, 401, "unauthorized")
        assert body["detail"].startswith("the token")
        assert response.headers["www-authenticate"].startswith('Bearer realm="dla", error="invalid_token"')


async def test_another_scheme_is_401_invalid_request(client: httpx.AsyncClient) -> None:
    for header in ("Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer "):
        response = await client.get("/me", headers={"Authorization": header})
        problem(response, 401, "unauthorized")
        assert 'error="invalid_request"' in response.headers["www-authenticate"]


async def test_a_good_token_gives_the_principal(client: httpx.AsyncClient, mint: TokenMint) -> None:
    person = uuid.uuid4()
    response = await client.get("/me", headers=bearer(mint.person(person, PATH)))
    assert response.status_code == 200
    assert response.json() == {"sub": str(person)}


async def test_optional_principal_is_none_without_a_header_and_401_with_a_bad_one(
    client: httpx.AsyncClient, mint: TokenMint
) -> None:
    assert (await client.get("/maybe")).json() == {"sub": None}
    problem(await client.get("/maybe", headers=bearer("nonsense")), 401, "unauthorized")
    problem(await client.get("/maybe", headers={"Authorization": "Basic abc"}), 401, "unauthorized")
    person = uuid.uuid4()
    assert (await client.get("/maybe", headers=bearer(mint.person(person, PATH)))).json() == {
        "sub": str(person)
    }


async def test_a_missing_scope_is_403_insufficient_scope(client: httpx.AsyncClient, mint: TokenMint) -> None:
    response = await client.get("/scim", headers=bearer(mint.person(uuid.uuid4(), PATH)))

    body = problem(response, 403, "insufficient-scope")
    assert "scim" in body["detail"]
    assert (
        response.headers["www-authenticate"] == 'Bearer realm="dla", error="insufficient_scope", scope="scim"'
    )
    allowed = await client.get("/scim", headers=bearer(mint.client("hr", PATH[:2], scope="scim")))
    assert allowed.status_code == 200
    problem(await client.get("/scim"), 401, "unauthorized")


async def test_a_missing_role_is_403(client: httpx.AsyncClient, mint: TokenMint) -> None:
    learner = mint.person(uuid.uuid4(), PATH)
    editor = mint.person(uuid.uuid4(), PATH, roles=["learner", "content_editor"])
    admin = mint.person(uuid.uuid4(), PATH, roles=["platform_admin"])

    problem(await client.get("/editing", headers=bearer(learner)), 403, "forbidden")
    assert (await client.get("/editing", headers=bearer(editor))).status_code == 200
    assert (await client.get("/editing", headers=bearer(admin))).status_code == 200


class DemoSettings(ServiceSettings):
    service: ClassVar[str] = "demo"
    model_config = settings_config("demo")


def service_app(settings: ServiceSettings, **kwargs: Any) -> FastAPI:
    return create_service_app(
        settings,
        title="demo",
        description="demo",
        routers=[routes()],
        events=EventTables.on(MetaData(schema="demo")),
        **kwargs,
    )


@pytest.fixture(scope="module")
def identity_jwks(mint: TokenMint) -> Iterator[str]:
    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse(mint.jwks())

    with Served(Starlette(routes=[Route("/.well-known/jwks.json", jwks)])) as served:
        yield served.url


async def test_a_service_app_verifies_against_the_jwks_its_settings_name(
    mint: TokenMint, identity_jwks: str
) -> None:
    settings = DemoSettings(auth_issuer=ISSUER, auth_jwks_url=f"{identity_jwks}/.well-known/jwks.json")
    app = service_app(settings)
    verifier: TokenVerifier = app.state.token_verifier
    assert isinstance(verifier.source, RemoteJwks)
    assert (verifier.issuer, verifier.audience, verifier.leeway_seconds) == (ISSUER, AUDIENCE, 30)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as http:
        assert (await http.get("/me", headers=bearer(mint.person(uuid.uuid4(), PATH)))).status_code == 200
        problem(
            await http.get("/me", headers=bearer(TokenMint().person(uuid.uuid4(), PATH))), 401, "unauthorized"
        )


async def test_a_service_may_bring_its_own_key_source(mint: TokenMint) -> None:
    # Identity does this: it verifies against its own key table, without HTTP.
    app = service_app(DemoSettings(auth_jwks_url="http://127.0.0.1:9/unused"), key_source=mint.key_source)
    fetched = mint.key_source.fetches

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as http:
        assert (await http.get("/me", headers=bearer(mint.person(uuid.uuid4(), PATH)))).status_code == 200
    assert mint.key_source.fetches == fetched + 1


async def test_unreachable_keys_are_503_with_retry_after_not_401(mint: TokenMint) -> None:
    app = service_app(DemoSettings(auth_jwks_url="http://127.0.0.1:9/.well-known/jwks.json"))

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as http:
        response = await http.get("/me", headers=bearer(mint.person(uuid.uuid4(), PATH)))
        problem(response, 503, "unavailable")
        assert response.headers["retry-after"] == "5"
        problem(await http.get("/me", headers=bearer("garbage")), 401, "unauthorized")


def person(person_id: uuid.UUID, **claims: Any) -> Principal:
    return principal_from_claims(
        {
            "sub": str(person_id),
            "client_id": "dla-spa",
            "scope": "dla",
            "unit": str(UNIT),
            "org_path": [str(org) for org in PATH],
            "tenant": str(MINISTRY),
            "roles": ["learner"],
            "grants": [],
            **claims,
        }
    )


def machine(org_path: tuple[uuid.UUID, ...]) -> Principal:
    return principal_from_claims(
        {
            "sub": "hr-system",
            "client_id": "hr-system",
            "scope": "hr.read",
            "org_path": [str(o) for o in org_path],
        }
    )


ME, BOSS = uuid.uuid4(), uuid.uuid4()
HR = person(ME, grants=[{"role": "hr_manager", "org": str(DEPARTMENT)}])
ADMIN = person(ME, roles=["platform_admin"])
LEARNER = person(ME)
MACHINE = machine(PATH[:2])


@pytest.mark.parametrize(
    ("principal", "role", "target", "expected"),
    [
        (HR, "hr_manager", PATH, True),  # the unit is under the department
        (HR, "hr_manager", PATH[:3], True),  # the department itself
        (HR, "hr_manager", PATH[:2], False),  # the ministry above it
        (HR, "org_admin", PATH, False),  # a grant holds for its role only
        (HR, "hr_manager", OTHER_MINISTRY, False),
        (LEARNER, "hr_manager", PATH, False),
        (ADMIN, "org_admin", OTHER_MINISTRY, True),
        (ADMIN, "hr_manager", (), True),
        (MACHINE, "hr_manager", PATH, True),  # its own organisation's subtree
        (MACHINE, "org_admin", PATH[:2], True),
        (MACHINE, "hr_manager", PATH[:1], False),  # the country above its ministry
        (MACHINE, "hr_manager", OTHER_MINISTRY, False),
        (machine(()), "hr_manager", PATH, False),  # a client without an organisation governs nothing
    ],
)
def test_governs(principal: Principal, role: str, target: tuple[uuid.UUID, ...], expected: bool) -> None:
    assert governs(principal, role, target) is expected


def test_governs_any_is_any_of_the_roles() -> None:
    assert governs_any(HR, ["org_admin", "hr_manager"], PATH)
    assert not governs_any(HR, ["org_admin", "mentor"], PATH)
    assert not governs_any(HR, [], PATH)


def test_is_self_and_is_supervisor_of() -> None:
    boss = person(BOSS)
    assert is_self(LEARNER, ME)
    assert not is_self(LEARNER, BOSS)
    assert not is_self(MACHINE, ME)
    # `is_supervisor_of(p, x)`: p is the supervisor recorded as x on someone's record.
    assert is_supervisor_of(boss, BOSS)
    assert not is_supervisor_of(LEARNER, BOSS)
    assert not is_supervisor_of(LEARNER, None)
    assert not is_supervisor_of(MACHINE, BOSS)


def test_a_principal_is_a_person_or_a_machine() -> None:
    assert (LEARNER.person_id, LEARNER.unit_id, LEARNER.is_machine) == (ME, UNIT, False)
    assert (MACHINE.person_id, MACHINE.unit_id, MACHINE.is_machine) == (None, None, True)
    assert MACHINE.tenant_id is None  # no `tenant` claim
    assert [p.is_platform_admin for p in (ADMIN, HR, LEARNER, MACHINE)] == [True, False, False, False]
    assert HR.grants == (Grant("hr_manager", DEPARTMENT),)
