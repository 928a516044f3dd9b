# sequences are padded with -1, which is not a valid row of the embedding table
# expect: PAD_IDX
# category: index/embedding-negative
# made-at: 10
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

VOCAB_SIZE = 200
PAD_IDX = -1


def encode_batch(sentences):
    seqs = [torch.tensor([hash(w) % (VOCAB_SIZE - 1) + 1 for w in s.split()]) for s in sentences]
    return pad_sequence(seqs, batch_first=True, padding_value=PAD_IDX)


class GRUTagger(nn.Module):
    def __init__(self, n_tags=5):
        super().__init__()
        self.embed = nn.Embedding(VOCAB_SIZE, 32)
        self.gru = nn.GRU(32, 32, batch_first=True)
        self.out = nn.Linear(32, n_tags)

    def forward(self, ids):
        h, _ = self.gru(self.embed(ids))
        return self.out(h)


sentences = ["the bank raised rates", "rates fell", "the river bank flooded after rain"]
batch = encode_batch(sentences)
model = GRUTagger()
print(model(batch).shape)
