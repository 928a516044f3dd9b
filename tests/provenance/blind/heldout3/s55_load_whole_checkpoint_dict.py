# the checkpoint is a dict with model/optimizer/epoch entries, but the whole dict is passed to load_state_dict instead of ckpt["model_state"]
# expect: ckpt
# also-accept: ckpt["model_state"]
# category: checkpoint/wrong-keys
# made-at: 36
import argparse
import os
import tempfile

import torch
import torch.nn as nn


def build_model(hidden):
    return nn.Sequential(nn.Linear(4, hidden), nn.Tanh(), nn.Linear(hidden, 1))


def save_checkpoint(path, model, optimizer, epoch):
    torch.save({"model_state": model.state_dict(), "optim_state": optimizer.state_dict(), "epoch": epoch}, path)


def train(args):
    model = build_model(args.hidden)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        x = torch.randn(64, 4)
        loss = nn.functional.mse_loss(model(x), x.sum(1, keepdim=True))
        opt.zero_grad()
        loss.backward()
        opt.step()
    save_checkpoint(args.ckpt, model, opt, args.epochs)


def predict(args, x):
    model = build_model(args.hidden)
    ckpt = torch.load(args.ckpt, map_location="cpu")
    model.load_state_dict(ckpt)
    model.eval()
    with torch.no_grad():
        return model(x)


parser = argparse.ArgumentParser()
parser.add_argument("--hidden", type=int, default=16)
parser.add_argument("--lr", type=float, default=0.05)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--ckpt", default=os.path.join(tempfile.mkdtemp(), "model.pt"))
args = parser.parse_args()
train(args)
print(predict(args, torch.randn(3, 4)))
