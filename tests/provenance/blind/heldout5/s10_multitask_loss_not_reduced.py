# The regression criterion is built with reduction="none", so the summed multi-task loss is a vector and backward() needs a scalar
# expect: nn.SmoothL1Loss(reduction="none")
# category: autograd/non-scalar
# made-at: 25
import torch
import torch.nn as nn


class MultiTaskNet(nn.Module):
    def __init__(self, d_in, n_classes):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(d_in, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
        self.cls_head = nn.Linear(64, n_classes)
        self.reg_head = nn.Linear(64, 1)

    def forward(self, x):
        h = self.trunk(x)
        return self.cls_head(h), self.reg_head(h).squeeze(-1)


class MultiTaskTrainer:
    def __init__(self, model, lr=1e-3, reg_weight=0.5):
        self.model = model
        self.cls_loss = nn.CrossEntropyLoss()
        self.reg_loss = nn.SmoothL1Loss(reduction="none")
        self.reg_weight = reg_weight
        self.opt = torch.optim.AdamW(model.parameters(), lr=lr)

    def step(self, x, y_cls, y_reg):
        logits, pred = self.model(x)
        loss = self.cls_loss(logits, y_cls) + self.reg_weight * self.reg_loss(pred, y_reg)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss


def main():
    torch.manual_seed(0)
    x = torch.randn(256, 20)
    y_cls = (x[:, 0] > 0).long() + (x[:, 1] > 0).long()
    y_reg = x[:, 2] * 2.0 + 0.1 * torch.randn(256)
    trainer = MultiTaskTrainer(MultiTaskNet(20, 3))
    for epoch in range(2):
        for i in range(0, 256, 32):
            trainer.step(x[i : i + 32], y_cls[i : i + 32], y_reg[i : i + 32])


if __name__ == "__main__":
    main()
