# evaluate() switches the model back to training mode on its way out, so the single-sample prediction runs BatchNorm in training mode
# expect: model.train()
# category: mode/batchnorm
# made-at: 41
import torch
import torch.nn as nn


class TabularNet(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, 64), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(),
            nn.Linear(32, n_out),
        )

    def forward(self, x):
        return self.net(x)


def make_data(n, g):
    x = torch.randn(n, 10, generator=g)
    y = ((x[:, 0] + x[:, 1] * x[:, 2]) > 0).long()
    return x, y


def train_one_epoch(model, x, y, opt, bs=64):
    model.train()
    for i in range(0, len(x) - bs + 1, bs):
        loss = nn.functional.cross_entropy(model(x[i:i + bs]), y[i:i + bs])
        opt.zero_grad()
        loss.backward()
        opt.step()


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        acc = (model(x).argmax(1) == y).float().mean().item()
    model.train()
    return acc


def predict_one(model, features):
    with torch.no_grad():
        logits = model(features.unsqueeze(0))
    return logits.softmax(-1)[0]


if __name__ == "__main__":
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    x_tr, y_tr = make_data(1024, g)
    x_va, y_va = make_data(256, g)
    model = TabularNet(10, 2)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        train_one_epoch(model, x_tr, y_tr, opt)
        print(f"epoch {epoch} val acc {evaluate(model, x_va, y_va):.3f}")
    request = torch.randn(10, generator=g)
    print("p(class=1) =", predict_one(model, request)[1].item())
