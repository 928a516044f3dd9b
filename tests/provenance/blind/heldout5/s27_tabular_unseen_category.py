# The embedding sizes are taken from the training split only; the later validation rows have store ids the training rows never saw
# expect: int(train_cat[:, j].max()) + 1
# category: index/cardinality
# made-at: 45
import numpy as np
import torch
import torch.nn as nn


def make_sales_table(n=2000, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    store = (t // 50) + rng.integers(0, 3, size=n)  # new stores open over time
    weekday = t % 7
    promo = rng.integers(0, 2, size=n)
    cont = rng.normal(size=(n, 4)).astype(np.float32)
    y = (0.1 * store + promo + cont[:, 0] + rng.normal(scale=0.1, size=n)).astype(np.float32)
    cat = np.stack([store, weekday, promo], axis=1).astype(np.int64)
    return cat, cont, y


class TabularNet(nn.Module):
    def __init__(self, cardinalities, n_cont, emb_dim=8):
        super().__init__()
        self.embs = nn.ModuleList(nn.Embedding(c, emb_dim) for c in cardinalities)
        self.mlp = nn.Sequential(nn.Linear(emb_dim * len(cardinalities) + n_cont, 64), nn.ReLU(), nn.Linear(64, 1))

    def forward(self, x_cat, x_cont):
        embs = [emb(x_cat[:, j]) for j, emb in enumerate(self.embs)]
        return self.mlp(torch.cat(embs + [x_cont], dim=1)).squeeze(-1)


def evaluate(model, cat, cont, y):
    model.eval()
    with torch.no_grad():
        pred = model(torch.from_numpy(cat), torch.from_numpy(cont))
    return nn.functional.mse_loss(pred, torch.from_numpy(y)).item()


def main():
    torch.manual_seed(0)
    cat, cont, y = make_sales_table()
    split = int(0.8 * len(y))  # time-based split
    train_cat, val_cat = cat[:split], cat[split:]
    cardinalities = [int(train_cat[:, j].max()) + 1 for j in range(train_cat.shape[1])]
    model = TabularNet(cardinalities, cont.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    xc, xn, yt = torch.from_numpy(train_cat), torch.from_numpy(cont[:split]), torch.from_numpy(y[:split])
    for epoch in range(3):
        for i in range(0, split, 128):
            loss = nn.functional.mse_loss(model(xc[i : i + 128], xn[i : i + 128]), yt[i : i + 128])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, "val mse", evaluate(model, val_cat, cont[split:], y[split:]))


main()
