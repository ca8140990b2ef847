"""`make run`: the whole platform on one machine, with supervised processes and prefixed logs.

Uses `DLA_DATABASE_URL` (a superuser URL) when set, otherwise an embedded PostgreSQL under
`./.dla/pgdata`. Creates roles and schemas, migrates and seeds every service, builds the SPA
when its sources changed, starts the four services and the gateway, restarts a process that
dies, and stops everything on Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from kit import embedded
from kit.migrate import migrate
from kit.provision import SERVICES, provision, service_url

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("DLA_STATE_DIR", ROOT / ".dla")).resolve()
# Named after PostgreSQL's major version: another major's data folder cannot be opened.
PGDATA = STATE / f"pgdata-pg{embedded.PG_MAJOR}"
COLOURS = {"identity": 35, "assessment": 36, "pathways": 33, "catalog": 32, "gateway": 34}
SERVICE_OFFSETS = {"identity": 1, "assessment": 2, "pathways": 3, "catalog": 4}


def log(message: str) -> None:
    """A line of the launcher's own."""
    print(f"\033[1mdla\033[0m       | {message}", flush=True)


def load_secrets(path: Path) -> dict[str, str]:
    """Role passwords, the webhook, ALTCHA and demo HR client secrets: made once, kept in
    .dla/secrets.json (mode 600)."""
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}

    def webhook_secret() -> str:
        return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()

    makers: dict[str, Callable[[], str]] = {
        **{service: lambda: secrets.token_urlsafe(24) for service in SERVICES},
        "webhook": webhook_secret,
        "altcha": lambda: secrets.token_urlsafe(32),
        "hr_client": lambda: secrets.token_urlsafe(32),
    }
    missing = {name: make() for name, make in makers.items() if name not in stored}
    if missing:
        # A state directory from an older version gains the new secrets and keeps the old ones.
        stored.update(missing)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
    return stored


def spa_needs_build(frontend: Path) -> bool:
    """Whether frontend/dist is missing or older than any source the SPA is built from."""
    index = frontend / "dist" / "index.html"
    if not index.exists():
        return True
    built = index.stat().st_mtime
    sources = [frontend / "src", frontend / "index.html", frontend / "package.json", ROOT / "contracts"]
    for source in sources:
        files = source.rglob("*") if source.is_dir() else [source]
        if any(f.is_file() and f.stat().st_mtime > built for f in files):
            return True
    return False


def build_spa() -> None:
    """npm ci (when node_modules is missing) and npm run build."""
    frontend = ROOT / "frontend"
    if not (frontend / "node_modules").exists():
        log("installing the SPA's packages (npm ci) ...")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=frontend, check=True)
    log("building the SPA (npm run build) ...")
    subprocess.run(["npm", "run", "build"], cwd=frontend, check=True)


@dataclass
class Process:
    """One supervised child process."""

    name: str
    argv: list[str]
    env: dict[str, str]
    proc: asyncio.subprocess.Process | None = None
    restarts: int = 0
    started_at: float = field(default=0.0)


class Supervisor:
    """Starts children, prefixes their output, restarts the ones that die, stops them all."""

    def __init__(self, processes: list[Process]) -> None:
        self.processes = processes
        self.stopping = False

    async def run(self) -> None:
        """Start every process and keep each alive until stop() is called."""
        await asyncio.gather(*(self._keep_alive(p) for p in self.processes))

    async def _keep_alive(self, process: Process) -> None:
        while not self.stopping:
            process.started_at = time.monotonic()
            process.proc = await asyncio.create_subprocess_exec(
                *process.argv,
                env=process.env,
                cwd=ROOT,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
            )
            await self._pump(process)
            code = await process.proc.wait()
            if self.stopping:
                return
            # Back off when a process keeps dying quickly, so a broken one does not spin.
            quick = time.monotonic() - process.started_at < 10
            process.restarts = process.restarts + 1 if quick else 1
            delay = min(2 ** (process.restarts - 1), 30)
            log(f"{process.name} exited with {code}; restarting in {delay}s")
            await asyncio.sleep(delay)

    async def _pump(self, process: Process) -> None:
        assert process.proc
        assert process.proc.stdout
        prefix = f"\033[{COLOURS.get(process.name, 37)}m{process.name:<10}\033[0m| "
        async for raw in process.proc.stdout:
            sys.stdout.write(prefix + raw.decode(errors="replace"))
            sys.stdout.flush()

    async def stop(self) -> None:
        """SIGTERM every child, SIGKILL what is still alive after 10 s."""
        self.stopping = True
        alive = [p.proc for p in self.processes if p.proc and p.proc.returncode is None]
        for proc in alive:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
        try:
            await asyncio.wait_for(asyncio.gather(*(p.wait() for p in alive)), timeout=10)
        except TimeoutError:
            for proc in alive:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()


def public_url(args: argparse.Namespace) -> str:
    """The one address of the platform: the OIDC issuer, the SPA's origin and its redirect URIs."""
    host = "127.0.0.1" if args.host in ("127.0.0.1", "0.0.0.0") else args.host  # noqa: S104
    return f"http://{host}:{args.port}"


def auth_env(args: argparse.Namespace, ports: dict[str, int]) -> dict[str, str]:
    """Token settings every process shares; services fetch the JWKS from identity directly."""
    return {
        "DLA_AUTH_ISSUER": public_url(args),
        "DLA_AUTH_JWKS_URL": f"http://127.0.0.1:{ports['identity']}/.well-known/jwks.json",
    }


def identity_env(args: argparse.Namespace, keys: dict[str, str]) -> dict[str, str]:
    """The identity provider's public address, its SPA client, ALTCHA key and dev mailbox."""
    public = public_url(args)
    return {
        "DLA_IDENTITY_PUBLIC_BASE_URL": public,
        "DLA_IDENTITY_SPA_REDIRECT_URIS": json.dumps([f"{public}/auth/callback"]),
        "DLA_IDENTITY_SPA_POST_LOGOUT_REDIRECT_URIS": json.dumps([f"{public}/"]),
        "DLA_IDENTITY_ALTCHA_HMAC_KEY": keys["altcha"],
        "DLA_IDENTITY_DEV_MAILBOX_DIR": str(STATE / "mailbox"),
    }


def plan_processes(args: argparse.Namespace, admin_url: str, keys: dict[str, str]) -> list[Process]:
    """The command line and environment of every service and the gateway."""
    python = sys.executable
    ports = {s: args.service_port_base + offset for s, offset in SERVICE_OFFSETS.items()}
    base_env = {
        **os.environ,
        "DLA_ENVIRONMENT": os.environ.get("DLA_ENVIRONMENT", "development"),
        "DLA_LOG_FORMAT": os.environ.get("DLA_LOG_FORMAT", "text"),
        "DLA_WEBHOOK_SECRET": keys["webhook"],
        "PYTHONUNBUFFERED": "1",
        **auth_env(args, ports),
    }
    subscribers = {
        "catalog": [
            {
                "name": "pathways",
                "url": f"http://127.0.0.1:{ports['pathways']}/events",
                "events": ["catalog.item.*"],
            },
            {
                "name": "identity",
                "url": f"http://127.0.0.1:{ports['identity']}/events",
                "events": [
                    "catalog.registration.*",
                    "catalog.workshop.session_cancelled",
                    "catalog.workshop.reminder",
                ],
            },
        ],
        "identity": [
            {
                "name": "assessment",
                "url": f"http://127.0.0.1:{ports['assessment']}/events",
                "events": ["identity.person.*", "identity.profile.updated"],
            },
            {
                "name": "catalog",
                "url": f"http://127.0.0.1:{ports['catalog']}/events",
                "events": [
                    "identity.person.created",
                    "identity.person.erased",
                    "identity.person.renamed",
                    "identity.person.supervisor_changed",
                ],
            },
        ],
    }
    processes = []
    for service in SERVICES:
        env = {
            **base_env,
            f"DLA_{service.upper()}_DATABASE_URL": service_url(
                admin_url, service, keys[service], database=args.database
            ),
        }
        if service == "identity":
            env.update(identity_env(args, keys))
        if service in subscribers:
            env[f"DLA_{service.upper()}_EVENT_SUBSCRIBERS"] = json.dumps(subscribers[service])
        processes.append(
            Process(
                service,
                [
                    python,
                    "-m",
                    "uvicorn",
                    "--factory",
                    f"{service}.app:create_app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(ports[service]),
                    "--no-access-log",
                ],
                env,
            )
        )
    upstreams = {s: f"http://127.0.0.1:{p}" for s, p in ports.items()}
    gateway_env = {
        **base_env,
        "DLA_GATEWAY_UPSTREAMS": json.dumps(upstreams),
        "DLA_GATEWAY_PORT": str(args.port),
    }
    processes.append(
        Process(
            "gateway",
            [
                python,
                "-m",
                "uvicorn",
                "--factory",
                "gateway.app:create_app",
                "--host",
                args.host,
                "--port",
                str(args.port),
                "--no-access-log",
            ],
            gateway_env,
        )
    )
    return processes


async def wait_ready(url: str, within: float) -> bool:
    """Poll the gateway's platform health until every service answers ready."""
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=2) as client:
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return True
            await asyncio.sleep(0.25)
    return False


def prepare(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    """Database, roles, schemas, migrations and seed data; returns the admin URL and secrets."""
    admin_url = args.database_url or os.environ.get("DLA_DATABASE_URL")
    if not admin_url:
        log(f"starting the embedded PostgreSQL in {PGDATA} ...")
        _server, admin_url = embedded.start(PGDATA, keep_running=True)
    keys = load_secrets(STATE / "secrets.json")
    # The demo HR system's client is created by identity's demo seed with this secret.
    os.environ.setdefault("DLA_IDENTITY_DEMO_HR_CLIENT_SECRET", keys["hr_client"])
    provision(admin_url, args.database, {s: keys[s] for s in SERVICES})
    for service in SERVICES:
        url = service_url(admin_url, service, keys[service], database=args.database)
        ran = migrate(service, url=url, reference=True, demo=not args.no_demo)
        log(f"{service}: schema migrated" + (f", {', '.join(ran)}" if ran else ""))
    return admin_url, keys


async def serve(args: argparse.Namespace, admin_url: str, keys: dict[str, str], started: float) -> int:
    """Run the processes until a signal; returns the exit code."""
    supervisor = Supervisor(plan_processes(args, admin_url, keys))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(supervisor.run())
    public = public_url(args)
    if await wait_ready(f"http://127.0.0.1:{args.port}/api/health", args.ready_timeout):
        log(f"ready in {time.monotonic() - started:.1f}s: open {public}/  (API docs: {public}/api/docs)")
        log("demo data: see README 'Demo data'; stop with Ctrl-C")
        if not args.no_demo:
            secret = os.environ["DLA_IDENTITY_DEMO_HR_CLIENT_SECRET"]
            log(f"demo HR system client: vrm-hr-system, secret {secret} (kept in {STATE / 'secrets.json'})")
    else:
        log(f"not every service became ready within {args.ready_timeout:.0f}s; see the logs above")
    await stop.wait()
    log("stopping ...")
    await supervisor.stop()
    runner.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await runner
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Run the whole DLA platform on this machine.")
    parser.add_argument("--database-url", help="superuser URL; default DLA_DATABASE_URL or embedded")
    parser.add_argument("--database", default=os.environ.get("DLA_DATABASE_NAME", "dla"))
    parser.add_argument("--host", default=os.environ.get("DLA_GATEWAY_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("DLA_GATEWAY_PORT", "8000")))
    parser.add_argument("--service-port-base", type=int, default=8100)
    parser.add_argument("--no-demo", action="store_true", help="load reference data only")
    parser.add_argument("--skip-spa-build", action="store_true")
    parser.add_argument("--ready-timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        admin_url, keys = prepare(args)
        if not args.skip_spa_build and spa_needs_build(ROOT / "frontend"):
            build_spa()
        return asyncio.run(serve(args, admin_url, keys, started))
    finally:
        if not (args.database_url or os.environ.get("DLA_DATABASE_URL")):
            embedded.stop(PGDATA)
            log("embedded PostgreSQL stopped")


if __name__ == "__main__":
    sys.exit(main())
