# The manual gradient-descent update on the leaf tensors is done outside torch.no_grad(), so autograd refuses the in-place update of a leaf that requires grad
# expect: w -= lr * w.grad / batch_size
# category: autograd/inplace
# made-at: 43
# Linear regression from scratch, no nn.Module, no optimizer.
import torch

torch.manual_seed(0)

true_w = torch.tensor([[2.0], [-3.4], [1.2]])
true_b = 4.2
X = torch.randn(500, 3)
y = X @ true_w + true_b + 0.01 * torch.randn(500, 1)

w = torch.normal(0, 0.01, size=(3, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)

lr = 0.03
num_epochs = 5
batch_size = 10


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = torch.randperm(num_examples)
    for i in range(0, num_examples, batch_size):
        batch_indices = indices[i:i + batch_size]
        yield features[batch_indices], labels[batch_indices]


def linreg(X, w, b):
    return X @ w + b


def squared_loss(y_hat, y):
    return (y_hat - y) ** 2 / 2


for epoch in range(num_epochs):
    for Xb, yb in data_iter(batch_size, X, y):
        l = squared_loss(linreg(Xb, w, b), yb).sum()
        l.backward()
        w -= lr * w.grad / batch_size
        b -= lr * b.grad / batch_size
        w.grad.zero_()
        b.grad.zero_()
    with torch.no_grad():
        train_l = squared_loss(linreg(X, w, b), y)
        print(f"epoch {epoch + 1}, loss {float(train_l.mean()):f}")

print("w error:", (true_w - w).flatten())
print("b error:", true_b - b)
