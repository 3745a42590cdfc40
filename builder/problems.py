"""Problems found in the input: collected, printed one per line, counted at the end.

A problem names the file, the place in it, what is wrong and how to fix it. Stages add
problems and go on; the build decides at the end whether they make it fail.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A number with an English noun of the build's messages: "1 source", "3 sources"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    line: int | None  # 1-based; None when the problem concerns the whole file
    message: str
    fix: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} — fix: {self.fix}"


@dataclass
class Problems:
    """The problems of one build, in the order they were found."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str, fix: str) -> None:
        """Record an error: the input it concerns is skipped."""
        self.items.append(Problem(path, line, message, fix, ERROR))

    def warning(self, path: str, line: int | None, message: str, fix: str) -> None:
        """Record a warning: the build goes on, `--strict` makes it fail."""
        self.items.append(Problem(path, line, message, fix, WARNING))

    def crashed(self, path: str, stage: str, exc: BaseException) -> None:
        """Record that the builder itself failed on one input: a bug to report, not the user's."""
        self.error(path, None, f"the builder failed on this article while {stage} "
                               f"({type(exc).__name__}: {exc}); it is left out, the others are built",
                   "please report this with the article attached; meanwhile remove it or fix its text")

    @property
    def errors(self) -> list[Problem]:
        """The errors only."""
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings only."""
        return [p for p in self.items if p.severity == WARNING]

    def failed(self, strict: bool) -> bool:
        """Whether these problems make the build fail."""
        return bool(self.errors or (strict and self.warnings))


class ConfigError(Exception):
    """Editorial config that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def env_number(variable: str, default, parse, valid, what: str, fix: str):
    """A number an environment variable sets, else `default`: `parse` reads the text (a
    ValueError or None is no number), `valid` says whether the number can be used; a
    ConfigError names the variable, says the value is not `what`, and gives the fix."""
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    try:
        number = parse(value)
    except ValueError:
        number = None
    if number is None or not valid(number):
        raise ConfigError([Problem(variable, None, f"{value!r} is not {what}", fix)])
    return number
