# a later cell redefines hidden to 64 to "try a smaller head", but the encoder built in an earlier cell still outputs 128 features
# expect: hidden
# also-accept: head
# category: shape/notebook-redefined-variable
# made-at: 22
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
hidden = 128
encoder = nn.Sequential(nn.Linear(40, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())

# %%
x = torch.randn(256, 40)
y = torch.randint(0, 3, (256,))
with torch.no_grad():
    print(encoder(x).shape)

# %%
# try a smaller classification head
hidden = 64
head = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, 3))
params = list(encoder.parameters()) + list(head.parameters())
opt = torch.optim.Adam(params, lr=1e-3)

# %%
for step in range(20):
    idx = torch.randint(0, 256, (32,))
    logits = head(encoder(x[idx]))
    loss = nn.functional.cross_entropy(logits, y[idx])
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item())
