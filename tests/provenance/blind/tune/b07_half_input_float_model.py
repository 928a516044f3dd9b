# Inputs cast to half "to save memory" while the model weights stay float32
# expect: batch
# category: dtype/input-weight-mismatch
# made-at: 11
import torch
import torch.nn as nn

torch.manual_seed(0)
encoder = nn.Sequential(nn.Linear(64, 128), nn.GELU(), nn.Linear(128, 32))
batch = torch.randn(16, 64)
batch = batch.half()
with torch.no_grad():
    emb = encoder(batch)
print(emb.norm(dim=1))

# raises: RuntimeError: mat1 and mat2 must have the same dtype, but got Half and Float
