# The model is built on the meta device for fast init, but the checkpoint is loaded without assign=True, so the parameters stay meta tensors with no data and moving the model to args.device fails.
# expect: model.load_state_dict(state)
# also-accept: torch.device("meta")
# category: device/meta
# made-at: 48
import argparse
import os
import tempfile
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")


class RecEncoder(nn.Module):
    def __init__(self, n_items=5000, dim=64):
        super().__init__()
        self.item_emb = nn.Embedding(n_items, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 256), nn.ReLU(), nn.Linear(256, dim))

    def forward(self, item_ids):
        return self.mlp(self.item_emb(item_ids).mean(1))


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default=None)
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def main():
    args = parse_args()
    torch.manual_seed(args.seed)

    ckpt = args.ckpt
    if ckpt is None:
        ckpt = os.path.join(tempfile.mkdtemp(), "encoder.pt")
        torch.save(RecEncoder().state_dict(), ckpt)

    # build on meta so we do not allocate weights twice
    with torch.device("meta"):
        model = RecEncoder()
    state = torch.load(ckpt, map_location="cpu")
    model.load_state_dict(state)
    model = model.to(args.device)
    model.eval()

    sessions = torch.randint(0, 5000, (4, 20), device=args.device)
    with torch.no_grad():
        print(model(sessions).shape)


if __name__ == "__main__":
    main()
