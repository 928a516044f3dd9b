# The state dict is taken from the torch.compile wrapper, whose keys carry an "_orig_mod." prefix
# expect: compiled.state_dict()
# also-accept: compiled
# category: checkpoint/key-mismatch
# made-at: 34
import io

import torch
import torch.nn as nn


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(8, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x):
        return self.out(torch.relu(self.proj(x)))


torch.manual_seed(0)
model = Scorer()
compiled = torch.compile(model, backend="eager")
opt = torch.optim.SGD(compiled.parameters(), lr=0.1)
for _ in range(3):
    x = torch.randn(16, 8)
    loss = compiled(x).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()

buffer = io.BytesIO()
torch.save({"weights": compiled.state_dict(), "step": 3}, buffer)
buffer.seek(0)

# --- later, in the serving process ---
ckpt = torch.load(buffer)
server_model = Scorer()
server_model.load_state_dict(ckpt["weights"])
print(server_model(torch.randn(1, 8)))
