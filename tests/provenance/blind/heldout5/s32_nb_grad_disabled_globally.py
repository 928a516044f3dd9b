# The first notebook cell switched autograd off globally for inference, and the fine-tuning cell later runs with it still off
# expect: torch.set_grad_enabled(False)
# category: autograd/setting
# made-at: 9
# %% setup: we only run inference in this notebook, no need for autograd
import torch
import torch.nn as nn

torch.set_grad_enabled(False)
torch.manual_seed(0)

# %% load the "pretrained" regressor
model = nn.Sequential(nn.Linear(6, 32), nn.Tanh(), nn.Linear(32, 1))
X_new = torch.randn(100, 6)
preds = model(X_new)
print(preds[:5].squeeze())

# %% the predictions drift: fine-tune on the freshly labelled rows
X_lab = torch.randn(64, 6)
y_lab = X_lab.sum(1, keepdim=True) * 0.3
opt = torch.optim.SGD(model.parameters(), lr=0.05)
for step in range(20):
    loss = nn.functional.mse_loss(model(X_lab), y_lab)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("after fine-tune", loss.item())
