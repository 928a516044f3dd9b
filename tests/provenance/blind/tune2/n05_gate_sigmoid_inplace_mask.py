# The gating block multiplies the sigmoid output by the padding mask in place (gate *= mask), but sigmoid saved that output for its backward
# expect: gate
# also-accept: gate *= mask
# category: autograd/inplace-modified
# made-at: 30
import argparse

import torch
import torch.nn as nn


def get_args(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--dim", type=int, default=24)
    p.add_argument("--seq", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    return p.parse_args(argv)


class GatedConvBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv = nn.Conv1d(dim, 2 * dim, kernel_size=3, padding=1)

    def forward(self, x, mask):
        # x: (B, dim, T), mask: (B, 1, T)
        value, gate_logits = self.conv(x).chunk(2, dim=1)
        gate = torch.sigmoid(gate_logits)
        gate *= mask
        return x + value * gate


class Tagger(nn.Module):
    def __init__(self, dim, n_tags=5):
        super().__init__()
        self.blocks = nn.ModuleList([GatedConvBlock(dim) for _ in range(2)])
        self.out = nn.Conv1d(dim, n_tags, 1)

    def forward(self, x, mask):
        for block in self.blocks:
            x = block(x, mask)
        return self.out(x)


def main():
    args = get_args([])
    torch.manual_seed(0)
    model = Tagger(args.dim)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    x = torch.randn(args.batch_size, args.dim, args.seq)
    lengths = torch.randint(3, args.seq + 1, (args.batch_size,))
    mask = (torch.arange(args.seq)[None, :] < lengths[:, None]).float().unsqueeze(1)
    tags = torch.randint(0, 5, (args.batch_size, args.seq))
    logits = model(x, mask)
    loss = nn.functional.cross_entropy(logits, tags, reduction="none")
    loss = (loss * mask.squeeze(1)).sum() / mask.sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print("loss", loss.item())


if __name__ == "__main__":
    main()

# raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [8, 24, 10]], which is output 0 of Sigmoid, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gr
