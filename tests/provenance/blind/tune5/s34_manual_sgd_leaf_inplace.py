# The hand-written SGD update subtracts in place from the leaf weights outside torch.no_grad()
# expect: w -= lr * w.grad
# category: autograd/leaf-inplace
# made-at: 32
# %% logistic regression from scratch
import torch

torch.manual_seed(0)
n, d = 500, 3
X = torch.randn(n, d)
true_w = torch.tensor([[1.5], [-2.0], [0.5]])
y = (torch.sigmoid(X @ true_w) > 0.5).float()

# %% parameters
w = torch.zeros(d, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1


def forward(X):
    return torch.sigmoid(X @ w + b)


def bce(p, y):
    return -(y * torch.log(p + 1e-7) + (1 - y) * torch.log(1 - p + 1e-7)).mean()


# %% gradient descent
for epoch in range(100):
    loss = bce(forward(X), y)
    loss.backward()
    w -= lr * w.grad
    b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 20 == 0:
        print(epoch, loss.item())
