"""Where an error was raised: the calling context used to choose among readings.

The same message means different things in different places (`expected scalar type Long
but found Float` at a loss is a target dtype, at an embedding an index dtype). Both a
pasted traceback (its frame lines) and a live exception (its frames, plus the modules
the provenance tracer finds) reduce to this one small value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CallContext:
    """Names seen on the failing stack, innermost last where order matters."""

    # Function names as written in frames: `cross_entropy`, `forward`, `embedding`.
    functions: tuple[str, ...] = ()
    # nn.Module class names whose forward is on the stack: `CrossEntropyLoss`, `Embedding`.
    module_types: tuple[str, ...] = ()
    # Code lines and file paths of the innermost frames, where the error was raised.
    innermost_code: tuple[str, ...] = field(default=(), repr=False)

    def merged(self, other: CallContext) -> CallContext:
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        return CallContext(
            functions=union(self.functions, other.functions),
            module_types=union(self.module_types, other.module_types),
            innermost_code=union(self.innermost_code, other.innermost_code),
        )

    @property
    def known(self) -> bool:
        """Whether there is any stack to judge an entry's context by."""
        return bool(self.functions or self.module_types or self.innermost_code)

    def shows_code(self, patterns: tuple[re.Pattern[str], ...]) -> bool:
        """True when a pattern matches a code line or file path of the innermost frames."""
        return any(p.search(line) for p in patterns for line in self.innermost_code)

    def mentions(self, names: list[str]) -> bool:
        """True when any of `names` is a function or module type on the stack."""
        seen = {n.lower() for n in self.functions + self.module_types}
        return any(name.lower() in seen for name in names)
