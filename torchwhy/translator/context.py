"""Re-export: CallContext lives in `torchwhy.call_context`, a leaf module that both the
translator and the provenance tracer use (provenance does not import the translator)."""

from torchwhy.call_context import CallContext

__all__ = ["CallContext"]
