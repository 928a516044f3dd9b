"""The data scan: index constraints learned during the step (embedding rows, class counts)
checked over every batch of the loader they came from, data only, time-boxed.

A bad token id in batch 15 of 16 crashes a real run after most of an epoch; the two
batches a dry run steps through would not hold it. The scan reads data, never the model.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import torch
import torch.utils._pytree as pytree
from torch._subclasses.fake_tensor import unset_fake_temporarily

from torchwhy.dryrun.session import Constraint, Session, passthrough


@dataclass(frozen=True)
class DataFinding:
    loader: str
    field: str
    batch: int  # 1-based
    batches: int | None
    value: int
    bound: int
    used_as: str

    def describe(self) -> str:
        of = f" of {self.batches}" if self.batches else ""
        return (
            f"{self.loader} batch{self.field}: batch {self.batch}{of} holds the value "
            f"{self.value}, outside [0, {self.bound}) for its use as {self.used_as}; a real run "
            "crashes at that batch (CPU: 'IndexError: index out of range in self'; CUDA: a "
            "device-side assert)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "index out of range",
            "loader": self.loader,
            "field": self.field,
            "batch": self.batch,
            "batches": self.batches,
            "value": self.value,
            "bound": self.bound,
            "used_as": self.used_as,
            "message": self.describe(),
        }


def scan(session: Session) -> list[DataFinding]:
    iterate = session.extra.get("original_loader_iter")
    findings: list[DataFinding] = []
    if iterate is None:
        return findings
    for constraint in session.constraints:
        finding = _scan_one(session, constraint, iterate)
        if finding is not None:
            findings.append(finding)
    return findings


def _scan_one(session: Session, constraint: Constraint, iterate: Any) -> DataFinding | None:
    loader = constraint.loader
    try:
        batches = len(loader)
    except TypeError:
        batches = None
    started = time.monotonic()
    session.in_loader = True
    try:
        return _scan_batches(session, constraint, iterate, batches, started)
    finally:
        session.in_loader = False


def _scan_batches(
    session: Session, constraint: Constraint, iterate: Any, batches: int | None, started: float
) -> DataFinding | None:
    loader = constraint.loader
    with unset_fake_temporarily(), passthrough():
        for number, batch in enumerate(iterate(loader), 1):
            leaves = pytree.tree_leaves(batch)
            if constraint.leaf_index < len(leaves):
                value = _first_bad(leaves[constraint.leaf_index], constraint)
                if value is not None:
                    return DataFinding(
                        constraint.loader_name,
                        constraint.field_path,
                        number,
                        batches,
                        value,
                        constraint.bound,
                        constraint.used_as,
                    )
            if time.monotonic() - started > session.options.scan_seconds:
                session.note(
                    f"data scan of {constraint.loader_name} batch{constraint.field_path} "
                    f"stopped after {session.options.scan_seconds:g} s at batch {number}"
                )
                return None
    return None


def _first_bad(values: Any, constraint: Constraint) -> int | None:
    if not isinstance(values, torch.Tensor) or values.dtype.is_floating_point or not values.numel():
        return None
    bad = (values < 0) | (values >= constraint.bound)
    if constraint.ignore_index is not None:
        bad &= values != constraint.ignore_index
    if not bool(bad.any()):
        return None
    return int(values[bad][0])
