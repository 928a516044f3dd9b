# The checkpoint was saved from the torch.compile wrapper, so its keys carry the "_orig_mod." prefix and do not load into a plain model
# expect: compiled
# also-accept: compiled.state_dict(), state_dict
# category: checkpoint/key-mismatch
# made-at: 41
import io

import torch
import torch.nn as nn

torch.manual_seed(0)
HPARAMS = dict(in_dim=20, hidden=64, out_dim=4, lr=1e-2, steps=3)


class MLP(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.GELU(), nn.Linear(hidden, out_dim))

    def forward(self, x):
        return self.net(x)


def fit(model, steps, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        x = torch.randn(32, HPARAMS["in_dim"])
        y = torch.randint(0, HPARAMS["out_dim"], (32,))
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


model = MLP(HPARAMS["in_dim"], HPARAMS["hidden"], HPARAMS["out_dim"])
compiled = torch.compile(model, backend="eager")
print("final loss", fit(compiled, HPARAMS["steps"], HPARAMS["lr"]))

buffer = io.BytesIO()
torch.save(compiled.state_dict(), buffer)

# --- later, in the serving process ---
buffer.seek(0)
serving_model = MLP(HPARAMS["in_dim"], HPARAMS["hidden"], HPARAMS["out_dim"])
state_dict = torch.load(buffer, map_location="cpu")
serving_model.load_state_dict(state_dict)
serving_model.eval()
print(serving_model(torch.randn(2, HPARAMS["in_dim"])).softmax(-1))

# raises: RuntimeError: Error(s) in loading state_dict for MLP:
