# the causal mask is created inside forward() on the default (CPU) device while the activations live on the model's device ("meta" stands in for the GPU)
# expect: mask
# category: device/tensor-created-in-forward
# made-at: 21
import torch
import torch.nn as nn

device = torch.device("meta")  # stand-in for "cuda" on this CPU-only box


class TinyGPTBlock(nn.Module):
    def __init__(self, dim=32, n_heads=4):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, n_heads, batch_first=True)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        t = x.size(1)
        mask = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        h = self.ln1(x)
        a, _ = self.attn(h, h, h, attn_mask=mask, need_weights=False)
        x = x + a
        return x + self.mlp(self.ln2(x))


class TinyGPT(nn.Module):
    def __init__(self, vocab=100, dim=32, n_layers=2):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.blocks = nn.ModuleList(TinyGPTBlock(dim) for _ in range(n_layers))
        self.lm_head = nn.Linear(dim, vocab)

    def forward(self, idx):
        x = self.tok(idx)
        for block in self.blocks:
            x = block(x)
        return self.lm_head(x)


model = TinyGPT().to(device)
idx = torch.randint(0, 100, (2, 12), device=device)
logits = model(idx)
print(logits.shape)
