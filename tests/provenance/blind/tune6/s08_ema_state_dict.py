# The best checkpoint is saved from the AveragedModel wrapper itself, whose state dict has "module." keys and an n_averaged buffer, not from ema_model.module
# expect: torch.save(ema_model.state_dict(), best_path)
# also-accept: deployed.load_state_dict(torch.load(best_path))
# category: checkpoint/state-dict-prefix
# made-at: 47
import os
import tempfile

import torch
import torch.nn as nn
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn


def build_model():
    return nn.Sequential(nn.Linear(10, 64), nn.SiLU(), nn.Linear(64, 64), nn.SiLU(), nn.Linear(64, 1))


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        return nn.functional.mse_loss(model(x), y).item()


def main():
    torch.manual_seed(0)
    x_tr, x_va = torch.randn(512, 10), torch.randn(128, 10)
    w = torch.randn(10, 1)
    y_tr, y_va = torch.sin(x_tr @ w), torch.sin(x_va @ w)

    model = build_model()
    ema_model = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(0.99))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    best, best_path = float("inf"), os.path.join(tempfile.mkdtemp(), "best_ema.pt")

    for epoch in range(4):
        model.train()
        for i in range(0, 512, 64):
            loss = nn.functional.mse_loss(model(x_tr[i:i + 64]), y_tr[i:i + 64])
            opt.zero_grad()
            loss.backward()
            opt.step()
            ema_model.update_parameters(model)
        val = evaluate(ema_model, x_va, y_va)
        print(f"epoch {epoch} ema val mse {val:.4f}")
        if val < best:
            best = val
            torch.save(ema_model.state_dict(), best_path)

    deployed = build_model()
    deployed.load_state_dict(torch.load(best_path))
    print("final", evaluate(deployed, x_va, y_va))


if __name__ == "__main__":
    main()
