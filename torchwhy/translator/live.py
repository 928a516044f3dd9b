"""A live exception read as a ParsedError from the objects themselves: the chain from the
exceptions' `__cause__` / `__context__`, the frames from traceback's `StackSummary`, the
message from `str(exc)`. Nothing is formatted to text and parsed back, so PEP 678 notes
(ours included) never leak into the message, and the cost is a walk over the frames.

Only the message goes through the text parser, as an exception line: its own structure
(a DataLoader worker's traceback inside it, CUDA boilerplate, kernel asserts) is text.
"""

from __future__ import annotations

import traceback

from torchwhy.translator.normalize import Frame, ParsedError, parse

_HEADER_TYPE = "LiveError"
MAX_CHAIN = 32  # as deep as any real chain goes; a cycle stops earlier


def _chain(exc: BaseException) -> list[BaseException]:
    """The exceptions Python prints for `exc`, root cause first (same rules as traceback)."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(chain) < MAX_CHAIN:
        seen.add(id(current))
        chain.append(current)
        if current.__cause__ is not None:
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    return chain[::-1]


def _qualified_name(exc_type: type[BaseException]) -> str:
    name, module = exc_type.__qualname__, exc_type.__module__
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a broken __str__: what traceback itself prints
        return "<exception str() failed>"


def _frames(exc: BaseException) -> list[Frame]:
    stack = traceback.StackSummary.extract(traceback.walk_tb(exc.__traceback__))
    return [
        Frame(summary.filename, summary.lineno, summary.name, (summary.line or "").strip() or None)
        for summary in stack
    ]


def parse_live(exc: BaseException) -> ParsedError:
    """Every exception of `exc`'s chain, root cause first, with its frames."""
    read = ParsedError([])
    for link in _chain(exc):
        # The type comes from the class (a local class's `f.<locals>.E` is no exception
        # line to the parser); the header only tells the parser where the message starts.
        line = parse(f"Traceback (most recent call last):\n{_HEADER_TYPE}: {_message(link)}")
        if line.exceptions:
            this = line.exceptions[-1]
            this.qualified_type = _qualified_name(type(link))
            this.type = type(link).__name__
            # Frames shown inside the message (Dynamo's "from user code:") come after the
            # traceback's own, as in a printed traceback.
            this.frames[:0] = _frames(link)
        read.exceptions.extend(line.exceptions)
        read.kernel_asserts.extend(a for a in line.kernel_asserts if a not in read.kernel_asserts)
        read.cuda_async = read.cuda_async or line.cuda_async
    return read
