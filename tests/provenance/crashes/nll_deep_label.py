# Several user frames deep, the label comes from a dict with a constant key.
# expect: batch["label"]
# category: dtype/target-not-long
# roles: target
# message: but got (?P<found>\w+)
import torch
import torch.nn.functional as F


def loss_fn(out, batch):
    return F.nll_loss(out.log_softmax(-1), batch["label"])


def step(model, batch):
    out = model(batch["features"])
    return loss_fn(out, batch)


def train():
    model = torch.nn.Sequential(torch.nn.Linear(6, 12), torch.nn.ReLU(), torch.nn.Linear(12, 3))
    batch = {
        "features": torch.randn(10, 6),
        "label": torch.tensor([0.0, 1, 2, 0, 1, 2, 0, 1, 2, 0]),
    }
    step(model, batch)


train()
