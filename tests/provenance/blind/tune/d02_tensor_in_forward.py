# forward builds a causal mask with torch.ones(...) and no device=, so it stays on CPU while activations are on the model's device
# expect: mask
# category: device/tensor-mismatch
# made-at: 22
import torch
import torch.nn as nn

torch.manual_seed(0)
DEVICE = torch.device("meta")


class CausalSelfAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, x):
        T = x.size(1)
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        att = q @ k.transpose(-2, -1) / q.size(-1) ** 0.5
        mask = torch.tril(torch.ones(T, T))
        att = att.masked_fill(mask == 0, float("-inf"))
        return self.out(att.softmax(-1) @ v)


class TinyGPT(nn.Module):
    def __init__(self, vocab=64, dim=32):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.attn = CausalSelfAttention(dim)
        self.lm_head = nn.Linear(dim, vocab)

    def forward(self, idx):
        return self.lm_head(self.attn(self.tok(idx)))


model = TinyGPT().to(DEVICE)
idx = torch.randint(0, 64, (2, 16), device=DEVICE)
logits = model(idx)

# raises: RuntimeError: Tensor on device meta is not on the expected device cpu!
