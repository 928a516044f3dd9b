# an experiment cell widened the shared config after the checkpoint was saved, so the evaluation model no longer matches it
# expect: cfg["hidden"] = 128
# also-accept: eval_model.load_state_dict(torch.load(CKPT))
# category: checkpoint/config
# made-at: 45
# %%
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)
cfg = {"in_dim": 20, "hidden": 64, "classes": 3, "epochs": 8}
CKPT = os.path.join(tempfile.mkdtemp(), "mlp.pt")

X = torch.randn(600, cfg["in_dim"])
y = (X[:, 0] > 0).long() + (X[:, 1] > 0.5).long()
X_tr, y_tr, X_te, y_te = X[:500], y[:500], X[500:], y[500:]


def make_mlp(cfg):
    return nn.Sequential(nn.Linear(cfg["in_dim"], cfg["hidden"]), nn.ReLU(),
                         nn.Linear(cfg["hidden"], cfg["classes"]))


def fit(model, epochs):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(epochs):
        for i in range(0, len(X_tr), 50):
            loss = nn.functional.cross_entropy(model(X_tr[i:i + 50]), y_tr[i:i + 50])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return loss.item()


# %%
model = make_mlp(cfg)
print("baseline loss", fit(model, cfg["epochs"]))
torch.save(model.state_dict(), CKPT)

# %%
# try a wider network, just for a quick look
cfg["hidden"] = 128
wide = make_mlp(cfg)
print("wide loss", fit(wide, 3))

# %%
eval_model = make_mlp(cfg)
eval_model.load_state_dict(torch.load(CKPT))
eval_model.eval()
with torch.no_grad():
    acc = (eval_model(X_te).argmax(1) == y_te).float().mean()
print("test acc", acc.item())
