"""The provenance tracer: from a live exception to the values and modules to blame.

`trace_exception(exc)` walks the traceback once and keeps summaries only;
`Trace.culprits_for(category, captures, roles)` ranks them for one reading.
"""

from __future__ import annotations

from torchwhy.provenance.trace import FrameSummary, ModuleFacts, Operand, Trace
from torchwhy.provenance.tracer import trace_exception

__all__ = ["FrameSummary", "ModuleFacts", "Operand", "Trace", "trace_exception"]
