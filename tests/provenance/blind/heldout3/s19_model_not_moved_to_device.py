# the batches are moved to the training device but the model is never moved ("meta" stands in for the GPU)
# expect: model
# also-accept: device
# category: device/model-not-moved
# made-at: 37
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Trainer:
    def __init__(self, model, loader, device, lr=1e-3):
        self.model = model
        self.loader = loader
        self.device = device
        self.opt = torch.optim.Adam(self.model.parameters(), lr=lr)

    def train_epoch(self):
        self.model.train()
        for xb, yb in self.loader:
            xb, yb = xb.to(self.device), yb.to(self.device)
            loss = nn.functional.cross_entropy(self.model(xb), yb)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        return loss


def build_model():
    return nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 5))


if __name__ == "__main__":
    device = torch.device("meta")  # stand-in for torch.device("cuda")
    data = TensorDataset(torch.randn(100, 16), torch.randint(0, 5, (100,)))
    loader = DataLoader(data, batch_size=20, shuffle=True)
    model = build_model()
    trainer = Trainer(model, loader, device)
    for epoch in range(2):
        print(epoch, trainer.train_epoch())
