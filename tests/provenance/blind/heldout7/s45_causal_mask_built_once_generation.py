# during greedy generation the causal mask is built once for the prompt length outside the loop, so after the first new token the mask no longer matches the growing sequence
# expect: causal_mask = torch.triu(torch.full((prompt.size(1), prompt.size(1)), float("-inf")), diagonal=1)
# category: shape/mask
# made-at: 80
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
VOCAB, D, H, MAX_LEN = 50, 64, 4, 64


class CausalSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(D, 3 * D)
        self.proj = nn.Linear(D, D)

    def forward(self, x, mask):
        B, T, _ = x.shape
        q, k, v = self.qkv(x).split(D, dim=-1)
        q, k, v = (t.view(B, T, H, D // H).transpose(1, 2) for t in (q, k, v))
        att = q @ k.transpose(-2, -1) / (D // H) ** 0.5
        att = att + mask
        y = F.softmax(att, dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(B, T, D))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.attn = CausalSelfAttention()
        self.mlp = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(), nn.Linear(4 * D, D))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


class TinyGPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = nn.Embedding(VOCAB, D)
        self.pos = nn.Embedding(MAX_LEN, D)
        self.blocks = nn.ModuleList([Block() for _ in range(2)])
        self.ln_f = nn.LayerNorm(D)
        self.head = nn.Linear(D, VOCAB, bias=False)

    def forward(self, idx, mask):
        T = idx.size(1)
        x = self.tok(idx) + self.pos(torch.arange(T))
        for blk in self.blocks:
            x = blk(x, mask)
        return self.head(self.ln_f(x))


def train_mask(T):
    return torch.triu(torch.full((T, T), float("-inf")), diagonal=1)


model = TinyGPT()
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
data = torch.randint(0, VOCAB, (64, 33))
for step in range(10):
    batch = data[torch.randint(0, 64, (8,))]
    x, y = batch[:, :-1], batch[:, 1:]
    logits = model(x, train_mask(x.size(1)))
    loss = F.cross_entropy(logits.reshape(-1, VOCAB), y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
print("train loss", loss.item())


@torch.no_grad()
def generate(model, prompt, max_new_tokens=10):
    model.eval()
    out = prompt
    causal_mask = torch.triu(torch.full((prompt.size(1), prompt.size(1)), float("-inf")), diagonal=1)
    for _ in range(max_new_tokens):
        logits = model(out, causal_mask)
        next_tok = logits[:, -1].argmax(-1, keepdim=True)
        out = torch.cat([out, next_tok], dim=1)
    return out


prompt = torch.tensor([[5, 17, 3, 22]])
print(generate(model, prompt).tolist())
