"""Catalog search under load: 10,000 items, 100 concurrent searches through the gateway.

Provisions a scratch database (on `DLA_DATABASE_URL`, a superuser URL, when set, otherwise on an
embedded PostgreSQL under `.dla/`), migrates the catalog, bulk-loads the items with the same folding
and lexicon code the items service uses (texts built from the seed micro-lessons, so words and
lengths are real), starts the catalog service and the gateway on free loopback ports, and keeps
100 clients searching for a few seconds with a realistic mix: Lithuanian and English words, typos,
inflected forms, filters, sort orders, browsing without words and next pages. Prints p50/p95/p99
latency and throughput; the database is dropped afterwards.

    .venv/bin/python scripts/bench_catalog.py [--items 10000] [--clients 100] [--seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import insert, text

from catalog.items.models import LearningItem
from catalog.search.indexing import index_words, item_words, search_fields
from catalog.workshops.models import Workshop, WorkshopSession
from kit import embedded
from kit.db import make_engine, make_sessionmaker
from kit.provision import plain_url
from kit.testing.plugin import migrated_database
from kit.testing.servers import app_process, free_port

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "services/catalog"
LESSONS = CATALOG / "src/catalog/seed_data/lessons"
# The issue asks for the figures, not a target; this is the team's aim for a search to feel instant.
AIM_P95_MS = 300.0
FEW_CLIENTS = 5
KINDS = ["micro_lesson"] * 5 + ["course"] * 2 + ["video", "external_course", "use_case", "document"]
FEATURES = ["captions", "transcript", "screen_reader_friendly", "easy_to_read"]
TOPICS = [
    ("for beginners", "pradedantiesiems"),
    ("in practice", "praktikoje"),
    ("for managers", "vadovams"),
    ("a checklist", "kontrolinis sąrašas"),
    ("case study", "atvejo analizė"),
    ("in ten minutes", "per dešimt minučių"),
    ("for municipalities", "savivaldybėms"),
    ("for ministries", "ministerijoms"),
]
# What readers type: words in both languages, typos, Lithuanian case endings, several words.
QUERIES = [
    "slaptazodis", "slaptažodžio", "pasword", "passwords", "asmens duomenų", "asmens duomenys",
    "duomenu apsauga", "phising", "sukčiavimas", "paieška", "search operators", "skaiciuokle",
    "spreadsheet formulas", "dirbtinis intelektas", "AI assistant", "nuotoliniai susitikimai",
    "hybrid meetings", "autorių teisės", "copyright", "atviri duomenys", "open data", "e-paslaugos",
    "kibernetinis incidentas", "cyber incident", "prieinami dokumentai", "accessible documents",
    "vaizdo irasai", "video", "komandos igudziai", "learning plan", "zalieji pirkimai", "green IT",
    "elektroniniai valdzios vartai", "shared document", "bendras darbas", "el. parašas",
    "kaip saugiai dalytis failais", "troubleshooting", "gedimu paieska", "automatizavimas",
]  # fmt: skip


def lessons() -> list[dict[str, Any]]:
    """The seed micro-lessons: their texts are what the generated items are made of."""
    found: list[dict[str, Any]] = []
    for path in sorted(LESSONS.glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"no seed lessons in {LESSONS}")
    return found


def generated_items(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """`count` published items, each a seed lesson's texts under a varied title and metadata."""
    source, now, orgs = lessons(), datetime.now(UTC), [uuid.uuid4() for _ in range(5)]
    rows = []
    for n in range(count):
        lesson = source[n % len(source)]
        en_topic, lt_topic = TOPICS[(n // len(source)) % len(TOPICS)]
        title = {"en": f"{lesson['title']['en']}: {en_topic}", "lt": f"{lesson['title']['lt']}: {lt_topic}"}
        tags = lesson["competences"]
        private = rng.random() < 0.05
        rated = rng.randint(0, 30)
        rows.append(
            {
                "id": uuid.uuid4(),
                "slug": f"bench-{n:05d}",
                "kind": "workshop" if n % 50 == 0 else rng.choice(KINDS),
                "title": title,
                "summary": lesson["summary"],
                "body": lesson["body"],
                "duration_minutes": rng.choice([5, 6, 10, 12, 15, 20, 30, 45, 60, 90, 120, 240]),
                "languages": rng.choice([["en", "lt"], ["en", "lt"], ["lt"], ["en"]]),
                "accessibility": sorted(rng.sample(FEATURES, rng.randint(0, 3))),
                "competence_levels": tags,
                "competences": [t["code"] for t in tags],
                "level_min": min(t["level_min"] for t in tags),
                "level_max": max(t["level_max"] for t in tags),
                "visibility": "organisation" if private else "public",
                "owner_org_id": rng.choice(orgs) if private else None,
                "status": "published" if rng.random() < 0.97 else rng.choice(["draft", "retired"]),
                "rating_count": rated,
                "rating_sum": sum(rng.randint(2, 5) for _ in range(rated)),
                "published_at": now - timedelta(minutes=n),
                **search_fields(
                    title, [lesson["summary"], lesson["body"], " ".join(t["code"] for t in tags)]
                ),
            }
        )
    return rows


async def load(url: str, count: int, seed: int) -> tuple[int, float]:
    """Insert the items, their lexicon words and workshop sessions; (lexicon words, seconds)."""
    rng, started = random.Random(seed), time.perf_counter()
    rows = generated_items(count, rng)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            for start in range(0, len(rows), 500):
                await session.execute(insert(LearningItem), rows[start : start + 500])
            words: set[str] = set()
            for row in rows:
                words.update(item_words(row))
            await index_words(session, words)
            workshops = [r for r in rows if r["kind"] == "workshop"]
            await session.execute(
                insert(Workshop),
                [
                    {"item_id": r["id"], "format": "online", "meeting_url": "https://meet.example.org"}
                    for r in workshops
                ],
            )
            soon = datetime.now(UTC) + timedelta(days=7)
            sessions = [
                {
                    "item_id": r["id"],
                    "starts_at": soon + timedelta(days=i),
                    "ends_at": soon + timedelta(days=i, hours=2),
                    "capacity": 20,
                }
                for i, r in enumerate(workshops)
                if i % 4
            ]
            await session.execute(insert(WorkshopSession), sessions)
        # The steady state autovacuum keeps: fresh statistics, and the GIN indexes' pending
        # entries (every row of a bulk load) merged, which index scans otherwise read one by one.
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("learning_item", "search_word", "workshop", "workshop_session"):
                await connection.execute(text(f"VACUUM ANALYZE catalog.{table}"))
    finally:
        await engine.dispose()
    return len(words), time.perf_counter() - started


def random_search(rng: random.Random) -> dict[str, Any]:
    """One reader's search: mostly words (sometimes with a filter or another order), sometimes
    browsing by filters only."""
    params: dict[str, Any] = {"limit": 20}
    if rng.random() < 0.8:
        params["q"] = rng.choice(QUERIES)
    filters: list[dict[str, Any]] = [
        {"kind": rng.choice(KINDS)},
        {"competence": f"{rng.randint(1, 5)}.{rng.randint(1, 3)}"},
        {"level": rng.randint(1, 8)},
        {"duration": rng.choice(["short", "medium", "long"])},
        {"language": rng.choice(["en", "lt"])},
        {"accessibility": rng.choice(FEATURES)},
        {"has_upcoming_session": "true"},
    ]
    for extra in rng.sample(filters, rng.choice([0, 0, 1, 1, 2] if "q" in params else [1, 2, 3])):
        params.update(extra)
    if rng.random() < 0.15:
        params["sort"] = rng.choice(["newest", "title", "duration", "rating"])
    params["lang"] = rng.choice(["lt", "lt", "en"])
    return params


async def hammer(gateway: str, clients: int, seconds: float, seed: int) -> dict[str, Any]:
    """`clients` concurrent readers searching for `seconds`; some follow the next page."""
    latencies: list[float] = []
    kinds: dict[str, list[float]] = {"words": [], "browse": [], "next page": []}
    statuses: Counter[int] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=gateway, limits=limits, timeout=30) as http:
        deadline = time.monotonic() + seconds

        async def reader(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            while time.monotonic() < deadline:
                params = random_search(rng)
                cursor = await one(http, params, "words" if "q" in params else "browse")
                if cursor and rng.random() < 0.3:
                    await one(http, {**params, "cursor": cursor}, "next page")

        async def one(http: httpx.AsyncClient, params: dict[str, Any], kind: str) -> str | None:
            started = time.perf_counter()
            response = await http.get("/api/catalog/search", params=params)
            elapsed = (time.perf_counter() - started) * 1000
            statuses[response.status_code] += 1
            latencies.append(elapsed)
            kinds[kind].append(elapsed)
            if response.status_code != 200:
                return None
            cursor: str | None = response.json()["next_cursor"]
            return cursor

        started = time.perf_counter()
        await asyncio.gather(*(reader(n) for n in range(clients)))
        wall = time.perf_counter() - started
    return {"latencies": latencies, "kinds": kinds, "statuses": statuses, "wall": wall}


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) >= 2 else (values or [0.0])[0]


def report(result: dict[str, Any], clients: int) -> float:
    """Print the figures; returns the p95."""
    latencies, statuses = result["latencies"], result["statuses"]
    p50, p95, p99 = (percentile(latencies, p) for p in (50, 95, 99))
    print(f"{len(latencies)} searches by {clients} concurrent clients in {result['wall']:.1f} s")
    print(f"  throughput        {len(latencies) / result['wall']:8.1f} searches/s")
    print(f"  latency (ms)      p50 {p50:7.1f}   p95 {p95:7.1f}   p99 {p99:7.1f}   max {max(latencies):7.1f}")
    for kind, values in result["kinds"].items():
        if len(values) >= 2:
            print(
                f"    {kind:<14}  p50 {percentile(values, 50):7.1f}   p95 {percentile(values, 95):7.1f}"
                f"   ({len(values)} searches)"
            )
    print(f"  statuses          {dict(statuses)}")
    verdict = "within" if p95 < AIM_P95_MS else "over"
    print(f"  p95 {p95:.1f} ms, {verdict} our {AIM_P95_MS:.0f} ms aim")
    return p95


def _process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: dict[str, int], admin: str, database: str) -> dict[str, float]:
    """CPU used so far by the catalog, the gateway, this client and the database's backends
    (of this database only: the machine may be shared)."""
    with psycopg.connect(plain_url(admin), autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,)).fetchall()
    backends = sum(_process_cpu(int(pid)) for (pid,) in rows)
    own = sum(os.times()[:2])
    return {**{name: _process_cpu(pid) for name, pid in pids.items()}, "database": backends, "client": own}


def serve(stack: ExitStack, service_url: str) -> tuple[str, dict[str, int]]:
    """Start the catalog and the gateway; the gateway's address and the processes' ids."""
    service_port, gateway_port = free_port(), free_port()
    common = {"DLA_LOG_FORMAT": "text", "DLA_LOG_LEVEL": "WARNING"}
    upstreams = {"identity": f"http://127.0.0.1:{free_port()}", "catalog": f"http://127.0.0.1:{service_port}"}
    pids: dict[str, int] = {}
    for name, port, env, ready in [
        (
            "catalog",
            service_port,
            {**common, "DLA_CATALOG_DATABASE_URL": service_url, "DLA_CATALOG_DISPATCH_ENABLED": "false"},
            "/health/ready",
        ),
        (
            "gateway",
            gateway_port,
            # Identity is not started: anonymous searches never make the gateway fetch its keys.
            {**common, "DLA_GATEWAY_UPSTREAMS": json.dumps(upstreams)},
            "/health/live",
        ),
    ]:
        process = stack.enter_context(
            app_process(f"{name}.app:create_app", port, env, ready=ready, timeout=60)
        )
        pids[name] = process.pid
    return f"http://127.0.0.1:{gateway_port}", pids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    items, clients = max(100, min(args.items, 200_000)), max(1, min(args.clients, 1000))
    seconds = max(2.0, min(args.seconds, 300.0))
    name = f"dla_bench_catalog_{os.getpid()}"
    with (
        embedded.superuser_url("DLA_DATABASE_URL", "bench-pgdata") as admin,
        migrated_database(admin, name, "catalog", CATALOG) as url,
    ):
        words, took = asyncio.run(load(url, items, args.seed))
        print(f"catalog search benchmark: {items} items ({words} lexicon words) loaded in {took:.1f} s")
        with ExitStack() as stack:
            gateway, pids = serve(stack, url)
            asyncio.run(hammer(gateway, clients, 2.0, args.seed + 1))  # warm up caches and connections
            measure(gateway, pids, admin, name, clients, seconds, args.seed)
            # The same searches by a few readers: the latency of one search when nothing queues.
            measure(gateway, pids, admin, name, FEW_CLIENTS, min(seconds, 5.0), args.seed + 2)


def measure(
    gateway: str, pids: dict[str, int], admin: str, database: str, clients: int, seconds: float, seed: int
) -> None:
    """One measured run, its figures and the CPU each process spent per search."""
    before = cpu_seconds(pids, admin, database)
    result = asyncio.run(hammer(gateway, clients, seconds, seed))
    used = {k: v - before.get(k, 0.0) for k, v in cpu_seconds(pids, admin, database).items()}
    report(result, clients)
    searches = max(len(result["latencies"]), 1)
    print("  CPU per search (ms):  " + "   ".join(f"{k} {v * 1000 / searches:.1f}" for k, v in used.items()))
    print(f"  machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work included)")


if __name__ == "__main__":
    main()
