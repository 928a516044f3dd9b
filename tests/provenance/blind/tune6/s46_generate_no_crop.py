# the sampling loop feeds the whole growing context to the model instead of cropping it to the last block_size tokens
# expect: logits = model(idx)
# category: index/embedding
# made-at: 54
import torch
import torch.nn as nn
import torch.nn.functional as F


class GPTConfig:
    def __init__(self, **kw):
        self.vocab_size = kw.get("vocab_size", 65)
        self.block_size = kw.get("block_size", 32)
        self.n_embd = kw.get("n_embd", 64)
        self.n_head = kw.get("n_head", 4)
        self.n_layer = kw.get("n_layer", 2)


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.n_embd)
        self.attn = nn.MultiheadAttention(cfg.n_embd, cfg.n_head, batch_first=True)
        self.ln2 = nn.LayerNorm(cfg.n_embd)
        self.mlp = nn.Sequential(nn.Linear(cfg.n_embd, 4 * cfg.n_embd), nn.GELU(), nn.Linear(4 * cfg.n_embd, cfg.n_embd))

    def forward(self, x):
        T = x.shape[1]
        causal = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        h = self.ln1(x)
        x = x + self.attn(h, h, h, attn_mask=causal, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


class TinyGPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.wpe = nn.Embedding(cfg.block_size, cfg.n_embd)
        self.blocks = nn.Sequential(*[Block(cfg) for _ in range(cfg.n_layer)])
        self.ln_f = nn.LayerNorm(cfg.n_embd)
        self.lm_head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)

    def forward(self, idx):
        pos = torch.arange(idx.shape[1], device=idx.device)
        x = self.wte(idx) + self.wpe(pos)
        return self.lm_head(self.ln_f(self.blocks(x)))


@torch.no_grad()
def generate(model, idx, max_new_tokens, temperature=1.0):
    for _ in range(max_new_tokens):
        logits = model(idx)
        probs = F.softmax(logits[:, -1, :] / temperature, dim=-1)
        idx = torch.cat([idx, torch.multinomial(probs, 1)], dim=1)
    return idx


def main():
    torch.manual_seed(0)
    cfg = GPTConfig(block_size=32)
    model = TinyGPT(cfg)
    data = torch.randint(0, cfg.vocab_size, (5000,))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    for step in range(4):
        ix = torch.randint(len(data) - cfg.block_size - 1, (16,))
        x = torch.stack([data[i:i + cfg.block_size] for i in ix])
        y = torch.stack([data[i + 1:i + cfg.block_size + 1] for i in ix])
        loss = F.cross_entropy(model(x).view(-1, cfg.vocab_size), y.view(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    prompt = data[:24].unsqueeze(0)
    print(generate(model, prompt, max_new_tokens=100)[0].tolist())


if __name__ == "__main__":
    main()
