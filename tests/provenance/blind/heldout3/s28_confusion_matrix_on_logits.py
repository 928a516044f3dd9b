# the validation metric passes raw logits (floats, one row per class) as predictions instead of their argmax
# expect: preds
# also-accept: logits
# category: dtype/metric-float-indices
# made-at: 32
import torch
import torch.nn as nn

NUM_CLASSES = 4


def confusion_matrix(preds, targets, num_classes):
    idx = num_classes * targets + preds
    counts = torch.bincount(idx, minlength=num_classes ** 2)
    return counts.reshape(num_classes, num_classes)


def train_one_epoch(model, opt, x, y):
    model.train()
    for i in range(0, len(x), 16):
        loss = nn.functional.cross_entropy(model(x[i:i + 16]), y[i:i + 16])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


@torch.no_grad()
def validate(model, x, y):
    model.eval()
    logits = model(x)
    preds = logits
    cm = confusion_matrix(preds, y, NUM_CLASSES)
    return cm.diag().sum().item() / cm.sum().item(), cm


model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, NUM_CLASSES))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
x_train, y_train = torch.randn(128, 8), torch.randint(0, NUM_CLASSES, (128,))
x_val, y_val = torch.randn(40, 8), torch.randint(0, NUM_CLASSES, (40,))
for epoch in range(2):
    train_loss = train_one_epoch(model, opt, x_train, y_train)
    acc, cm = validate(model, x_val, y_val)
    print(f"epoch {epoch} loss {train_loss:.3f} val acc {acc:.3f}")
