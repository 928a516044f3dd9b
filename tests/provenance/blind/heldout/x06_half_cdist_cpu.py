# Embeddings cast to half "for speed" on the CPU, where cdist has no Half kernel
# expect: emb
# category: backend/op-not-implemented
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)
encoder = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 16))
queries = torch.randn(5, 32)
gallery = torch.randn(20, 16).half()

with torch.no_grad():
    emb = encoder(queries).half()
dists = torch.cdist(emb, gallery)
print(dists.argmin(1))

# raises: NotImplementedError: "cdist" not implemented for 'Half'
