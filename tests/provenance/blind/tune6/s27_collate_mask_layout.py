# The collate builds the padding mask from the (T, B) sequence-first batch, but key_padding_mask must be (B, T)
# expect: pad_mask = tokens == PAD
# also-accept: key_padding_mask=pad_mask
# category: mask/attention
# made-at: 33
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

PAD, VOCAB = 0, 300


class Reviews(Dataset):
    def __init__(self, n=240, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.items = []
        for _ in range(n):
            L = int(torch.randint(5, 40, (1,), generator=g))
            toks = torch.randint(1, VOCAB, (L,), generator=g)
            self.items.append((toks, int(toks.float().mean() > VOCAB / 2)))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def collate(batch):
    seqs, labels = zip(*batch)
    tokens = pad_sequence(seqs, padding_value=PAD)
    pad_mask = tokens == PAD
    return tokens, pad_mask, torch.tensor(labels)


class AttnPoolClassifier(nn.Module):
    def __init__(self, d=64, heads=4):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, d, padding_idx=PAD)
        self.attn = nn.MultiheadAttention(d, heads, dropout=0.1)
        self.query = nn.Parameter(torch.randn(1, 1, d))
        self.fc = nn.Linear(d, 2)

    def forward(self, tokens, pad_mask):
        h = self.emb(tokens)
        q = self.query.expand(1, tokens.size(1), -1)
        pooled, _ = self.attn(q, h, h, key_padding_mask=pad_mask)
        return self.fc(pooled.squeeze(0))


def train_one_epoch(model, loader, opt):
    model.train()
    for tokens, pad_mask, y in loader:
        loss = nn.functional.cross_entropy(model(tokens, pad_mask), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(Reviews(), batch_size=16, shuffle=True, collate_fn=collate)
    model = AttnPoolClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        print(epoch, train_one_epoch(model, loader, opt))
