"""Access-token verification against a JWKS served by a real HTTP server."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import random
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from joserfc import jws
from joserfc.jwk import ECKey, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kit.auth import Grant, InvalidToken, KeysUnavailable, RemoteJwks, TokenVerifier
from kit.testing.servers import Served
from kit.testing.tokens import AUDIENCE, ISSUER, TokenMint, new_rsa_key

ROOT_ORG, MINISTRY, DEPARTMENT, UNIT = (uuid.uuid4() for _ in range(4))
PATH = (ROOT_ORG, MINISTRY, DEPARTMENT, UNIT)


class JwksServer:
    """Identity's JWKS endpoint stand-in: a real HTTP server whose published keys a test changes."""

    def __init__(self, mint: TokenMint) -> None:
        self.keys: list[dict[str, Any]] = [mint.key.as_dict(private=False)]
        self.fetches = 0
        self.delay = 0.02  # a real round trip, so concurrent requests overlap with it
        self.asgi = Starlette(routes=[Route("/.well-known/jwks.json", self._jwks)])

    def publish(self, *keys: RSAKey | ECKey) -> None:
        self.keys = [key.as_dict(private=False) for key in keys]

    async def _jwks(self, request: Request) -> JSONResponse:
        self.fetches += 1
        await asyncio.sleep(self.delay)
        return JSONResponse({"keys": self.keys})


@pytest.fixture
def mint() -> TokenMint:
    return TokenMint()


@pytest.fixture
def jwks(mint: TokenMint) -> Iterator[tuple[JwksServer, str]]:
    server = JwksServer(mint)
    with Served(server.asgi) as served:
        yield server, f"{served.url}/.well-known/jwks.json"


@pytest.fixture(scope="module")
def published() -> Iterator[tuple[TokenMint, str]]:
    """A mint and its JWKS server shared by the tests that change neither."""
    mint = TokenMint()
    with Served(JwksServer(mint).asgi) as served:
        yield mint, f"{served.url}/.well-known/jwks.json"


def verifier(url: str, *, leeway: int = 30, refetch: float = 10, cache: float = 300) -> TokenVerifier:
    return TokenVerifier(
        RemoteJwks(url, cache_seconds=cache),
        issuer=ISSUER,
        audience=AUDIENCE,
        leeway_seconds=leeway,
        min_refetch_seconds=refetch,
        cache_seconds=cache,
    )


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}.{b64(signature)}"


def claims(mint: TokenMint, **changes: Any) -> dict[str, Any]:
    """A person's claims per the contract; a change to None drops that claim."""
    base = mint.base_claims(str(uuid.uuid4()), "dla-spa", "dla")
    base.update(unit=str(UNIT), org_path=[str(org) for org in PATH], roles=[], grants=[])
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


async def test_a_valid_person_token_gives_its_principal(published: tuple[TokenMint, str]) -> None:
    mint, url = published
    person = uuid.uuid4()
    token = mint.person(person, PATH, roles=["learner", "supervisor"], grants=[Grant("hr_manager", MINISTRY)])

    principal = await verifier(url).verify(token)

    assert principal.subject == str(person)
    assert principal.client_id == "dla-spa"
    assert principal.person_id == person
    assert principal.unit_id == UNIT
    assert principal.org_path == PATH
    assert principal.tenant_id == MINISTRY
    assert principal.roles == {"learner", "supervisor"}
    assert principal.grants == (Grant("hr_manager", MINISTRY),)
    assert principal.scopes == {"openid", "dla"}
    assert principal.claims["iss"] == ISSUER
    assert not principal.is_machine
    with pytest.raises(TypeError):
        principal.claims["sub"] = "someone else"  # type: ignore[index]


async def test_a_client_token_is_a_machine_principal(published: tuple[TokenMint, str]) -> None:
    mint, url = published
    principal = await verifier(url).verify(mint.client("hr-system", PATH[:2], scope="scim hr.read"))

    assert principal.is_machine
    assert principal.person_id is None
    assert principal.unit_id is None
    assert principal.subject == principal.client_id == "hr-system"
    assert principal.org_path == PATH[:2]
    assert principal.tenant_id == MINISTRY
    assert principal.scopes == {"scim", "hr.read"}
    assert principal.roles == frozenset()
    assert principal.grants == ()


def _hs256_with_public_key(mint: TokenMint) -> str:
    header = {"alg": "HS256", "typ": "at+jwt", "kid": mint.key.kid}
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims(mint)).encode())}"
    secret = mint.key.as_pem(private=False)
    return f"{signing_input}.{b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())}"


def _tampered(mint: TokenMint) -> str:
    header, _, signature = mint.sign(claims(mint)).split(".")
    return f"{header}.{b64(json.dumps(claims(mint, roles=['platform_admin'])).encode())}.{signature}"


def _signed_payload(mint: TokenMint, payload: bytes) -> str:
    header = {"alg": "RS256", "typ": "at+jwt", "kid": mint.key.kid}
    return jws.serialize_compact(header, payload, mint.key, algorithms=["RS256"])


NOW = int(time.time())
REFUSED: dict[str, Callable[[TokenMint], str]] = {
    "signed by another key with the same kid": lambda m: m.sign(
        claims(m), key=RSAKey.generate_key(2048, parameters={"kid": str(m.key.kid)})
    ),
    "signed by a key that is not published": lambda m: m.sign(claims(m), key=new_rsa_key()),
    "alg none": lambda m: unsigned({"alg": "none", "typ": "at+jwt", "kid": m.key.kid}, claims(m)),
    "alg none without kid": lambda m: unsigned({"alg": "none", "typ": "at+jwt"}, claims(m)),
    "HS256 with the public key as secret": _hs256_with_public_key,
    "RS512 (not on the allow list)": lambda m: m.sign(claims(m), header={"alg": "RS512"}),
    "PS256 (not on the allow list)": lambda m: m.sign(claims(m), header={"alg": "PS256"}),
    "ES256 header over an RSA key": lambda m: unsigned(
        {"alg": "ES256", "typ": "at+jwt", "kid": m.key.kid}, claims(m), b"x" * 64
    ),
    "wrong audience": lambda m: m.sign(claims(m, aud="another-api")),
    "audience list without ours": lambda m: m.sign(claims(m, aud=["a", "b"])),
    "wrong issuer": lambda m: m.sign(claims(m, iss="https://evil.example")),
    "no issuer": lambda m: m.sign(claims(m, iss=None)),
    "expired beyond the leeway": lambda m: m.sign(claims(m, iat=NOW - 700, exp=NOW - 31)),
    "expiry not a number": lambda m: m.sign(claims(m, exp=str(NOW + 600))),
    "no expiry": lambda m: m.sign(claims(m, exp=None)),
    "issued in the future": lambda m: m.sign(claims(m, iat=NOW + 300, exp=NOW + 900)),
    "not valid yet": lambda m: m.sign(claims(m, nbf=NOW + 300)),
    "no subject": lambda m: m.sign(claims(m, sub=None)),
    "no client_id": lambda m: m.sign(claims(m, client_id=None)),
    "an ID token (typ JWT)": lambda m: m.sign(claims(m), header={"typ": "JWT"}),
    "no typ": lambda m: unsigned({"alg": "RS256", "kid": m.key.kid}, claims(m), b"s"),
    "crit header": lambda m: m.sign(claims(m), header={"crit": ["kid"]}),
    "no kid": lambda m: unsigned({"alg": "RS256", "typ": "at+jwt"}, claims(m), b"signature"),
    "claims are a list": lambda m: _signed_payload(m, b"[1, 2]"),
    "claims are not JSON": lambda m: _signed_payload(m, b"not json"),
    "claims not per contract": lambda m: m.sign(claims(m, org_path=["not-a-uuid"])),
    "person sub not a UUID": lambda m: m.sign(claims(m, sub="alice")),
    "grants not a list": lambda m: m.sign(claims(m, grants={"role": "org_admin"})),
    "tampered payload": lambda m: _tampered(m),
    "garbage": lambda m: "not-a-token",
    "empty": lambda m: "",
    "two segments": lambda m: "a.b",
    "four segments": lambda m: m.sign(claims(m)) + ".x",
    "five segments (JWE)": lambda m: "a.b.c.d.e",
    "only dots": lambda m: "..",
    "bad base64 header": lambda m: "%%%.e30.sig",
    "header not JSON": lambda m: f"{b64(b'{nope')}.e30.sig",
    "header a JSON string": lambda m: f"{b64(json.dumps('x').encode())}.e30.sig",
    "non-ASCII": lambda m: "é.ü.ß",
    "oversized": lambda m: "a" * 9000,
    "oversized but well formed": lambda m: m.sign(claims(m, padding="x" * 9000)),
}


@pytest.mark.parametrize("case", REFUSED)
async def test_tokens_that_must_not_verify_are_refused(case: str, published: tuple[TokenMint, str]) -> None:
    mint, url = published
    check = verifier(url)
    await check.verify(mint.person(uuid.uuid4(), PATH))  # the verifier works, so refusals are real

    with pytest.raises(InvalidToken) as refused:
        await check.verify(REFUSED[case](mint))

    assert refused.value.reason.startswith("the token")


@pytest.mark.parametrize("typ", ["at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"])
async def test_access_token_types_are_accepted_in_any_case(
    typ: str, published: tuple[TokenMint, str]
) -> None:
    mint, url = published
    assert (await verifier(url).verify(mint.sign(claims(mint), header={"typ": typ}))).subject


async def test_expiry_allows_the_bounded_leeway(published: tuple[TokenMint, str]) -> None:
    mint, url = published
    now = int(time.time())
    token = mint.sign(claims(mint, iat=now - 620, exp=now - 20))

    assert (await verifier(url, leeway=30).verify(token)).subject
    with pytest.raises(InvalidToken, match="expired"):
        await verifier(url, leeway=5).verify(token)


async def test_a_remembered_token_still_expires(published: tuple[TokenMint, str]) -> None:
    mint, url = published
    expires = int(time.time()) + 2
    token = mint.sign(claims(mint, exp=expires))
    check = verifier(url, leeway=0)
    await check.verify(token)
    await check.verify(token)  # remembered

    await asyncio.sleep(expires - time.time() + 0.05)

    with pytest.raises(InvalidToken, match="expired"):
        await check.verify(token)


async def test_es256_tokens_verify_against_a_published_ec_key(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    server, url = jwks
    ec_key = ECKey.generate_key("P-256", parameters={"kid": "ec-1"})
    server.publish(mint.key, ec_key)

    principal = await verifier(url).verify(mint.sign(claims(mint), key=ec_key))

    assert principal.unit_id == UNIT


async def test_after_rotation_old_and_new_keys_verify(mint: TokenMint, jwks: tuple[JwksServer, str]) -> None:
    server, url = jwks
    old_token = mint.person(uuid.uuid4(), PATH)
    check = verifier(url)
    await check.verify(old_token)

    new_key = mint.rotate()
    server.publish(*mint.key_source.published)  # identity publishes the new key beside the old
    new_token = mint.person(uuid.uuid4(), PATH)

    assert (await check.verify(new_token)).subject  # unknown kid -> one refetch -> found
    assert (await check.verify(old_token)).subject  # the old key still verifies until expiry
    assert server.fetches == 2
    assert mint.key is new_key


async def test_a_withdrawn_key_stops_verifying_once_the_cache_ages(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    server, url = jwks
    token = mint.person(uuid.uuid4(), PATH)
    check = verifier(url, cache=0.3, refetch=0.3)
    await check.verify(token)
    await check.verify(token)  # remembered: no new fetch
    assert server.fetches == 1

    server.publish(new_rsa_key())
    await asyncio.sleep(0.4)

    with pytest.raises(InvalidToken, match="unknown key"):
        await check.verify(token)


async def test_unknown_kids_refetch_at_most_once_per_interval(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    server, url = jwks
    check = verifier(url, refetch=0.5)
    await check.verify(mint.person(uuid.uuid4(), PATH))
    fetched = server.fetches
    forged = [mint.sign(claims(mint), key=new_rsa_key()) for _ in range(3)]

    for token in forged * 5:
        with pytest.raises(InvalidToken, match="unknown key"):
            await check.verify(token)
    assert server.fetches == fetched + 1

    await asyncio.sleep(0.6)
    with pytest.raises(InvalidToken, match="unknown key"):
        await check.verify(forged[0])
    assert server.fetches == fetched + 2


async def test_concurrent_requests_share_one_fetch(mint: TokenMint, jwks: tuple[JwksServer, str]) -> None:
    server, url = jwks
    check = verifier(url)
    tokens = [mint.person(uuid.uuid4(), PATH) for _ in range(20)]

    await asyncio.gather(*(check.verify(token) for token in tokens))  # cold cache
    assert server.fetches == 1

    mint.rotate()
    server.publish(*mint.key_source.published)
    rotated = [mint.person(uuid.uuid4(), PATH) for _ in range(20)]
    principals = await asyncio.gather(*(check.verify(token) for token in rotated))  # all the new kid
    assert len(principals) == 20
    assert server.fetches == 2


async def test_requests_do_not_wait_for_a_slow_periodic_reload(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    server, url = jwks
    check = verifier(url, cache=0.2)
    tokens = [mint.person(uuid.uuid4(), PATH) for _ in range(10)]
    for token in tokens:
        await check.verify(token)
    await asyncio.sleep(0.3)  # the keys are due for a reload ...
    server.delay = 1.5  # ... and identity is slow to answer

    requests = [asyncio.create_task(check.verify(token)) for token in tokens]
    done, pending = await asyncio.wait(requests, timeout=0.5)

    assert len(done) == 9  # only the request that reloads waits for identity
    await asyncio.gather(*pending)
    assert server.fetches == 2


async def test_junk_in_the_jwks_is_skipped_and_never_trusted(
    mint: TokenMint, jwks: tuple[JwksServer, str]
) -> None:
    server, url = jwks
    secret = b"published-by-mistake"
    server.keys = [
        {"kty": "oct", "kid": "hmac", "k": b64(secret)},
        {"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"},
        {"kty": "RSA", "n": "no-kid"},
        "not an object",  # type: ignore[list-item]
        {**mint.key.as_dict(private=False), "use": "enc", "kid": "encryption-only"},
        mint.key.as_dict(private=False),
    ]
    check = verifier(url)
    header = {"alg": "HS256", "typ": "at+jwt", "kid": "hmac"}
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims(mint)).encode())}"
    forged = f"{signing_input}.{b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())}"

    assert (await check.verify(mint.person(uuid.uuid4(), PATH))).subject
    with pytest.raises(InvalidToken):
        await check.verify(forged)
    with pytest.raises(InvalidToken, match="unknown key"):
        await check.verify(mint.sign(claims(mint), header={"kid": "encryption-only"}))


async def test_unreachable_jwks_means_unavailable_but_garbage_is_still_invalid() -> None:
    check = verifier("http://127.0.0.1:9/.well-known/jwks.json")

    with pytest.raises(KeysUnavailable):
        await check.verify(TokenMint().person(uuid.uuid4(), PATH))
    with pytest.raises(InvalidToken):
        await check.verify("garbage")


async def test_keys_outlive_a_failed_refresh(mint: TokenMint) -> None:
    server = JwksServer(mint)
    token = mint.person(uuid.uuid4(), PATH)
    with Served(server.asgi) as served:
        check = verifier(f"{served.url}/.well-known/jwks.json", cache=0.2)
        await check.verify(token)
    await asyncio.sleep(0.3)  # the cache has aged and identity is gone

    assert (await check.verify(token)).subject
    assert (await check.verify(mint.person(uuid.uuid4(), PATH))).subject


async def test_mangled_tokens_are_refused_never_crash(published: tuple[TokenMint, str]) -> None:
    mint, url = published
    check = verifier(url)
    token = mint.person(uuid.uuid4(), PATH)
    await check.verify(token)
    alphabet = 'ABCxyz019-_.=+/ \x00é{}"'
    rng = random.Random(3)
    mangled_tokens: set[str] = set()
    while len(mangled_tokens) < 400:
        chars = list(token)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(chars))
            action = rng.choice(("replace", "delete", "insert"))
            if action == "replace":
                chars[at] = rng.choice(alphabet)
            elif action == "delete":
                del chars[at]
            else:
                chars.insert(at, rng.choice(alphabet))
        if (mangled := "".join(chars)) != token:  # a replacement by the same character changes nothing
            mangled_tokens.add(mangled)
    refused = 0
    for mangled in mangled_tokens:
        try:
            await check.verify(mangled)
        except InvalidToken:
            refused += 1
        # anything other than InvalidToken fails the test
    assert refused == 400  # joserfc's base64 is strict, so no change to the text goes unnoticed
