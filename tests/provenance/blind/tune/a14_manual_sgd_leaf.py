# Hand-written gradient descent updates the leaf weights with `w -= lr * w.grad` outside torch.no_grad()
# expect: w
# also-accept: b
# category: autograd/leaf-inplace
# made-at: 21
import torch

torch.manual_seed(0)
X = torch.randn(100, 3)
true_w = torch.tensor([[2.0], [-1.0], [0.5]])
y = X @ true_w + 0.1 * torch.randn(100, 1)

w = torch.zeros(3, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1

for epoch in range(50):
    pred = X @ w + b
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    w -= lr * w.grad
    b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()

# raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
