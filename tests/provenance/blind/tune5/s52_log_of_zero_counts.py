# The count features are log-transformed with torch.log (no +1), so the zero counts become -inf and the gradients non-finite
# expect: torch.log(counts)
# category: value/non-finite
# made-at: 14
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def load_features(n=400, seed=0):
    g = torch.Generator().manual_seed(seed)
    counts = torch.poisson(torch.full((n, 8), 2.0), generator=g)  # page views per category, many zeros
    target = (counts[:, 0] > 2).float()
    feats = torch.log(counts)
    feats = (feats - feats[torch.isfinite(feats)].mean()) / 2.0
    return feats, target


def train(loader, model, opt, max_norm=1.0):
    crit = nn.BCEWithLogitsLoss()
    for xb, yb in loader:
        loss = crit(model(xb).squeeze(-1), yb)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm, error_if_nonfinite=True)
        opt.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    feats, target = load_features()
    loader = DataLoader(TensorDataset(feats, target), batch_size=32, shuffle=True)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    train(loader, model, torch.optim.SGD(model.parameters(), lr=0.1))
