# The evaluation script's argparse default hidden size (256) differs from the one the checkpoint was trained with (128)
# expect: args.hidden
# category: checkpoint/size-mismatch
# made-at: 30
import argparse
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)
CKPT_PATH = os.path.join(tempfile.mkdtemp(prefix="blind_h_"), "gru.pt")


class Forecaster(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.gru = nn.GRU(3, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        h, _ = self.gru(x)
        return self.out(h[:, -1])


torch.save({"state_dict": Forecaster(hidden=128).state_dict(), "epoch": 30}, CKPT_PATH)

parser = argparse.ArgumentParser()
parser.add_argument("--hidden", type=int, default=256)
parser.add_argument("--ckpt", default=CKPT_PATH)
args = parser.parse_args([])

model = Forecaster(args.hidden)
state = torch.load(args.ckpt, map_location="cpu")
model.load_state_dict(state["state_dict"])

model.eval()
with torch.no_grad():
    window = torch.randn(1, 24, 3)
    print("forecast:", model(window).item())
print(f"loaded checkpoint from epoch {state['epoch']}")


# raises: RuntimeError: Error(s) in loading state_dict for Forecaster
