# Export: the model is traced with a batch-of-one example input while still in train mode (model.eval() never called), so BatchNorm1d refuses it
# expect: model
# also-accept: example, model.eval
# category: shape/batchnorm-single-sample
# made-at: 44
import os
import tempfile

import torch
import torch.nn as nn

EXPORT_DIR = tempfile.mkdtemp(prefix="n15_export_")


class TabularNet(nn.Module):
    def __init__(self, n_num, cat_cardinalities, emb_dim=4, hidden=32):
        super().__init__()
        self.embs = nn.ModuleList(nn.Embedding(c, emb_dim) for c in cat_cardinalities)
        width = n_num + emb_dim * len(cat_cardinalities)
        self.mlp = nn.Sequential(
            nn.Linear(width, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(0.2), nn.Linear(hidden, 1)
        )

    def forward(self, numeric, categorical):
        embedded = [emb(categorical[:, i]) for i, emb in enumerate(self.embs)]
        return self.mlp(torch.cat([numeric, *embedded], dim=1)).squeeze(1)


def train(model, steps=5):
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(steps):
        num = torch.randn(64, 5)
        cat = torch.stack([torch.randint(0, 7, (64,)), torch.randint(0, 3, (64,))], dim=1)
        target = num[:, 0] * 2 + cat[:, 1].float()
        loss = nn.functional.mse_loss(model(num, cat), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


def export(model, path):
    example = (torch.randn(1, 5), torch.zeros(1, 2, dtype=torch.long))
    traced = torch.jit.trace(model, example)
    traced.save(path)
    return path


torch.manual_seed(0)
model = TabularNet(n_num=5, cat_cardinalities=[7, 3])
print("train loss", train(model))
print("exported to", export(model, os.path.join(EXPORT_DIR, "tabular.pt")))

# raises: ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 32])
