# the config sets num_attention_heads to 6 with hidden_size 256, which is not divisible, so head_dim rounds down and the reshape fails
# expect: cfg["num_attention_heads"]
# also-accept: config, "num_attention_heads": 6
# category: config/sizes
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)

config = {
    "vocab_size": 1000,
    "hidden_size": 256,
    "num_attention_heads": 6,
    "intermediate_size": 512,
    "num_labels": 4,
}


class SelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.num_heads = cfg["num_attention_heads"]
        self.head_dim = cfg["hidden_size"] // self.num_heads
        self.qkv = nn.Linear(cfg["hidden_size"], 3 * cfg["hidden_size"])
        self.out = nn.Linear(cfg["hidden_size"], cfg["hidden_size"])

    def forward(self, h):
        B, T, H = h.shape
        qkv = self.qkv(h).reshape(B, T, 3, self.num_heads, self.head_dim)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2) / self.head_dim ** 0.5).softmax(-1)
        ctx = (att @ v).transpose(1, 2).reshape(B, T, H)
        return self.out(ctx)


class Classifier(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.emb = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.attn = SelfAttention(cfg)
        self.ffn = nn.Sequential(nn.Linear(cfg["hidden_size"], cfg["intermediate_size"]), nn.GELU(),
                                 nn.Linear(cfg["intermediate_size"], cfg["hidden_size"]))
        self.head = nn.Linear(cfg["hidden_size"], cfg["num_labels"])

    def forward(self, ids):
        h = self.emb(ids)
        h = h + self.attn(h)
        h = h + self.ffn(h)
        return self.head(h.mean(1))


model = Classifier(config)
ids = torch.randint(0, config["vocab_size"], (8, 20))
labels = torch.randint(0, config["num_labels"], (8,))
loss = nn.functional.cross_entropy(model(ids), labels)
loss.backward()
print("loss", loss.item())
