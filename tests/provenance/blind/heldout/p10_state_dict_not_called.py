# torch.save(model.state_dict, ...) saves the bound method (and so the whole module) instead of the state dict; the weights-only load then refuses it
# expect: model.state_dict
# category: checkpoint/unpickling
# made-at: 14
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)
out_dir = tempfile.mkdtemp(prefix="blind_sd_")
model = nn.Sequential(nn.Linear(5, 5), nn.Tanh(), nn.Linear(5, 1))
torch.save(model.state_dict, os.path.join(out_dir, "weights.pt"))

restored = nn.Sequential(nn.Linear(5, 5), nn.Tanh(), nn.Linear(5, 1))
restored.load_state_dict(torch.load(os.path.join(out_dir, "weights.pt")))

# raises: _pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
