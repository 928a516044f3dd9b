# the hidden layers are kept in a plain Python list, so they are not registered and model.parameters() is empty
# expect: self.layers
# also-accept: model.parameters()
# category: optim/state-mismatch
# made-at: 19
import torch
import torch.nn as nn

params = {"sizes": [8, 32, 32, 1], "lr": 3e-3, "epochs": 5, "activation": "tanh"}

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "gelu": nn.functional.gelu}


class DeepRegressor(nn.Module):
    """An MLP whose depth comes from the config."""

    def __init__(self, sizes, activation):
        super().__init__()
        self.layers = [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        self.act = ACTIVATIONS[activation]

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.act(layer(x))
        return self.layers[-1](x)


def batches(n_batches, batch_size=32, seed=0):
    g = torch.Generator().manual_seed(seed)
    for _ in range(n_batches):
        x = torch.randn(batch_size, params["sizes"][0], generator=g)
        yield x, (x ** 2).sum(1, keepdim=True)


model = DeepRegressor(params["sizes"], params["activation"])
print(model)
optimizer = torch.optim.Adam(model.parameters(), lr=params["lr"])
for epoch in range(params["epochs"]):
    for x, y in batches(10, seed=epoch):
        loss = nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())
