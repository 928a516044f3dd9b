# The checkpoint stores the argparse Namespace; torch.load's default weights_only=True refuses to unpickle it
# expect: args
# also-accept: torch.load
# category: checkpoint/unpickling
# made-at: 21
import argparse
import os
import tempfile

import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--epochs", type=int, default=1)
args = parser.parse_args([])
torch.manual_seed(0)

model = nn.Linear(3, 3)
path = os.path.join(tempfile.mkdtemp(prefix="blind_ns_"), "model.ckpt")
torch.save({"args": args, "state_dict": model.state_dict()}, path)

ckpt = torch.load(path)
model.load_state_dict(ckpt["state_dict"])

# raises: _pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
