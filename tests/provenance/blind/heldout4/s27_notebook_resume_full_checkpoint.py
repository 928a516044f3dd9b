# The whole training checkpoint (model, optimizer, epoch) is passed to load_state_dict instead of its "model" entry
# expect: state
# also-accept: torch.load(CKPT), model.load_state_dict(state)
# category: checkpoint/key-mismatch
# made-at: 35
# %%
import os
import tempfile

import torch
import torch.nn as nn

CKPT = os.path.join(tempfile.mkdtemp(), "last.pt")


def make_model():
    return nn.Sequential(nn.Conv1d(4, 8, 5, padding=2), nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(8, 2))


# %%
model = make_model()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x, y = torch.randn(32, 4, 50), torch.randint(0, 2, (32,))
for epoch in range(2):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch}, CKPT)

# %%
# resume after a kernel restart
model = make_model()
state = torch.load(CKPT)
model.load_state_dict(state)
print("resumed")
