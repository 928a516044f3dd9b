# The sigmoid probabilities are detached (to feed the metric code) and then the same detached tensor is used for the loss, so the loss has no grad_fn
# expect: torch.sigmoid(logits).detach()
# category: autograd/detach
# made-at: 43
"""Multi-label tagging: train_one_epoch / evaluate helpers with a running F1."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def get_args():
    p = argparse.ArgumentParser(description="multi-label tagger")
    p.add_argument("--num-tags", type=int, default=12)
    p.add_argument("--in-dim", type=int, default=40)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=7)
    return p.parse_args()


def build_model(args):
    return nn.Sequential(
        nn.Linear(args.in_dim, args.hidden), nn.ReLU(), nn.Dropout(0.1),
        nn.Linear(args.hidden, args.num_tags),
    )


def f1_from_counts(tp, fp, fn):
    return (2 * tp / (2 * tp + fp + fn + 1e-8)).item()


def train_one_epoch(model, loader, optimizer, args):
    model.train()
    tp = fp = fn = torch.tensor(0.0)
    for x, y in loader:
        logits = model(x)
        probs = torch.sigmoid(logits).detach()
        preds = (probs > args.threshold).float()
        tp += (preds * y).sum()
        fp += (preds * (1 - y)).sum()
        fn += ((1 - preds) * y).sum()

        loss = F.binary_cross_entropy(probs, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item(), f1_from_counts(tp, fp, fn)


@torch.no_grad()
def evaluate(model, loader, args):
    model.eval()
    tp = fp = fn = torch.tensor(0.0)
    for x, y in loader:
        preds = (torch.sigmoid(model(x)) > args.threshold).float()
        tp += (preds * y).sum()
        fp += (preds * (1 - y)).sum()
        fn += ((1 - preds) * y).sum()
    return f1_from_counts(tp, fp, fn)


def make_split(n, args, g):
    x = torch.randn(n, args.in_dim, generator=g)
    w = torch.randn(args.in_dim, args.num_tags, generator=g)
    y = (x @ w > 1.0).float()
    return TensorDataset(x, y)


def main():
    args = get_args()
    torch.manual_seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    train_loader = DataLoader(make_split(2000, args, g), batch_size=args.batch_size, shuffle=True)
    val_loader = DataLoader(make_split(400, args, g), batch_size=args.batch_size)
    model = build_model(args)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        loss, train_f1 = train_one_epoch(model, train_loader, optimizer, args)
        val_f1 = evaluate(model, val_loader, args)
        print(f"epoch {epoch}: loss {loss:.4f} train F1 {train_f1:.3f} val F1 {val_f1:.3f}")


if __name__ == "__main__":
    main()
