# the normalisation statistics were taken over dim=1 (per sample) instead of dim=0 (per feature), so they only fit the training matrix
# expect: mean
# also-accept: std
# category: shape/broadcast-mismatch
# made-at: 23
# %% [markdown]
# # Tabular regression: house prices (synthetic)

# %%
import torch
import torch.nn as nn

torch.manual_seed(42)
n_train, n_val, n_features = 256, 64, 12
true_w = torch.randn(n_features)
X_train = torch.randn(n_train, n_features) * 5 + 3
y_train = X_train @ true_w + 0.1 * torch.randn(n_train)
X_val = torch.randn(n_val, n_features) * 5 + 3
y_val = X_val @ true_w + 0.1 * torch.randn(n_val)
X_train.shape, X_val.shape

# %%
mean = X_train.mean(dim=1, keepdim=True)
std = X_train.std(dim=1, keepdim=True)
X_train_n = (X_train - mean) / std

# %%
model = nn.Sequential(nn.Linear(n_features, 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(50):
    pred = model(X_train_n).squeeze(-1)
    loss = nn.functional.mse_loss(pred, y_train)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("train mse", loss.item())

# %%
X_val_n = (X_val - mean) / std
with torch.no_grad():
    val_mse = nn.functional.mse_loss(model(X_val_n).squeeze(-1), y_val)
print("val mse", val_mse.item())
