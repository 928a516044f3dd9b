# the hand-written SGD update modifies the leaf weights in place outside torch.no_grad()
# expect: w
# also-accept: b
# category: autograd/leaf-inplace
# made-at: 37
import torch

torch.manual_seed(0)
true_w = torch.tensor([2.0, -3.4])
true_b = 4.2
X = torch.randn(1000, 2)
y = X @ true_w + true_b + 0.01 * torch.randn(1000)


def data_iter(batch_size, X, y):
    idx = torch.randperm(len(X))
    for i in range(0, len(X), batch_size):
        j = idx[i:i + batch_size]
        yield X[j], y[j]


def linreg(X, w, b):
    return X @ w + b


def squared_loss(y_hat, y):
    return ((y_hat - y) ** 2 / 2).mean()


w = torch.normal(0, 0.01, size=(2,), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.03
for epoch in range(3):
    for Xb, yb in data_iter(10, X, y):
        loss = squared_loss(linreg(Xb, w, b), yb)
        loss.backward()
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    print(f"epoch {epoch + 1}, loss {squared_loss(linreg(X, w, b), y).item():f}")
