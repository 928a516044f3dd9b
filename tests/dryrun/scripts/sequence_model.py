"""A clean sequence classifier with the patterns real scripts use: an LSTM, attention with a
padding mask, activation checkpointing, torch.compile, the old torch.cuda.amp API, gradient
accumulation, one loader for training and (under inference_mode) evaluation, and a half
precision model after training."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.checkpoint import checkpoint
from torch.utils.data import DataLoader, Dataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
torch.manual_seed(0)
torch.cuda.manual_seed_all(0)


class Seq(Dataset):
    def __init__(self):
        self.x = np.random.randn(100, 10, 16).astype(np.float32)
        self.len = np.random.randint(1, 11, size=100)
        self.y = np.random.randint(0, 3, size=100)

    def __len__(self):
        return 100

    def __getitem__(self, i):
        return torch.from_numpy(self.x[i]), int(self.len[i]), int(self.y[i])


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(16, 32, batch_first=True)
        self.attn = nn.MultiheadAttention(32, 4, batch_first=True)
        self.head = nn.Sequential(nn.LayerNorm(32), nn.Dropout(0.1), nn.Linear(32, 3))

    def forward(self, x, lengths):
        out, _ = self.lstm(x)
        mask = torch.arange(10, device=x.device)[None, :] >= lengths[:, None]
        a, _ = self.attn(out, out, out, key_padding_mask=mask)
        h = checkpoint(lambda t: F.gelu(t), a, use_reentrant=False)
        pooled = (h * (~mask)[..., None]).sum(1) / lengths[:, None]
        return self.head(pooled)


model = torch.compile(Model().to(device))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scaler = torch.cuda.amp.GradScaler()
loader = DataLoader(Seq(), batch_size=16, shuffle=True, pin_memory=True, num_workers=2)
accum = 2
for _epoch in range(2):
    for i, (x, lengths, y) in enumerate(loader):
        x, lengths, y = (
            x.to(device, non_blocking=True),
            lengths.to(device),
            y.cuda(non_blocking=True),
        )
        with torch.cuda.amp.autocast():
            loss = F.cross_entropy(model(x, lengths), y) / accum
        scaler.scale(loss).backward()
        if (i + 1) % accum == 0:
            scaler.step(opt)
            scaler.update()
            opt.zero_grad()
    correct = 0
    model.eval()
    with torch.inference_mode():
        for x, lengths, y in loader:
            pred = model(x.to(device), lengths.to(device)).argmax(-1)
            correct += pred.eq(y.to(device)).sum().item()
    model.train()
    print("acc", correct / 100)
half = Model().to(device).half()
print(
    half(
        torch.randn(2, 10, 16, device=device, dtype=torch.float16),
        torch.tensor([3, 10], device=device),
    ).shape
)
