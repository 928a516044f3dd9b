# --num-classes defaults to 10 but the label map built from the data has 11 classes; the 11th ("unknown") only occurs in the validation split, so the crash comes at validation
# expect: parser.add_argument("--num-classes", type=int, default=10)
# also-accept: args.num_classes
# category: config/size
# made-at: 19
import argparse
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

CATEGORIES = ["bird", "car", "cat", "deer", "dog", "frog", "horse", "plane", "ship", "truck"]


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-size", type=int, default=1200)
    parser.add_argument("--num-classes", type=int, default=10)
    parser.add_argument("--feat-dim", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=13)
    return parser.parse_args()


def make_records(n, feat_dim, rng):
    """(features, class_name) records; a handful of annotations were tagged 'unknown'."""
    records = []
    for i in range(n):
        name = rng.choice(CATEGORIES) if i % 97 else "unknown"
        records.append(([rng.gauss(0, 1) for _ in range(feat_dim)], name))
    return records


class RecordDataset(Dataset):
    def __init__(self, records, class_to_idx):
        self.x = torch.tensor([r[0] for r in records])
        self.y = torch.tensor([class_to_idx[r[1]] for r in records])

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def build_model(feat_dim, num_classes):
    return nn.Sequential(nn.Linear(feat_dim, 128), nn.ReLU(), nn.Linear(128, num_classes))


def evaluate(model, loader, criterion):
    model.eval()
    total_loss, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            out = model(x)
            total_loss += criterion(out, y).item() * len(y)
            correct += (out.argmax(1) == y).sum().item()
            n += len(y)
    return total_loss / n, correct / n


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    records = make_records(args.data_size, args.feat_dim, rng)
    class_to_idx = {c: i for i, c in enumerate(sorted({r[1] for r in records}))}
    print("classes:", class_to_idx)

    # sort so the split is deterministic: 'unknown' rows end up at the end -> validation
    records.sort(key=lambda r: r[1] == "unknown")
    n_val = args.data_size // 10
    train_ds = RecordDataset(records[:-n_val], class_to_idx)
    val_ds = RecordDataset(records[-n_val:], class_to_idx)

    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True)
    val_loader = DataLoader(val_ds, batch_size=args.batch_size)
    model = build_model(args.feat_dim, args.num_classes)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        model.train()
        for x, y in train_loader:
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        val_loss, val_acc = evaluate(model, val_loader, criterion)
        print(f"epoch {epoch}: train loss {loss.item():.3f} val loss {val_loss:.3f} val acc {val_acc:.3f}")


if __name__ == "__main__":
    main()
