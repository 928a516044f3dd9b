# The training script saves the state dict of the nn.DataParallel wrapper, so every key carries a "module." prefix that the plain inference model does not have
# expect: torch.save(model.state_dict(), ckpt_path)
# also-accept: net.load_state_dict(state)
# category: checkpoint/state-dict-prefix
# made-at: 38
import os
import tempfile

import torch
import torch.nn as nn


class SpeechCommandNet(nn.Module):
    def __init__(self, n_mels=40, n_classes=12):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(n_mels, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
        )
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):
        return self.fc(self.conv(x).mean(-1))


def train(ckpt_path, steps=15):
    torch.manual_seed(0)
    model = SpeechCommandNet()
    model = nn.DataParallel(model)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(steps):
        x = torch.randn(16, 40, 101)
        y = torch.randint(0, 12, (16,))
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), ckpt_path)
    print("saved", ckpt_path)


def load_for_inference(ckpt_path):
    net = SpeechCommandNet()
    state = torch.load(ckpt_path, map_location="cpu")
    net.load_state_dict(state)
    return net.eval()


if __name__ == "__main__":
    out_dir = tempfile.mkdtemp()
    ckpt_path = os.path.join(out_dir, "kws.pt")
    train(ckpt_path)
    net = load_for_inference(ckpt_path)
    with torch.no_grad():
        print(net(torch.randn(1, 40, 101)).argmax(-1))
