"""The committed contracts are what the code serves."""

import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("contracts_script", ROOT / "scripts" / "contracts.py")
assert spec
assert spec.loader
contracts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(contracts)


def test_committed_contracts_match_the_code() -> None:
    diffs = contracts.drift()
    assert not diffs, "contracts drifted; run `make contracts`:\n" + "\n".join(diffs)[:20000]


def test_every_operation_has_a_stable_id_and_documents_its_problems() -> None:
    for name, text in contracts.build().items():
        if name == "gateway.openapi.json":
            continue
        spec = contracts.json.loads(text)
        ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
        assert len(ids) == len(set(ids)), name
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                errors = [s for s in operation["responses"] if s.startswith(("4", "5"))]
                if path.startswith("/health/live"):
                    continue
                assert errors, f"{name} {method.upper()} {path} documents no problem responses"


def test_the_spas_api_types_are_generated_from_the_committed_contract() -> None:
    frontend = ROOT / "frontend"
    generated = subprocess.run(
        ["npx", "openapi-typescript", "../contracts/gateway.openapi.json"],
        cwd=frontend,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    committed = (frontend / "src" / "api" / "schema.d.ts").read_text()
    assert generated == committed, "frontend/src/api/schema.d.ts is stale; run `make contracts`"
