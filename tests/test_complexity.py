"""The builder's functions stay small enough to read: at most MAX_LINES lines and a
cyclomatic complexity (radon) of at most MAX_COMPLEXITY. The functions written before
this rule are listed with their figures today; they may shrink (then lower or remove
their entry) but never grow, and no new function joins them."""
from __future__ import annotations

from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Function

BUILDER = Path(__file__).resolve().parents[1] / "builder"
MAX_LINES = 40
MAX_COMPLEXITY = 15

# (module, function): (complexity, lines) as they were when the rule came in.
KNOWN = {
    ("cli.py", "main"): (7, 48),
    ("furniture.py", "_page_furniture"): (19, 18),
    ("links.py", "check_published"): (16, 27),
    ("links.py", "handle_starttag"): (16, 10),
}


def functions():
    """(module, function name, complexity, lines) of every function and method of the builder."""
    for path in sorted(BUILDER.glob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            for item in (block, *getattr(block, "methods", ())):
                if isinstance(item, Function):
                    yield path.name, item.name, item.complexity, item.endline - item.lineno + 1


def test_no_function_is_too_long_or_too_complex_and_the_old_ones_do_not_grow():
    faults = []
    for module, name, complexity, lines in functions():
        allowed = KNOWN.get((module, name), (MAX_COMPLEXITY, MAX_LINES))
        limit = (max(allowed[0], MAX_COMPLEXITY), max(allowed[1], MAX_LINES))
        if complexity > limit[0] or lines > limit[1]:
            faults.append(f"builder/{module}: {name} has complexity {complexity} and {lines} lines "
                          f"(at most {limit[0]} and {limit[1]}); split it into smaller functions")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("module, name", sorted(KNOWN))
def test_every_listed_function_still_exists(module, name):
    # An entry for a function that was split or renamed must go, or it would allow a new one.
    assert any(m == module and n == name for m, n, _, _ in functions())
