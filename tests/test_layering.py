"""The layers point down only: nlp/ and store/ sit side by side at the bottom (on the neutral
modules kb.text, kb.gazetteer, kb.records, kb.limits, kb.errors), ingest/ above them, the CLI on
top. Read from the source with ast, so a lazy import inside a function counts too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KB = Path(__file__).resolve().parents[1] / "kb"
NEUTRAL = ("text", "gazetteer", "places", "records", "limits", "errors")


def _module_name(path: Path) -> str:
    parts = path.relative_to(KB.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports, wherever the import statement is."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found |= {f"{mod}.{a.name}" for a in node.names}  # "from . import stats"
    return found


def _forbidden(imported: set[str], layers: tuple[str, ...]) -> list[str]:
    def under(mod: str, layer: str) -> bool:
        return mod == layer or mod.startswith(layer + ".") or (layer == "kb.cli" and mod.startswith("kb.cli_"))
    return sorted(m for m in imported for layer in layers if under(m, layer))


def _modules(folder: str) -> list[Path]:
    return sorted((KB / folder).rglob("*.py")) if folder else [KB / f"{n}.py" for n in NEUTRAL]


def test_the_reader_resolves_relative_imports():
    found = imports_of(KB / "store" / "writer.py")
    assert "kb.records" in found and "kb.store.models" in found


@pytest.mark.parametrize("path", _modules("store"), ids=lambda p: p.name)
def test_store_imports_neither_nlp_nor_ingest_nor_cli(path):
    assert _forbidden(imports_of(path), ("kb.nlp", "kb.ingest", "kb.cli")) == []


@pytest.mark.parametrize("path", _modules("nlp"), ids=lambda p: p.name)
def test_nlp_imports_neither_store_nor_ingest_nor_cli(path):
    assert _forbidden(imports_of(path), ("kb.store", "kb.ingest", "kb.cli")) == []


@pytest.mark.parametrize("path", _modules(""), ids=lambda p: p.name)
def test_neutral_modules_import_no_layer(path):
    assert _forbidden(imports_of(path), ("kb.nlp", "kb.store", "kb.ingest", "kb.cli")) == []
