"""Refresh tokens: rotation, reuse detection (the family goes), RFC 7009 revocation, and the
revocation of everything a person holds (suspension, erasure)."""

from __future__ import annotations

import asyncio

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from sqlalchemy import select

from identity.oauth.models import AuthorizationCode, RefreshToken
from identity.oauth.tokens import revoke_person_tokens

from .factories.oauth import Provider, basic, code_flow, machine_client, person_in_new_tree, sign_in

SPA = "dla-spa"


def refresh(token: str, **extra: str) -> dict[str, str]:
    return {"grant_type": "refresh_token", "refresh_token": token, "client_id": SPA, **extra}


async def family_of(provider: Provider, person_id: object) -> list[RefreshToken]:
    async with provider.sessions() as db:
        rows = await db.scalars(
            select(RefreshToken).where(RefreshToken.person_id == person_id).order_by(RefreshToken.created_at)
        )
        return list(rows.all())


async def test_each_refresh_rotates_and_a_reused_token_revokes_the_family(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    first = await code_flow(oidc_provider, browser)
    async with AsyncOAuth2Client(client_id=SPA, token_endpoint_auth_method="none") as client:
        second = await client.refresh_token(oidc_provider.token_url, refresh_token=first["refresh_token"])
        third = await client.refresh_token(oidc_provider.token_url, refresh_token=second["refresh_token"])
    assert len({first["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3
    rows = await family_of(oidc_provider, person.id)
    assert len(rows) == 3
    assert len({row.family_id for row in rows}) == 1
    assert [row.used_at is not None for row in rows] == [True, True, False]

    # Someone replays the second token: refused, and the legitimate holder's newest one dies too.
    replay = await browser.post(oidc_provider.token_url, data=refresh(second["refresh_token"]))
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    newest = await browser.post(oidc_provider.token_url, data=refresh(third["refresh_token"]))
    assert newest.json()["error"] == "invalid_grant"
    assert all(row.revoked_at is not None for row in await family_of(oidc_provider, person.id))


async def test_two_families_are_independent(oidc_provider: Provider, browser: httpx.AsyncClient) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    laptop, phone = await code_flow(oidc_provider, browser), await code_flow(oidc_provider, browser)
    used = await browser.post(oidc_provider.token_url, data=refresh(laptop["refresh_token"]))
    assert used.status_code == 200
    assert (
        await browser.post(oidc_provider.token_url, data=refresh(laptop["refresh_token"]))
    ).status_code == 400
    assert (
        await browser.post(oidc_provider.token_url, data=refresh(phone["refresh_token"]))
    ).status_code == 200


async def test_concurrent_use_of_one_refresh_token_gives_at_most_one_new_token(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    token = await code_flow(oidc_provider, browser)
    answers = await asyncio.gather(
        *(browser.post(oidc_provider.token_url, data=refresh(token["refresh_token"])) for _ in range(4))
    )
    assert sorted(answer.status_code for answer in answers) == [200, 400, 400, 400]


async def test_a_narrower_refresh_keeps_the_grants_scope_and_a_wider_one_is_refused(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    token = await code_flow(oidc_provider, browser, scope="openid dla offline_access")
    wider = await browser.post(
        oidc_provider.token_url, data=refresh(token["refresh_token"], scope="dla email")
    )
    assert wider.json()["error"] == "invalid_scope"
    narrower = await browser.post(oidc_provider.token_url, data=refresh(token["refresh_token"], scope="dla"))
    assert narrower.status_code == 200, narrower.text
    assert narrower.json()["scope"] == "dla"
    again = await browser.post(oidc_provider.token_url, data=refresh(narrower.json()["refresh_token"]))
    assert again.json()["scope"] == "openid dla offline_access"


async def test_revocation_of_a_refresh_token_ends_its_family(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    token = await code_flow(oidc_provider, browser)
    rotated = (await browser.post(oidc_provider.token_url, data=refresh(token["refresh_token"]))).json()
    async with AsyncOAuth2Client(client_id=SPA, token_endpoint_auth_method="none") as client:
        answer = await client.revoke_token(
            f"{oidc_provider.url}/oauth2/revoke",
            token=rotated["refresh_token"],
            token_type_hint="refresh_token",
        )
    assert answer.status_code == 200
    assert (
        await browser.post(oidc_provider.token_url, data=refresh(rotated["refresh_token"]))
    ).status_code == 400
    assert all(row.revoked_at is not None for row in await family_of(oidc_provider, person.id))


async def test_revocation_answers_200_for_access_and_unknown_tokens_and_refuses_other_clients(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, tree = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    token = await code_flow(oidc_provider, browser)
    revoke = f"{oidc_provider.url}/oauth2/revoke"
    # An access token is a short-lived JWT: nothing to look up, it runs out (RFC 7009 allows 200).
    for value, hint in ((token["access_token"], "access_token"), ("never-issued", "refresh_token")):
        answer = await browser.post(revoke, data={"token": value, "token_type_hint": hint, "client_id": SPA})
        assert answer.status_code == 200
    # Another client may not revoke the SPA's token, and must authenticate to try.
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id)
    foreign = await browser.post(
        revoke, data={"token": token["refresh_token"]}, headers=basic(client_id, secret)
    )
    assert foreign.status_code == 400
    assert foreign.json()["error"] == "invalid_grant"
    wrong = await browser.post(
        revoke, data={"token": token["refresh_token"]}, headers=basic(client_id, "nope")
    )
    assert wrong.status_code == 401
    missing = await browser.post(revoke, data={"client_id": SPA})
    assert missing.json()["error"] == "invalid_request"
    assert (
        await browser.post(oidc_provider.token_url, data=refresh(token["refresh_token"]))
    ).status_code == 200


async def test_revoke_person_tokens_ends_every_refresh_token_and_pending_code(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    other, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    tokens = [await code_flow(oidc_provider, browser) for _ in range(2)]
    async with httpx.AsyncClient(base_url=oidc_provider.url) as other_browser:
        await sign_in(oidc_provider, other_browser, other)
        others = await code_flow(oidc_provider, other_browser)
    async with oidc_provider.sessions() as db, db.begin():
        assert await revoke_person_tokens(db, person.id) == 2
        pending = await db.scalars(
            select(AuthorizationCode).where(
                AuthorizationCode.person_id == person.id, AuthorizationCode.used_at.is_(None)
            )
        )
        assert pending.all() == []
    for token in tokens:
        assert (
            await browser.post(oidc_provider.token_url, data=refresh(token["refresh_token"]))
        ).status_code == 400
    assert (
        await browser.post(oidc_provider.token_url, data=refresh(others["refresh_token"]))
    ).status_code == 200
