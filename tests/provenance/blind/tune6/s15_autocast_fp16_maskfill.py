# The attention fills masked scores with -1e9, which overflows float16 once the config runs the model under CPU autocast with float16
# expect: scores.masked_fill(mask == 0, -1e9)
# also-accept: "amp_dtype": torch.float16
# category: amp/overflow
# made-at: 25
import math

import torch
import torch.nn as nn

CONFIG = {"d_model": 64, "n_heads": 4, "seq_len": 24, "batch_size": 8, "amp": True, "amp_dtype": torch.float16, "lr": 5e-4, "steps": 4}


class SelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.h = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x, mask):
        B, T, C = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(C // self.h)
        scores = scores.masked_fill(mask == 0, -1e9)
        out = scores.softmax(-1) @ v
        return self.proj(out.transpose(1, 2).reshape(B, T, C))


class Tagger(nn.Module):
    def __init__(self, cfg, n_tags=9, vocab=500):
        super().__init__()
        self.emb = nn.Embedding(vocab, cfg["d_model"])
        self.attn = SelfAttention(cfg["d_model"], cfg["n_heads"])
        self.norm = nn.LayerNorm(cfg["d_model"])
        self.out = nn.Linear(cfg["d_model"], n_tags)

    def forward(self, tokens, lengths):
        T = tokens.size(1)
        mask = (torch.arange(T)[None, :] < lengths[:, None])[:, None, None, :]
        h = self.emb(tokens)
        h = self.norm(h + self.attn(h, mask))
        return self.out(h)


def main(cfg):
    torch.manual_seed(0)
    model = Tagger(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"])
    for step in range(cfg["steps"]):
        tokens = torch.randint(1, 500, (cfg["batch_size"], cfg["seq_len"]))
        lengths = torch.randint(5, cfg["seq_len"] + 1, (cfg["batch_size"],))
        tags = torch.randint(0, 9, (cfg["batch_size"], cfg["seq_len"]))
        with torch.autocast("cpu", dtype=cfg["amp_dtype"], enabled=cfg["amp"]):
            logits = model(tokens, lengths)
            loss = nn.functional.cross_entropy(logits.float().transpose(1, 2), tags)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())


if __name__ == "__main__":
    main(CONFIG)
