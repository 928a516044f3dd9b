"""A script that needs a CUDA-only package."""

import torch
from flash_attn import flash_attn_func  # noqa: F401

print(torch.ones(1))
