# the attention layer passes the tokenizer's int64 1/0 attention mask to scaled_dot_product_attention, which wants a bool (or float) mask
# expect: mask = attention_mask[:, None, None, :]
# also-accept: "attention_mask": torch.tensor(masks)
# category: mask/attention
# made-at: 39
import torch
import torch.nn as nn
import torch.nn.functional as F


class ToyTokenizer:
    def __init__(self, vocab_size=1000, pad_id=0):
        self.vocab_size = vocab_size
        self.pad_id = pad_id

    def _ids(self, text):
        return [1 + (sum(map(ord, w)) % (self.vocab_size - 1)) for w in text.lower().split()]

    def __call__(self, texts, max_length=16):
        ids, masks = [], []
        for t in texts:
            x = self._ids(t)[:max_length]
            ids.append(x + [self.pad_id] * (max_length - len(x)))
            masks.append([1] * len(x) + [0] * (max_length - len(x)))
        return {"input_ids": torch.tensor(ids),
                "attention_mask": torch.tensor(masks)}


class SelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x, attention_mask):
        B, T, D = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.n_heads, D // self.n_heads).permute(2, 0, 3, 1, 4)
        mask = attention_mask[:, None, None, :]
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.proj(out.transpose(1, 2).reshape(B, T, D))


class SentenceEncoder(nn.Module):
    def __init__(self, vocab_size=1000, d_model=64, n_heads=4, max_len=16):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Parameter(torch.zeros(1, max_len, d_model))
        self.attn = SelfAttention(d_model, n_heads)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, input_ids, attention_mask):
        x = self.embed(input_ids) + self.pos[:, : input_ids.shape[1]]
        x = self.norm(x + self.attn(x, attention_mask))
        m = attention_mask.unsqueeze(-1).to(x.dtype)
        return (x * m).sum(1) / m.sum(1)


if __name__ == "__main__":
    torch.manual_seed(0)
    tok = ToyTokenizer()
    model = SentenceEncoder().eval()
    batch = tok(["the quick brown fox", "jumps over the lazy dog near the river bank", "hello"])
    with torch.no_grad():
        emb = model(**batch)
    sims = F.normalize(emb, dim=-1) @ F.normalize(emb, dim=-1).T
    print(sims)
