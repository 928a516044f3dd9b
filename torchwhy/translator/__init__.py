"""The translator: normalise raw input, match it to the knowledge base, build a Diagnosis."""

from torchwhy.translator.engine import explain_exception, explain_text

__all__ = ["explain_exception", "explain_text"]
