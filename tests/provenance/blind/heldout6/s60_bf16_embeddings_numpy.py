# the embeddings are extracted under bfloat16 autocast and handed to numpy, which has no bfloat16
# expect: torch.autocast("cpu", dtype=torch.bfloat16)
# also-accept: emb.numpy()
# category: dtype/amp
# made-at: 33
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Encoder(nn.Module):
    def __init__(self, d_in=48, d_emb=32):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, 128), nn.GELU(), nn.Linear(128, 128), nn.GELU(), nn.Linear(128, d_emb))

    def forward(self, x):
        return nn.functional.normalize(self.net(x), dim=-1)


def make_gallery(n=600, d=48, k=6, seed=0):
    g = torch.Generator().manual_seed(seed)
    centers = torch.randn(k, d, generator=g) * 3
    labels = torch.randint(0, k, (n,), generator=g)
    return centers[labels] + torch.randn(n, d, generator=g), labels


@torch.no_grad()
def extract_embeddings(model, loader):
    model.eval()
    chunks = []
    for (x,) in loader:
        with torch.autocast("cpu", dtype=torch.bfloat16):
            emb = model(x)
        chunks.append(emb.numpy())
    return np.concatenate(chunks)


def knn_accuracy(gallery, g_labels, queries, q_labels, k=5):
    sims = queries @ gallery.T
    top = np.argsort(-sims, axis=1)[:, :k]
    votes = g_labels[top]
    pred = np.array([np.bincount(v).argmax() for v in votes])
    return float((pred == q_labels).mean())


if __name__ == "__main__":
    torch.manual_seed(0)
    model = Encoder()
    xg, yg = make_gallery(seed=0)
    xq, yq = make_gallery(n=100, seed=1)
    g_emb = extract_embeddings(model, DataLoader(TensorDataset(xg), batch_size=128))
    q_emb = extract_embeddings(model, DataLoader(TensorDataset(xq), batch_size=128))
    print("kNN acc", knn_accuracy(g_emb, yg.numpy(), q_emb, yq.numpy()))
