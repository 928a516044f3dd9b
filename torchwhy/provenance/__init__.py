"""The provenance tracer: from a live exception to the values and modules to blame.

`trace_exception(exc)` walks the traceback once and keeps summaries only (a `Trace`);
`rank_culprits(trace, category, captures, roles)` ranks them for one reading.
"""

from __future__ import annotations

from torchwhy.provenance.ranking import rank_culprits
from torchwhy.provenance.trace import FrameSummary, ModuleFacts, Operand, Trace
from torchwhy.provenance.tracer import trace_exception

__all__ = ["FrameSummary", "ModuleFacts", "Operand", "Trace", "rank_culprits", "trace_exception"]
