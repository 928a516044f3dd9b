# Features were cached under torch.inference_mode(), and inference tensors cannot be saved for the head's backward
# expect: torch.inference_mode()
# also-accept: cached_feats
# category: autograd/inference-tensor
# made-at: 18
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
backbone = nn.Sequential(nn.Linear(40, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
raw = torch.randn(300, 40)
targets = torch.randint(0, 3, (300,))

# %%
# cache the backbone features once so the probe trains fast
backbone.eval()
with torch.inference_mode():
    cached_feats = backbone(raw)
print(cached_feats.shape)

# %%
head = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 3))
opt = torch.optim.Adam(head.parameters(), lr=1e-3)

# %%
for epoch in range(3):
    logits = head(cached_feats)
    loss = nn.functional.cross_entropy(logits, targets)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(epoch, loss.item())
