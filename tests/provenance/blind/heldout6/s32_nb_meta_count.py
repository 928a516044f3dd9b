# the model was built under the meta device for a cheap parameter count and that same object is then trained
# expect: torch.device("meta")
# also-accept: model = build_model(cfg)
# category: device/model
# made-at: 24
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
cfg = {"d_in": 64, "width": 1024, "depth": 6, "n_out": 10, "lr": 1e-3}


def build_model(cfg):
    layers = [nn.Linear(cfg["d_in"], cfg["width"]), nn.GELU()]
    for _ in range(cfg["depth"] - 2):
        layers += [nn.Linear(cfg["width"], cfg["width"]), nn.GELU()]
    layers.append(nn.Linear(cfg["width"], cfg["n_out"]))
    return nn.Sequential(*layers)


# %%
# how big is this thing before we allocate anything?
with torch.device("meta"):
    model = build_model(cfg)
n_params = sum(p.numel() for p in model.parameters())
print(f"{n_params / 1e6:.2f}M parameters")

# %%
X = torch.randn(512, cfg["d_in"])
y = (X[:, :10].argmax(1) + (X[:, 10] > 0).long()) % cfg["n_out"]

# %%
device = "cuda" if torch.cuda.is_available() else "cpu"
model = model.to(device)
opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"])
loss_fn = nn.CrossEntropyLoss()
for step in range(50):
    idx = torch.randint(0, len(X), (64,))
    xb, yb = X[idx].to(device), y[idx].to(device)
    loss = loss_fn(model(xb), yb)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, loss.item())
