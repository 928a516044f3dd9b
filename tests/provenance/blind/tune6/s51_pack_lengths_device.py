# the batch-moving helper also moves the sequence lengths to the accelerator, but pack_padded_sequence needs them on the CPU
# expect: return {k: v.to(device) for k, v in batch.items()}
# also-accept: pack_padded_sequence(emb, lengths, batch_first=True, enforce_sorted=False)
# category: device/rnn
# made-at: 35
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

cfg = SimpleNamespace(vocab=300, emb=32, hidden=64, classes=4, batch_size=8, device="meta")


def make_corpus(n=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(n):
        L = int(torch.randint(3, 20, (1,), generator=g))
        ids = torch.randint(1, cfg.vocab, (L,), generator=g)
        out.append((ids, int(ids.sum()) % cfg.classes))
    return out


def collate(items):
    seqs, labels = zip(*items)
    return {
        "ids": pad_sequence(seqs, batch_first=True),
        "lengths": torch.tensor([len(s) for s in seqs]),
        "labels": torch.tensor(labels),
    }


def to_device(batch, device):
    return {k: v.to(device) for k, v in batch.items()}


class PackedGRU(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(cfg.vocab, cfg.emb, padding_idx=0)
        self.gru = nn.GRU(cfg.emb, cfg.hidden, batch_first=True)
        self.out = nn.Linear(cfg.hidden, cfg.classes)

    def forward(self, ids, lengths):
        emb = self.emb(ids)
        packed = pack_padded_sequence(emb, lengths, batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return self.out(h[-1])


def evaluate(model, corpus, device):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(corpus), cfg.batch_size):
            batch = to_device(collate(corpus[i:i + cfg.batch_size]), device)
            preds.append(model(batch["ids"], batch["lengths"]).argmax(-1))
    return torch.cat(preds)


if __name__ == "__main__":
    torch.manual_seed(0)
    device = torch.device(cfg.device)
    model = PackedGRU().to(device)
    preds = evaluate(model, make_corpus(), device)
    print(preds.shape)
