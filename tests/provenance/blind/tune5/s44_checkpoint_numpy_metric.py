# The best accuracy stored in the checkpoint is a numpy float64 (from np.mean), which the default weights_only torch.load refuses on resume
# expect: np.mean(accs)
# also-accept: torch.load(self.ckpt_path)
# category: checkpoint/weights-only
# made-at: 29
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn


class Trainer:
    def __init__(self, ckpt_dir):
        torch.manual_seed(0)
        self.model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 3))
        self.opt = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.ckpt_path = os.path.join(ckpt_dir, "last.pt")
        self.best_acc = 0.0
        self.epoch = 0

    def evaluate(self, x, y):
        accs = []
        with torch.no_grad():
            for i in range(0, len(x), 50):
                pred = self.model(x[i : i + 50]).argmax(1)
                accs.append((pred == y[i : i + 50]).float().mean().item())
        return np.mean(accs)

    def fit(self, x, y, epochs):
        for _ in range(epochs):
            loss = nn.functional.cross_entropy(self.model(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.epoch += 1
            self.best_acc = max(self.best_acc, self.evaluate(x, y))
            self.save()

    def save(self):
        torch.save({"model": self.model.state_dict(), "optim": self.opt.state_dict(),
                    "epoch": self.epoch, "best_acc": self.best_acc}, self.ckpt_path)

    def resume(self):
        ckpt = torch.load(self.ckpt_path)
        self.model.load_state_dict(ckpt["model"])
        self.opt.load_state_dict(ckpt["optim"])
        self.epoch, self.best_acc = ckpt["epoch"], ckpt["best_acc"]


if __name__ == "__main__":
    x, y = torch.randn(200, 10), torch.randint(0, 3, (200,))
    d = tempfile.mkdtemp()
    Trainer(d).fit(x, y, epochs=2)
    t = Trainer(d)
    t.resume()
    t.fit(x, y, epochs=1)
