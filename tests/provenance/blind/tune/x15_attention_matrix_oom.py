# Naive full attention over max_len=1_000_000 tokens tries to allocate a (L x L) score matrix on the host
# expect: cfg.max_len
# also-accept: scores
# category: memory/host-out-of-memory
# made-at: 10
from types import SimpleNamespace

import torch

cfg = SimpleNamespace(max_len=1_000_000, dim=8)
q = torch.randn(1, cfg.max_len, cfg.dim)
k = torch.randn(1, cfg.max_len, cfg.dim)
scores = q @ k.transpose(1, 2)
print(scores.shape)

# raises: RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)
