# Gradient accumulation sums the micro-batch losses into loss_accum, which is never reset after backward, so the second update backpropagates through freed graphs
# expect: loss_accum
# also-accept:
# category: autograd/backward-twice
# made-at: 29
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

hp = {"micro_batch": 8, "accum_steps": 4, "lr": 5e-4, "epochs": 1, "max_norm": 1.0}


def build():
    torch.manual_seed(0)
    X = torch.randn(256, 16)
    y = (X[:, :4].sum(1) > 0).float()
    loader = DataLoader(TensorDataset(X, y), batch_size=hp["micro_batch"], shuffle=True, drop_last=True)
    model = nn.Sequential(nn.Linear(16, 64), nn.GELU(), nn.LayerNorm(64), nn.Linear(64, 1))
    return loader, model


def fit(loader, model):
    optimizer = torch.optim.AdamW(model.parameters(), lr=hp["lr"])
    criterion = nn.BCEWithLogitsLoss()
    loss_accum = 0.0
    for epoch in range(hp["epochs"]):
        for step, (xb, yb) in enumerate(loader, start=1):
            loss = criterion(model(xb).squeeze(1), yb)
            loss_accum = loss_accum + loss / hp["accum_steps"]
            if step % hp["accum_steps"] == 0:
                loss_accum.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), hp["max_norm"])
                optimizer.step()
                optimizer.zero_grad()
                print(f"update {step // hp['accum_steps']}: loss {loss_accum.item():.4f}")


fit(*build())

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
