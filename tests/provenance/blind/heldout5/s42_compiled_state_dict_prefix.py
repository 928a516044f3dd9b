# The state dict is saved from the torch.compile wrapper, so every key carries the _orig_mod. prefix and the plain model cannot load it
# expect: torch.save(compiled.state_dict(), ckpt)
# also-accept: model.load_state_dict(torch.load(ckpt))
# category: checkpoint/prefix
# made-at: 28
import os
import tempfile

import torch
import torch.nn as nn


def make_model():
    return nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 4))


def train_and_save(ckpt):
    torch.manual_seed(0)
    model = make_model()
    compiled = torch.compile(model, backend="eager")
    opt = torch.optim.Adam(compiled.parameters(), lr=1e-3)
    x, y = torch.randn(128, 16), torch.randint(0, 4, (128,))
    for _ in range(3):
        loss = nn.functional.cross_entropy(compiled(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(compiled.state_dict(), ckpt)


def serve(ckpt):
    model = make_model()
    model.load_state_dict(torch.load(ckpt))
    model.eval()
    with torch.no_grad():
        return model(torch.randn(2, 16)).softmax(-1)


if __name__ == "__main__":
    ckpt = os.path.join(tempfile.mkdtemp(), "model.pt")
    train_and_save(ckpt)
    print(serve(ckpt))
