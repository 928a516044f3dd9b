# the config gives dropout as a percentage (10) while nn.Dropout expects a probability in [0, 1]
# expect: CONFIG["dropout"]
# also-accept: CONFIG
# category: config/invalid-hyperparameter
# made-at: 12
import torch
import torch.nn as nn

CONFIG = {
    "input_dim": 32,
    "hidden_dims": [128, 64],
    "dropout": 10,
    "num_classes": 5,
    "lr": 3e-4,
}


class FeedForward(nn.Module):
    def __init__(self, input_dim, hidden_dims, dropout, num_classes):
        super().__init__()
        layers = []
        prev = input_dim
        for h in hidden_dims:
            layers += [nn.Linear(prev, h), nn.ReLU(), nn.Dropout(dropout)]
            prev = h
        layers.append(nn.Linear(prev, num_classes))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def build_model(config):
    return FeedForward(config["input_dim"], config["hidden_dims"], config["dropout"], config["num_classes"])


model = build_model(CONFIG)
opt = torch.optim.Adam(model.parameters(), lr=CONFIG["lr"])
x, y = torch.randn(64, 32), torch.randint(0, 5, (64,))
loss = nn.functional.cross_entropy(model(x), y)
loss.backward()
opt.step()
