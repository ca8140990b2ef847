"""Contracts: `write` renders contracts/*.openapi.json from the apps; `check` shows any drift."""

from __future__ import annotations

import difflib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from gateway.app import create_app as create_gateway
from gateway.app import own_openapi
from gateway.openapi import aggregate
from kit.provision import SERVICES

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"


def render(spec: dict[str, Any]) -> str:
    """The committed form of a contract: sorted keys, two-space indent, final newline."""
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def build() -> dict[str, str]:
    """Every contract file's name and text, generated from the code as it is now."""
    specs: dict[str, dict[str, Any]] = {}
    for service in SERVICES:
        app = importlib.import_module(f"{service}.app").create_app()
        specs[service] = app.openapi()
    files = {f"{service}.openapi.json": render(spec) for service, spec in specs.items()}
    files["gateway.openapi.json"] = render(aggregate(specs, own=own_openapi(create_gateway())))
    return files


def drift() -> list[str]:
    """A unified diff per contract that differs from the committed file."""
    diffs = []
    for name, text in build().items():
        path = CONTRACTS / name
        committed = path.read_text() if path.exists() else ""
        if committed != text:
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        committed.splitlines(keepends=True),
                        text.splitlines(keepends=True),
                        fromfile=f"contracts/{name} (committed)",
                        tofile=f"contracts/{name} (code)",
                        n=2,
                    )
                )
            )
    return diffs


def main(argv: list[str]) -> int:
    """`write` or `check`."""
    if argv[1:] == ["write"]:
        CONTRACTS.mkdir(exist_ok=True)
        for name, text in build().items():
            (CONTRACTS / name).write_text(text)
            print(f"wrote contracts/{name}")
        return 0
    if argv[1:] == ["check"]:
        diffs = drift()
        for diff in diffs:
            print(diff)
        print("contracts match the code" if not diffs else "contracts drifted: run `make contracts`")
        return 1 if diffs else 0
    print("usage: contracts.py write|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
