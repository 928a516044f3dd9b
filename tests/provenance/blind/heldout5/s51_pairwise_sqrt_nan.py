# The pairwise distance takes torch.sqrt of squared differences that are exactly zero on the diagonal, whose gradient is NaN (anomaly detection stops there)
# expect: torch.sqrt(((emb[:, None, :] - emb[None, :, :]) ** 2).sum(-1))
# category: value/nan-gradient
# made-at: 22
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.autograd.set_detect_anomaly(True)


class Embedder(nn.Module):
    def __init__(self, d_in=20, d_out=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, 64), nn.ReLU(), nn.Linear(64, d_out))

    def forward(self, x):
        return self.net(x)


def pairwise_distances(emb):
    return torch.sqrt(((emb[:, None, :] - emb[None, :, :]) ** 2).sum(-1))


def batch_hard_triplet_loss(emb, labels, margin=0.3):
    dist = pairwise_distances(emb)
    same = labels[:, None] == labels[None, :]
    hardest_pos = (dist * same.float()).max(1).values
    hardest_neg = (dist + 1e6 * same.float()).min(1).values
    return F.relu(hardest_pos - hardest_neg + margin).mean()


def train(steps=5):
    torch.manual_seed(0)
    model = Embedder()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(steps):
        x = torch.randn(32, 20)
        labels = torch.arange(8).repeat_interleave(4)
        loss = batch_hard_triplet_loss(model(x), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())


if __name__ == "__main__":
    train()
