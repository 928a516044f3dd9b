"""Which parts of a training script the dry run reached, and where a real run would be
when it reaches the same line."""

from __future__ import annotations

from dataclasses import dataclass, field

PHASES = (
    "forward",
    "backward",
    "optimizer step",
    "second backward",
    "validation",
    "checkpoint save",
    "checkpoint load",
    "post-training",
    "script end",
)


@dataclass
class LoaderPosition:
    """The batch a DataLoader is serving: its dry-run epoch and its place in a real epoch."""

    loader_name: str
    epoch: int  # 0-based dry-run epoch
    batch: int  # 0-based index within the real epoch
    batches: int | None  # batches in a real epoch, when the loader has a length
    partial: bool = False  # the last batch is smaller than batch_size

    def describe(self) -> str:
        of = f" of {self.batches}" if self.batches else ""
        text = f"{self.loader_name}, epoch {self.epoch + 1}, batch {self.batch + 1}{of}"
        if self.partial:
            text += " (the last, partial batch)"
        elif self.batches and self.batch + 1 == self.batches and self.batch > 0:
            text += " (the last batch)"
        return text


@dataclass
class Progress:
    reached: dict[str, str] = field(default_factory=dict)  # phase -> where it was first reached
    backwards: int = 0
    optimizer_steps: int = 0
    steps_outside_loaders: int = 0  # a hand-written batching loop: limited separately
    position: LoaderPosition | None = None  # the batch being served now
    active_loaders: int = 0
    training_loader_done: bool = False
    events: int = 0  # forwards, backwards, steps, batches: a clock for "nothing since"
    # A loader left mid-epoch (a `break`, or an exception unwinding the loop), and the clock
    # then: if nothing ran since, a crash happened at that batch.
    abandoned: tuple[LoaderPosition, int] | None = None

    def tick(self) -> None:
        self.events += 1

    def crash_position(self) -> LoaderPosition | None:
        if self.position is not None:
            return self.position
        if self.abandoned is not None and self.abandoned[1] == self.events:
            return self.abandoned[0]
        return None

    def reach(self, phase: str) -> None:
        if phase not in self.reached:
            self.reached[phase] = self.position.describe() if self.position else ""

    def current_phase(self) -> str:
        """The furthest phase reached so far: where a crash now happens."""
        reached = [p for p in PHASES if p in self.reached]
        return reached[-1] if reached else "setup"

    def when_real_run_reaches(self, gpu_only: bool) -> str:
        """A sentence on how late a real run would meet the crash."""
        parts: list[str] = []
        if gpu_only:
            parts.append("only on a GPU: a CPU run never raises this")
        position = self.crash_position()
        if self.training_loader_done and position is None:
            parts.append("after all of training (post-training code)")
        elif position is not None:
            if position.epoch > 0:
                parts.append(f"in epoch {position.epoch + 1}, after a full epoch")
            if position.batches and position.batch > 0:
                parts.append(
                    f"at batch {position.batch + 1} of {position.batches}"
                    + (" (the last, partial batch)" if position.partial else "")
                )
            if not parts:
                parts.append("at the first batch")
        elif self.backwards == 0:
            parts.append("before the first training step")
        return "; ".join(parts) if parts else "during setup"
