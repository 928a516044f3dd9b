# The embeddings are computed inside the bfloat16 autocast block and written as they are into the float32 memory bank
# expect: feats = encoder(x)
# category: dtype/autocast
# made-at: 23
import torch
import torch.nn as nn
import torch.nn.functional as F


class MemoryBank:
    def __init__(self, size, dim):
        self.feats = F.normalize(torch.randn(size, dim), dim=1)

    def update(self, idx, feats):
        self.feats[idx] = F.normalize(feats, dim=1)


def train_one_epoch(encoder, bank, data, opt, temperature=0.07, batch_size=64):
    for start in range(0, len(data), batch_size):
        idx = torch.arange(start, min(start + batch_size, len(data)))
        x = data[idx] + 0.1 * torch.randn(len(idx), data.size(1))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            feats = encoder(x)
            logits = feats @ bank.feats.t() / temperature
        loss = F.cross_entropy(logits.float(), idx)
        opt.zero_grad()
        loss.backward()
        opt.step()
        bank.update(idx, feats.detach())


if __name__ == "__main__":
    torch.manual_seed(0)
    data = torch.randn(512, 32)
    encoder = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 64))
    bank = MemoryBank(len(data), 64)
    opt = torch.optim.SGD(encoder.parameters(), lr=0.03, momentum=0.9)
    train_one_epoch(encoder, bank, data, opt)
