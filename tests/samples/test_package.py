"""The sample generator is test-data tooling: it may use the ingest package, never the product."""

import ast
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_samples_import_nothing_of_the_product() -> None:
    files = sorted(SAMPLES.glob("*.py"))
    assert files
    product = {
        f"{path.name}: {module}"
        for path in files
        for module in _imported_modules(path)
        if module.split(".")[0] in {"statswh", "evaluation", "expectations"}
    }
    assert not product
