# After training, a single sample is predicted without calling model.eval(), so BatchNorm still runs in train mode
# expect: model
# category: shape/batchnorm-single-sample
# made-at: 25
import torch
import torch.nn as nn

torch.manual_seed(0)


def build():
    return nn.Sequential(nn.Linear(8, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, 2))


def train(model, x, y, steps=20):
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(steps):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model


def predict_one(model, sample):
    logits = model(sample.unsqueeze(0))
    return logits.argmax(1).item()


x = torch.randn(128, 8)
y = (x[:, 0] > 0).long()
model = train(build(), x, y)
print("prediction:", predict_one(model, torch.randn(8)))


test_x = torch.randn(20, 8)
test_y = (test_x[:, 0] > 0).long()
model.eval()
with torch.no_grad():
    acc = (model(test_x).argmax(1) == test_y).float().mean()
print("test accuracy", acc.item())


# raises: ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 32])
