"""Running the crash corpus: each script under crashes/ declares, in its header, the
reading a knowledge-base entry would give and the culprit a person would name."""

from __future__ import annotations

import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

from torchwhy.diagnosis import Culprit
from torchwhy.provenance import Trace, rank_culprits, trace_exception

CRASHES_DIR = Path(__file__).parent / "crashes"
_HEADER = re.compile(r"^#\s*(?P<key>[\w-]+):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class CrashSpec:
    path: Path
    category: str
    roles: list[str]
    message_pattern: str
    expect_expression: str | None = None
    expect_module: str | None = None
    # The line of the statement that made the culprit (`made_at`), when the header says.
    expect_made_at: int | None = None
    captures: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> CrashSpec:
        header: dict[str, str] = {}
        for line in path.read_text().splitlines():
            if not line.startswith("#"):
                break
            found = _HEADER.match(line)
            if found:
                header[found["key"]] = found["value"].strip()
        literal = dict(
            item.split("=", 1) for item in header.get("captures", "").split(",") if "=" in item
        )
        return cls(
            path=path,
            category=header["category"],
            roles=[role.strip() for role in header.get("roles", "").split(",") if role.strip()],
            message_pattern=header["message"],
            expect_expression=header.get("expect"),
            expect_module=header.get("expect-module"),
            expect_made_at=int(header["expect-made-at"]) if "expect-made-at" in header else None,
            captures={key.strip(): value.strip() for key, value in literal.items()},
        )

    def matches(self, culprit: Culprit) -> bool:
        if self.expect_module is not None and culprit.module != self.expect_module:
            return False
        if self.expect_made_at is not None and (
            culprit.made_at is None or culprit.made_at.line != self.expect_made_at
        ):
            return False
        return self.expect_expression is None or culprit.expression == self.expect_expression


@dataclass
class CrashOutcome:
    spec: CrashSpec
    exception: BaseException
    trace: Trace
    captures: dict[str, str]
    culprits: list[Culprit]

    @property
    def message_matches(self) -> bool:
        return re.search(self.spec.message_pattern, str(self.exception)) is not None

    @property
    def passed(self) -> bool:
        return bool(self.culprits) and self.spec.matches(self.culprits[0])

    def describe(self) -> str:
        top = self.culprits[0] if self.culprits else None
        made = f" made at line {top.made_at.line}" if top and top.made_at else ""
        shown = (
            f"{top.expression!r} module={top.module!r}{made} ({top.reason})" if top else "nothing"
        )
        wanted = self.spec.expect_expression or self.spec.expect_module
        return f"{self.spec.path.name}: expected {wanted!r}, ranked first {shown}"


def crash_paths() -> list[Path]:
    return sorted(CRASHES_DIR.glob("*.py"))


def run_crash(path: Path) -> BaseException:
    """Run a script as `python path` would (real filename, so its source is readable)."""
    try:
        runpy.run_path(str(path), run_name="__main__")
    except Exception as error:  # the script is expected to crash
        return error
    raise AssertionError(f"{path.name} did not crash")


def trace_crash(path: Path) -> CrashOutcome:
    spec = CrashSpec.read(path)
    error = run_crash(path)
    trace = trace_exception(error)
    found = re.search(spec.message_pattern, str(error))
    captures = {**(found.groupdict() if found else {}), **spec.captures}
    captures = {key: value for key, value in captures.items() if value is not None}
    culprits = rank_culprits(trace, spec.category, captures, spec.roles)
    error.__traceback__ = None  # release the frames: the trace keeps summaries only
    return CrashOutcome(spec, error, trace, captures, culprits)
