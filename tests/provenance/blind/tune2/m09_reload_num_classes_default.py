# the inference run builds the model from --num-classes' default (10) while the checkpoint was trained with 5 classes
# expect: eval_args.num_classes
# also-accept: eval_args
# category: checkpoint/size-mismatch
# made-at: 63
import argparse
import os
import tempfile

import torch
import torch.nn as nn

OUT_DIR = tempfile.mkdtemp(prefix="flowers_")


def build_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-classes", type=int, default=10)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--checkpoint", default=os.path.join(OUT_DIR, "model.pt"))
    parser.add_argument("--steps", type=int, default=20)
    return parser


class MLP(nn.Module):
    def __init__(self, in_dim, hidden, num_classes):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        self.classifier = nn.Linear(hidden, num_classes)

    def forward(self, x):
        return self.classifier(self.backbone(x))


def train(args):
    torch.manual_seed(0)
    model = MLP(20, args.hidden, args.num_classes)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(args.steps):
        x = torch.randn(32, 20)
        y = torch.randint(0, args.num_classes, (32,))
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), args.checkpoint)
    print("saved", args.checkpoint)


def predict(args, x):
    model = MLP(20, args.hidden, args.num_classes)
    model.load_state_dict(torch.load(args.checkpoint))
    model.eval()
    with torch.no_grad():
        return model(x).argmax(1)


# train.py --num-classes 5
train_args = build_parser().parse_args(["--num-classes", "5"])
train(train_args)

# predict.py (run later, without repeating the flag)
eval_args = build_parser().parse_args([])
print(predict(eval_args, torch.randn(4, 20)))
