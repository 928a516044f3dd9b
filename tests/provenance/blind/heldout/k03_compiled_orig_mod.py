# state_dict saved from the torch.compile wrapper carries the "_orig_mod." prefix and no longer matches the plain model
# expect: compiled
# category: checkpoint/key-mismatch
# made-at: 26
import io

import torch
import torch.nn as nn

torch.manual_seed(0)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(6, 12)
        self.l2 = nn.Linear(12, 2)

    def forward(self, x):
        return self.l2(torch.relu(self.l1(x)))


model = MLP()
compiled = torch.compile(model)
buf = io.BytesIO()
torch.save(compiled.state_dict(), buf)

buf.seek(0)
fresh = MLP()
fresh.load_state_dict(torch.load(buf))

fresh.eval()
with torch.no_grad():
    probe = torch.randn(3, 6)
    assert torch.allclose(fresh(probe), model(probe)), "reloaded model differs"
print("checkpoint round-trip ok")

# raises: RuntimeError: Error(s) in loading state_dict for MLP
