# A later notebook cell rebinds criterion to BCEWithLogitsLoss for a multi-label experiment, and the re-run training cell then feeds it class-index targets
# expect: criterion = nn.BCEWithLogitsLoss()
# category: python/rebinding
# made-at: 33
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(320, 16)
y = torch.randint(0, 5, (320,))

model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 5))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()


# %% training cell
def run_epoch():
    for i in range(0, len(X), 32):
        optimizer.zero_grad()
        loss = criterion(model(X[i : i + 32]), y[i : i + 32])
        loss.backward()
        optimizer.step()
    return loss.item()


print("epoch loss", run_epoch())

# %% quick experiment: treat the task as multi-label (tags can co-occur)
Y_multi = nn.functional.one_hot(y, 5).float()
Y_multi[torch.arange(0, 320, 7), 0] = 1.0
criterion = nn.BCEWithLogitsLoss()
with torch.no_grad():
    print("multi-label loss at init", criterion(model(X), Y_multi).item())

# %% back to the main run: train a few more epochs (cell re-run)
for epoch in range(3):
    print("epoch loss", run_epoch())
