# the eval DataLoader uses the default collate on unpadded token id tensors of different lengths; it needs the padding collate_fn
# expect: DataLoader(eval_ds, batch_size=8)
# also-accept: eval_loader, pad_collate
# category: data/collate
# made-at: 69
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class ToyTokenizer:
    pad_token_id = 0

    def __init__(self):
        self.vocab = {}

    def encode(self, text):
        ids = [101]
        for w in text.lower().split():
            ids.append(self.vocab.setdefault(w, len(self.vocab) + 2))
        return ids + [102]


class ReviewDataset(Dataset):
    def __init__(self, texts, labels, tokenizer):
        self.enc = [tokenizer.encode(t) for t in texts]
        self.labels = labels

    def __len__(self):
        return len(self.enc)

    def __getitem__(self, i):
        return {"input_ids": torch.tensor(self.enc[i]), "labels": torch.tensor(self.labels[i])}


def pad_collate(batch):
    ids = nn.utils.rnn.pad_sequence([b["input_ids"] for b in batch], batch_first=True,
                                    padding_value=ToyTokenizer.pad_token_id)
    return {"input_ids": ids, "attention_mask": (ids != 0).long(),
            "labels": torch.stack([b["labels"] for b in batch])}


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size=200, dim=32, num_labels=2):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.cls = nn.Linear(dim, num_labels)

    def forward(self, input_ids, attention_mask=None, labels=None):
        h = self.emb(input_ids)
        if attention_mask is not None:
            h = h * attention_mask.unsqueeze(-1)
        return self.cls(h.mean(1))


tok = ToyTokenizer()
words = "good bad great awful plot acting boring fun long short loved hated".split()
g = torch.Generator().manual_seed(0)
texts = [" ".join(words[j] for j in torch.randint(0, len(words), (int(n),), generator=g))
         for n in torch.randint(3, 12, (40,), generator=g)]
labels = torch.randint(0, 2, (40,), generator=g).tolist()

train_ds = ReviewDataset(texts[:32], labels[:32], tok)
eval_ds = ReviewDataset(texts[32:], labels[32:], tok)
train_loader = DataLoader(train_ds, batch_size=8, shuffle=True, collate_fn=pad_collate,
                          generator=torch.Generator().manual_seed(0))
eval_loader = DataLoader(eval_ds, batch_size=8)

model = BagOfEmbeddings()
opt = torch.optim.Adam(model.parameters(), lr=5e-3)
for batch in train_loader:
    loss = nn.functional.cross_entropy(model(**batch), batch["labels"])
    opt.zero_grad()
    loss.backward()
    opt.step()
print("train loss", loss.item())

model.eval()
tp = fp = fn = 0
with torch.no_grad():
    for batch in eval_loader:
        pred = model(**batch).argmax(-1)
        tp += ((pred == 1) & (batch["labels"] == 1)).sum().item()
        fp += ((pred == 1) & (batch["labels"] == 0)).sum().item()
        fn += ((pred == 0) & (batch["labels"] == 1)).sum().item()
print("eval F1", 2 * tp / max(2 * tp + fp + fn, 1))
