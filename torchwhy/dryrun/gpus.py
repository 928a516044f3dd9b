"""Named GPUs for `--gpu NAME`: what the logical GPU reports as its name and memory."""

from __future__ import annotations

# name -> (the device name torch.cuda reports, memory in GB as sold)
KNOWN_GPUS: dict[str, tuple[str, float]] = {
    "h100": ("NVIDIA H100 80GB HBM3", 80),
    "h100-80gb": ("NVIDIA H100 80GB HBM3", 80),
    "h200": ("NVIDIA H200", 141),
    "a100": ("NVIDIA A100-SXM4-80GB", 80),
    "a100-80gb": ("NVIDIA A100-SXM4-80GB", 80),
    "a100-40gb": ("NVIDIA A100-SXM4-40GB", 40),
    "l40s": ("NVIDIA L40S", 48),
    "a10": ("NVIDIA A10", 24),
    "l4": ("NVIDIA L4", 24),
    "rtx4090": ("NVIDIA GeForce RTX 4090", 24),
    "rtx3090": ("NVIDIA GeForce RTX 3090", 24),
    "v100": ("Tesla V100-SXM2-32GB", 32),
    "t4": ("Tesla T4", 16),
}


def lookup(name: str) -> tuple[str, float] | None:
    """`"H100-80GB"`, `"a100_40gb"` → (device name, GB); None when unknown."""
    return KNOWN_GPUS.get(name.strip().lower().replace("_", "-").replace(" ", "-"))
