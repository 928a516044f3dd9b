# The whole nn.Module object was saved with torch.save(model), and loading it with the default weights_only=True fails
# expect: model
# category: checkpoint/unpickling
# made-at: 25
import os
import tempfile

import torch
import torch.nn as nn

MODEL_PATH = os.path.join(tempfile.mkdtemp(prefix="blind_whole_"), "model.pt")
torch.manual_seed(0)


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


model = Scorer()
torch.save(model, MODEL_PATH)

loaded = torch.load(MODEL_PATH)
print(loaded(torch.randn(1, 4)))

# raises: _pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
