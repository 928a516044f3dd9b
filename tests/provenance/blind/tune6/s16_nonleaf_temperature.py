# The learnable temperature is created as torch.tensor(0.07, requires_grad=True).log(), which is a non-leaf result, so the optimizer refuses it
# expect: self.log_temp = torch.tensor(0.07, requires_grad=True).log()
# category: optimizer/non-leaf
# made-at: 26
import torch
import torch.nn as nn
import torch.nn.functional as F


class DualEncoder(nn.Module):
    def __init__(self, img_dim=128, txt_vocab=1000, dim=64):
        super().__init__()
        self.img = nn.Sequential(nn.Linear(img_dim, 256), nn.ReLU(), nn.Linear(256, dim))
        self.txt_emb = nn.EmbeddingBag(txt_vocab, dim, mode="mean")
        self.txt_proj = nn.Linear(dim, dim)

    def forward(self, img, tokens):
        zi = F.normalize(self.img(img), dim=-1)
        zt = F.normalize(self.txt_proj(self.txt_emb(tokens)), dim=-1)
        return zi, zt


class ContrastiveTrainer:
    def __init__(self, model, lr=3e-4):
        self.model = model
        self.log_temp = torch.tensor(0.07, requires_grad=True).log()
        params = list(model.parameters()) + [self.log_temp]
        self.opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)

    def step(self, img, tokens):
        zi, zt = self.model(img, tokens)
        logits = zi @ zt.t() / self.log_temp.exp()
        labels = torch.arange(len(img))
        loss = (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    trainer = ContrastiveTrainer(DualEncoder())
    for it in range(10):
        img = torch.randn(32, 128)
        tokens = torch.randint(0, 1000, (32, 12))
        print(it, trainer.step(img, tokens))
