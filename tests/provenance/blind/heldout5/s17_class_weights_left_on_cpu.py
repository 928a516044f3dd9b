# The class weights for the imbalanced loss are computed on the CPU and never moved, while logits and labels are on the accelerator
# expect: class_weights = compute_class_weights(train_labels, num_classes)
# also-accept: nn.CrossEntropyLoss(weight=class_weights)
# category: device/loss-weight
# made-at: 37
import torch
import torch.nn as nn

DEVICE = torch.device("meta")  # stand-in for "cuda" on this machine


def compute_class_weights(labels, num_classes):
    counts = torch.bincount(labels, minlength=num_classes).float()
    return counts.sum() / (num_classes * counts.clamp(min=1))


def build_model(in_dim, num_classes):
    return nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, num_classes))


def train_one_epoch(model, criterion, opt, xs, ys, batch_size=64):
    model.train()
    for i in range(0, len(xs), batch_size):
        xb = xs[i : i + batch_size].to(DEVICE)
        yb = ys[i : i + batch_size].to(DEVICE)
        loss = criterion(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()


def main():
    torch.manual_seed(0)
    num_classes = 3
    train_x = torch.randn(512, 12)
    train_labels = torch.multinomial(torch.tensor([0.8, 0.15, 0.05]), 512, replacement=True)
    class_weights = compute_class_weights(train_labels, num_classes)
    model = build_model(12, num_classes).to(DEVICE)
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        train_one_epoch(model, criterion, opt, train_x, train_labels)


if __name__ == "__main__":
    main()
