"""The code's shape: the import graph of generator/ has no circle (imports
inside functions count too), and no module grows much over 300 lines."""
import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"


def modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        rel = p.relative_to(ROOT).with_suffix("")
        out[".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)] = p
    return out


def imports(name: str, path: Path, known: dict) -> set[str]:
    """The generator modules one module imports (a submodule named in
    `from . import x` is an import of x, not of the package)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else node.module
            subs = {f"{base}.{a.name}" for a in node.names} & set(known)
            out |= subs | ({base} if len(subs) < len(node.names) else set())
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m in known and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while not comp or comp[-1] != v:
                comp.append(stack.pop())
                on.discard(comp[-1])
            if len(comp) > 1:
                found.append(sorted(comp))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph["generator.pipeline"] >= {"generator.derive", "generator.rules"}  # the reader sees imports
    assert cycles(graph) == []
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]  # and would see a circle


def test_no_module_much_over_300_lines():
    long = {name: n for name, p in modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 320}
    assert long == {}


def test_the_command_line_starts_before_the_heavy_imports():
    """`python -m generator` must set up its Ctrl-C handling at once: the
    pipeline, WeasyPrint and the writers are imported by the commands."""
    import subprocess
    import sys
    code = "import sys, generator.__main__; print(sorted(m for m in sys.modules if m.startswith(('generator.pipeline', 'weasyprint', 'docx'))))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
