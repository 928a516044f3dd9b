# The weights are created with requires_grad=True and then scaled in place, which autograd forbids on a leaf.
# expect: W1
# also-accept: W1 *= 0.01
# category: autograd/inplace-leaf
# made-at: 23
import numpy as np
import torch

torch.manual_seed(0)
rng = np.random.default_rng(0)

# two-moons-like toy data, MLP written with raw tensors
n = 400
t = rng.uniform(0, np.pi, n)
X_np = np.concatenate([np.stack([np.cos(t), np.sin(t)], 1),
                       np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)]).astype(np.float32)
y_np = np.concatenate([np.zeros(n), np.ones(n)]).astype(np.float32)
X = torch.from_numpy(X_np)
y = torch.from_numpy(y_np)

hidden = 32
W1 = torch.randn(2, hidden, requires_grad=True)
W1 *= 0.01
b1 = torch.zeros(hidden, requires_grad=True)
W2 = torch.randn(hidden, 1, requires_grad=True)
b2 = torch.zeros(1, requires_grad=True)
params = [W1, b1, W2, b2]

lr = 0.5
for epoch in range(200):
    h = torch.tanh(X @ W1 + b1)
    logits = (h @ W2 + b2).squeeze(1)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y)
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
    if epoch % 50 == 0:
        print(epoch, loss.item())
