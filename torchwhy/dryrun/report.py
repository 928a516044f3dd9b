"""What a dry run found, as plain data: for the terminal, for `--report FILE.json` and for
tests. Holds summaries only, never tensors, frames or the exception."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from typing import Any

from torchwhy.diagnosis import Diagnosis, place
from torchwhy.dryrun.data_scan import DataFinding
from torchwhy.dryrun.layers import LayerRow, format_table
from torchwhy.dryrun.memory import MemoryEstimate
from torchwhy.dryrun.phases import PHASES
from torchwhy.dryrun.session import Assumption

# Exit statuses of `torchwhy dryrun`.
EXIT_PASSED = 0  # the step ran; nothing found
EXIT_USER_BUG = 1  # the script crashes as a real run would: your bug
EXIT_FINDING = 2  # the step ran, but the data scan or the memory estimate says a real run fails
EXIT_CANNOT_CONTINUE = 3  # the dry run could not go on (a limit of the tool, not your bug)

STATUS = {
    EXIT_PASSED: "passed",
    EXIT_USER_BUG: "crashed",
    EXIT_FINDING: "findings",
    EXIT_CANNOT_CONTINUE: "could not go on",
}


@dataclass
class Crash:
    """The error a real run would raise, where, and when it would get there."""

    exception_type: str
    message: str
    file: str | None
    line: int | None
    code: str | None
    when: str  # "at batch 16 of 16 (the last, partial batch)", "only on a GPU"
    traceback: str

    cell: str | None = None  # IPython's name for the notebook cell `file` is (`In[3]`)

    @property
    def where(self) -> str:
        if self.cell is not None:  # `Cell In[3], line 4`, as IPython says
            return place(self.file, self.line, self.cell)
        return f"{os.path.basename(self.file)}:{self.line}" if self.file else "?"


@dataclass
class DryRunReport:
    target: str
    exit_code: int
    seconds: float
    phases: dict[str, str]  # phase reached -> where (loader position) it was first reached
    stopped_because: str  # "script end", "DataLoader(...) asked for epoch 3", a crash
    crash: Crash | None = None
    diagnosis: Diagnosis | None = None
    limit: str | None = None  # why the dry run could not go on
    data_findings: list[DataFinding] = field(default_factory=list)
    memory: MemoryEstimate | None = None
    layers: list[LayerRow] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    file_writes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return STATUS[self.exit_code]

    @property
    def findings(self) -> list[str]:
        found = [finding.describe() for finding in self.data_findings]
        if self.memory is not None and not self.memory.fits:
            found.append(f"memory: {self.memory.describe()}")
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "status": self.status,
            "exit_code": self.exit_code,
            "seconds": round(self.seconds, 3),
            "diagnosis": self.diagnosis.to_dict() if self.diagnosis else None,
            "crash": asdict(self.crash) if self.crash else None,
            "limit": self.limit,
            "stopped_because": self.stopped_because,
            "phases": [
                {"phase": phase, "reached": phase in self.phases, "where": self.phases.get(phase)}
                for phase in PHASES
            ],
            "findings": [f.to_dict() for f in self.data_findings]
            + (
                [{"kind": "memory", "message": self.memory.describe()}]
                if self.memory is not None and not self.memory.fits
                else []
            ),
            "assumptions": [asdict(a) for a in self.assumptions],
            "file_writes": self.file_writes,
            "memory": self.memory.to_dict() if self.memory else None,
            "layers": [row.to_dict() for row in self.layers],
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, default=str)

    def summary_text(self, *, table: bool = False) -> str:
        """The part under the traceback and the reading: phases, findings, memory, assumptions."""
        lines = [f"torchwhy dryrun: {self.status} in {self.seconds:.1f} s ({self.stopped_because})"]
        if self.crash is not None:
            lines.append(f"  a real run reaches this {self.crash.when}")
        if self.limit:
            lines.append(f"  the dry run could not go on: {self.limit}")
        lines.append(
            "  phases: " + ", ".join(f"{p} {'✓' if p in self.phases else '✗'}" for p in PHASES)
        )
        for finding in self.findings:
            lines.append(f"  FINDING {finding}")
        if self.memory is not None and self.memory.fits:
            lines.append(f"  memory {self.memory.describe()}")
        if self.assumptions:
            lines.append("  assumptions (values a real run computes from the model):")
            for a in self.assumptions:
                lines.append(f"    {_short(a.where)}: {a.what} -> assumed {a.value}")
                if a.code:
                    lines.append(f"        {a.code}")
        if self.file_writes:
            lines.append("  file writes (virtual, nothing written):")
            lines.extend(f"    {w}" for w in self.file_writes)
        lines.extend(f"  note: {n}" for n in self.notes)
        if table and self.layers:
            lines.append("")
            lines.append(format_table(self.layers))
        return "\n".join(lines)


def _short(where: str) -> str:
    """`file:line` relative to the working directory when it is inside it."""
    if where.startswith("Cell "):  # a notebook cell: `Cell In[3], line 4`
        return where
    path, _, line = where.rpartition(":")
    relative = os.path.relpath(path) if path and not path.startswith("?") else path
    return f"{path if relative.startswith('..') else relative}:{line}"


def render_report(report: DryRunReport, *, color: bool = False, table: bool = False) -> str:
    """The terminal view: the real run's traceback, the reading, then the dry run's summary."""
    parts: list[str] = []
    if report.crash is not None:
        parts.append(report.crash.traceback.rstrip())
    if report.diagnosis is not None and report.diagnosis.is_known:
        from torchwhy.render import render_text

        parts.append(render_text(report.diagnosis, color=color, full=False).rstrip())
    parts.append(report.summary_text(table=table))
    return "\n\n".join(parts) + "\n"
