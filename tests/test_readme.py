"""README.md and the code agree: the commands and options it names exist, every environment
variable the builder reads is documented, every module of builder/ is in its layout and
every file of content/ in its list, and the make targets it names are in the Makefile."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from builder.cli import parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = re.compile(r"python -m builder ([a-z][\w-]*)([^`\n#]*)")


def subcommands() -> dict:
    """The command line's commands: name -> its argparse parser."""
    action = next(a for a in parser()._actions if a.dest == "command")
    return dict(action.choices)


def test_every_command_the_readme_names_exists_with_its_options():
    commands = subcommands()
    named = COMMAND.findall(README)
    assert {"build", "update"} <= {name for name, _ in named}
    for name, rest in named:
        assert name in commands, f"README names `python -m builder {name}`, which the CLI lacks"
        known = {option for action in commands[name]._actions for option in action.option_strings}
        for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", rest):
            assert option in known, f"README names `python -m builder {name} … {option}`, which it lacks"


def test_every_command_of_the_cli_is_in_the_readme():
    named = {name for name, _ in COMMAND.findall(README)} | set(re.findall(r"make ([a-z]+)", README))
    missing = sorted(set(subcommands()) - named)  # `make serve` runs `python -m builder serve`
    assert not missing, f"commands the README does not name: {', '.join(missing)}"


def test_every_option_the_readme_names_exists():
    options = {option for command in [parser(), *subcommands().values()]
               for action in command._actions for option in action.option_strings}
    spans = re.findall(r"`([^`\n]+)`", README)
    for option in {o for span in spans for o in re.findall(r"(?<![\w-])--[a-z][\w-]*", span)}:
        assert option in options, f"README names `{option}`, which no command has"


def test_every_make_target_the_readme_names_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    for target in re.findall(r"`make ([a-z]+)", README):
        assert target in targets, f"README names `make {target}`, which the Makefile lacks"


READERS = ("os.environ.get", "os.getenv", "env_number")  # calls whose first argument names a variable


def environment_reads(path: Path) -> set[str]:
    """The environment variables a module reads by name: os.environ.get(X), os.environ[X], env_number(X, …),
    os.getenv(X), with X a text or a module-level name bound to one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}

    def name(node) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return constants.get(node.id) if isinstance(node, ast.Name) else None

    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in READERS and node.args:
            found.add(name(node.args[0]))
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            found.add(name(node.slice))
    return found - {None}


def test_every_environment_variable_the_builder_reads_is_documented():
    read = set().union(*(environment_reads(p) for p in sorted((ROOT / "builder").rglob("*.py"))))
    named = {m for p in sorted((ROOT / "builder").rglob("*.py"))
             for m in re.findall(r"\bBUILDER_[A-Z][A-Z0-9_]*", p.read_text(encoding="utf-8"))}
    assert {"BUILDER_MAX_ARTICLE_MB", "SOURCE_DATE_EPOCH"} <= read | named  # the search finds them
    missing = sorted(v for v in read | named if not re.search(rf"\b{v}\b", README))
    assert not missing, f"read by builder/, not documented in README.md: {', '.join(missing)}"


def test_every_module_is_in_the_layout_and_every_module_named_exists():
    layout = next(line for line in README.splitlines() if line.startswith("| `builder/` |"))
    modules = {p.stem for p in (ROOT / "builder").glob("*.py") if not p.stem.startswith("__")}
    missing = sorted(m for m in modules if f"`{m}`" not in layout)
    assert not missing, f"modules missing from the README's layout: {', '.join(missing)}"
    named = set(re.findall(r"`([a-z_]+)`", layout)) - {"lexicons"}
    assert named <= modules | {"lexicons/"}, sorted(named - modules)
    for path in re.findall(r"builder/[\w/]+\.py", README):
        assert (ROOT / path).is_file(), f"README names {path}, which does not exist"


def test_every_file_of_content_is_in_the_layout():
    layout = next(line for line in README.splitlines() if line.startswith("| `content/` |"))
    for path in sorted((ROOT / "content").iterdir()):
        shown = f"`{path.name}/`" if path.is_dir() else f"`{path.name}`"
        assert shown in layout, f"content/{path.name} is not in the README's layout"
