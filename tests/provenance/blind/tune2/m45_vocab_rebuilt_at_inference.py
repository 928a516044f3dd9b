# the inference code rebuilds the vocabulary from the test texts instead of loading the training vocabulary, so the embedding size no longer matches the checkpoint
# expect: vocab
# also-accept: len(vocab), build_vocab(texts)
# category: checkpoint/size-mismatch
# made-at: 57
import json
import os
import tempfile

import torch
import torch.nn as nn

WORK = tempfile.mkdtemp(prefix="intent_")
TRAIN = [("book a flight to paris", 0), ("what is the weather today", 1), ("play some jazz music", 2),
         ("find flights to rome tomorrow", 0), ("will it rain tonight", 1), ("play my workout playlist", 2)]
TEST = ["weather in paris", "play jazz"]


def build_vocab(texts):
    words = sorted({w for t in texts for w in t.split()})
    return {"<pad>": 0, "<unk>": 1, **{w: i + 2 for i, w in enumerate(words)}}


class IntentModel(nn.Module):
    def __init__(self, vocab_size, dim=16, n_intents=3):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab_size, dim)
        self.out = nn.Linear(dim, n_intents)

    def forward(self, ids, offsets):
        return self.out(self.emb(ids, offsets))


def encode_batch(texts, vocab):
    ids = [torch.tensor([vocab.get(w, 1) for w in t.split()]) for t in texts]
    offsets = torch.tensor([0] + [len(i) for i in ids[:-1]]).cumsum(0)
    return torch.cat(ids), offsets


def train():
    vocab = build_vocab([t for t, _ in TRAIN])
    model = IntentModel(len(vocab))
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    ids, offsets = encode_batch([t for t, _ in TRAIN], vocab)
    labels = torch.tensor([y for _, y in TRAIN])
    for _ in range(20):
        loss = nn.functional.cross_entropy(model(ids, offsets), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), os.path.join(WORK, "intent.pt"))
    with open(os.path.join(WORK, "vocab.json"), "w") as f:
        json.dump(vocab, f)


def infer(texts):
    vocab = build_vocab(texts)
    model = IntentModel(len(vocab))
    model.load_state_dict(torch.load(os.path.join(WORK, "intent.pt")))
    ids, offsets = encode_batch(texts, vocab)
    return model(ids, offsets).argmax(1)


train()
print(infer(TEST))
