# The training checkpoint is a dict {"epoch", "model_state", "optim_state"}, but the whole dict is passed to load_state_dict
# expect: checkpoint
# category: checkpoint/key-mismatch
# made-at: 34
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)
run_dir = tempfile.mkdtemp(prefix="blind_run_")


def make_model():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


# %% training
model = make_model()
optimizer = torch.optim.Adam(model.parameters())
for epoch in range(2):
    loss = model(torch.randn(5, 4)).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
torch.save(
    {"epoch": epoch, "model_state": model.state_dict(), "optim_state": optimizer.state_dict()},
    os.path.join(run_dir, "ckpt.pt"),
)

# %% resume in a new session
model = make_model()
checkpoint = torch.load(os.path.join(run_dir, "ckpt.pt"))
model.load_state_dict(checkpoint)

optimizer = torch.optim.Adam(model.parameters())
optimizer.load_state_dict(checkpoint["optim_state"])
start_epoch = checkpoint["epoch"] + 1
for epoch in range(start_epoch, start_epoch + 2):
    loss = model(torch.randn(5, 4)).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# raises: RuntimeError: Error(s) in loading state_dict for Sequential
