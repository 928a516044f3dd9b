"""One BLAS thread in a process that answers one message.

numpy's OpenBLAS starts a thread per core when numpy is imported, and they spin while they
wait: in a cold `torchwhy explain` that needs the embedding stage, whose few small matrix
products gain nothing from them, that was ~100 ms of CPU of a ~370 ms answer, with the same
wall time (`bench/speed.py --only embedding`). Only commands that answer and exit ask for
it (never `torchwhy run`, which runs the user's program), only before numpy is imported
(OpenBLAS reads the setting when it loads), and a user's own setting wins.
"""

from __future__ import annotations

import os
import sys


def one_blas_thread() -> None:
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
