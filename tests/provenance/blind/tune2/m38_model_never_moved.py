# every batch is moved to the device but the model never is (no model.to(device))
# expect: model
# also-accept: model.to(device)
# category: device/tensor-mismatch
# made-at: 42
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

device = torch.device("meta")  # torch.device("cuda") on the GPU box


class ClickDataset(Dataset):
    def __init__(self, n=128, n_users=50, n_items=80):
        g = torch.Generator().manual_seed(0)
        self.users = torch.randint(0, n_users, (n,), generator=g)
        self.items = torch.randint(0, n_items, (n,), generator=g)
        self.clicked = torch.randint(0, 2, (n,), generator=g).float()

    def __len__(self):
        return len(self.users)

    def __getitem__(self, i):
        return {"user": self.users[i], "item": self.items[i], "clicked": self.clicked[i]}


class MatrixFactorization(nn.Module):
    def __init__(self, n_users=50, n_items=80, dim=16):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, dim)
        self.item_emb = nn.Embedding(n_items, dim)
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, user, item):
        return (self.user_emb(user) * self.item_emb(item)).sum(-1) + self.bias


def to_device(batch, device):
    return {k: v.to(device) for k, v in batch.items()}


model = MatrixFactorization()
optimizer = torch.optim.SparseAdam(list(model.user_emb.parameters()) + list(model.item_emb.parameters()))
loader = DataLoader(ClickDataset(), batch_size=32, shuffle=True)

for epoch in range(2):
    for batch in loader:
        batch = to_device(batch, device)
        logits = model(batch["user"], batch["item"])
        loss = nn.functional.binary_cross_entropy_with_logits(logits, batch["clicked"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
