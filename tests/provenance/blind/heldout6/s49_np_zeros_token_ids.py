# the padded id matrix is allocated with np.zeros' default float64 dtype, so the embedding receives float indices
# expect: batch_ids = np.zeros((len(sentences), max_len))
# category: dtype/index
# made-at: 24
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
torch.manual_seed(0)

WORDS = "the a cat dog sat ran on under mat log quickly slowly big small red".split()
word2id = {w: i + 1 for i, w in enumerate(WORDS)}
TAGS = {"the": 0, "a": 0, "cat": 1, "dog": 1, "mat": 1, "log": 1, "sat": 2, "ran": 2,
        "on": 3, "under": 3, "quickly": 4, "slowly": 4, "big": 5, "small": 5, "red": 5}


def random_sentence():
    n = int(rng.integers(3, 10))
    return [WORDS[j] for j in rng.integers(0, len(WORDS), size=n)]


def encode_batch(sentences, max_len=12):
    batch_ids = np.zeros((len(sentences), max_len))
    batch_tags = np.full((len(sentences), max_len), -100, dtype=np.int64)
    for r, sent in enumerate(sentences):
        for c, w in enumerate(sent[:max_len]):
            batch_ids[r, c] = word2id[w]
            batch_tags[r, c] = TAGS[w]
    return torch.from_numpy(batch_ids), torch.from_numpy(batch_tags)


class Tagger(nn.Module):
    def __init__(self, vocab, n_tags, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=0)
        self.rnn = nn.LSTM(dim, dim, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * dim, n_tags)

    def forward(self, ids):
        h, _ = self.rnn(self.emb(ids))
        return self.out(h)


model = Tagger(len(WORDS) + 1, 6)
opt = torch.optim.Adam(model.parameters(), lr=5e-3)
loss_fn = nn.CrossEntropyLoss(ignore_index=-100)

for step in range(100):
    ids, tags = encode_batch([random_sentence() for _ in range(16)])
    logits = model(ids)
    loss = loss_fn(logits.reshape(-1, 6), tags.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 25 == 0:
        print(step, round(loss.item(), 4))
