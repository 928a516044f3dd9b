# The weight is scaled after requires_grad=True is set, so it is a non-leaf tensor the optimizer cannot take
# expect: w
# also-accept: torch.randn(n_features, 1, requires_grad=True) * 0.01
# category: optimizer/non-leaf
# made-at: 17
import torch


def make_data(n=200, n_features=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, n_features, generator=g)
    true_w = torch.randn(n_features, 1, generator=g)
    return X, X @ true_w + 0.05 * torch.randn(n, 1, generator=g)


def init_params(n_features):
    w = torch.randn(n_features, 1, requires_grad=True) * 0.01
    b = torch.zeros(1, requires_grad=True)
    return w, b


X, y = make_data()
w, b = init_params(X.shape[1])
opt = torch.optim.SGD([w, b], lr=0.1)
for step in range(100):
    loss = ((X @ w + b - y) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item())
