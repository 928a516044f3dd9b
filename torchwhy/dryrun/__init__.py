"""`torchwhy dryrun`: run a training script on a logical GPU with fake tensors, to meet its
crash before a real run spends the compute to reach it. See `engine` for the script door
and `notebook` for `torchwhy.dryrun(model, data, loss_fn, optimizer)`.

This package is callable, so that `torchwhy.dryrun(...)` is the notebook function while
`torchwhy.dryrun.engine` stays importable (a function of the same name in `torchwhy` would
be replaced by this package as soon as a submodule is imported). Importing it is cheap:
torch loads on the first call.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from torchwhy.dryrun.notebook import dryrun

        return dryrun(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
