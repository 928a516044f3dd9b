"""Writes a log and a checkpoint, reads the checkpoint back, reads model values on the
host, and tries the network: none of it may leave the dry run."""

import json
import os
import socket

import torch
from torch import nn

os.makedirs("dryrun_side_effects_out", exist_ok=True)
model = nn.Linear(4, 2).cuda()
loss = model(torch.ones(3, 4, device="cuda")).pow(2).mean()
if loss.item() > 100:
    raise SystemExit("diverged")
with open("dryrun_side_effects_out/log.json", "w") as log:
    json.dump({"loss": loss.item()}, log)
with open("dryrun_side_effects_out/log.json") as log:
    assert json.load(log) == {"loss": 1.0}
torch.save(model.state_dict(), "dryrun_side_effects_out/model.pt")
state = torch.load("dryrun_side_effects_out/model.pt")
assert set(state) == {"weight", "bias"}
try:
    socket.create_connection(("example.com", 80), timeout=1)
    reached = True
except OSError:
    reached = False
print("network reached:", reached)
