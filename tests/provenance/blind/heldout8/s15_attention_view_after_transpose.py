# the heads are merged with .view() right after transpose(1, 2), which is not contiguous; it needs .reshape() or .contiguous()
# expect: out.transpose(1, 2).view(B, T, self.d_model)
# also-accept: out
# category: shape/view
# made-at: 31
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model=48, n_heads=6):
        super().__init__()
        self.d_model, self.n_heads, self.d_head = d_model, n_heads, d_model // n_heads
        self.q = nn.Linear(d_model, d_model)
        self.k = nn.Linear(d_model, d_model)
        self.v = nn.Linear(d_model, d_model)
        self.o = nn.Linear(d_model, d_model)

    def forward(self, x, mask=None):
        B, T, _ = x.shape
        q = self.q(x).view(B, T, self.n_heads, self.d_head).transpose(1, 2)
        k = self.k(x).view(B, T, self.n_heads, self.d_head).transpose(1, 2)
        v = self.v(x).view(B, T, self.n_heads, self.d_head).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / self.d_head ** 0.5
        if mask is not None:
            scores = scores.masked_fill(mask[:, None, None, :] == 0, float("-inf"))
        out = F.softmax(scores, dim=-1) @ v
        out = out.transpose(1, 2).view(B, T, self.d_model)
        return self.o(out)


class Block(nn.Module):
    def __init__(self, d_model=48):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x, mask=None):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


def evaluate(model, batches):
    model.eval()
    errs = []
    with torch.no_grad():
        for x, m, target in batches:
            pred = model(x, m).mean(dim=(1, 2))
            errs.append((pred - target).abs().mean())
    return torch.stack(errs).mean().item()


blk = Block()
val = [(torch.randn(4, 10, 48), torch.ones(4, 10), torch.randn(4)) for _ in range(3)]
print("val MAE:", evaluate(blk, val))
