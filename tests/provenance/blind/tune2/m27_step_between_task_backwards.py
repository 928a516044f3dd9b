# optimizer.step() runs inside the per-task loop, updating the shared encoder in place before the next task's backward through the same graph
# expect: optimizer.step()
# also-accept: optimizer
# category: autograd/inplace-modified
# made-at: 47
import torch
import torch.nn as nn

TASKS = {"age": 1, "gender": 2, "emotion": 7}


class MultiTaskNet(nn.Module):
    def __init__(self, in_dim=40, shared=64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_dim, shared), nn.ReLU(), nn.Linear(shared, shared), nn.ReLU())
        self.heads = nn.ModuleDict({name: nn.Linear(shared, out) for name, out in TASKS.items()})

    def forward(self, x):
        z = self.encoder(x)
        return {name: head(z) for name, head in self.heads.items()}


def task_loss(name, pred, batch):
    if name == "age":
        return nn.functional.mse_loss(pred.squeeze(-1), batch["age"])
    return nn.functional.cross_entropy(pred, batch[name])


def fake_batch(n=32):
    return {
        "x": torch.randn(n, 40),
        "age": torch.rand(n) * 80,
        "gender": torch.randint(0, 2, (n,)),
        "emotion": torch.randint(0, 7, (n,)),
    }


model = MultiTaskNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for it in range(10):
    batch = fake_batch()
    outputs = model(batch["x"])
    optimizer.zero_grad()
    for name in TASKS:
        loss = task_loss(name, outputs[name], batch)
        loss.backward(retain_graph=True)
        optimizer.step()
    print(it, loss.item())
