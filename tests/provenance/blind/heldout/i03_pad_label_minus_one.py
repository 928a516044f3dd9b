# NER padding label set to -1 while CrossEntropyLoss ignores only -100 by default
# expect: PAD_LABEL
# also-accept: criterion
# category: index/class-out-of-range
# made-at: 11
import torch
import torch.nn as nn

torch.manual_seed(0)
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
PAD_LABEL = -1
PAD_TOKEN = 0


def pad_batch(sentences, tag_seqs):
    max_len = max(len(s) for s in sentences)
    tokens = [s + [PAD_TOKEN] * (max_len - len(s)) for s in sentences]
    tags = [t + [PAD_LABEL] * (max_len - len(t)) for t in tag_seqs]
    return torch.tensor(tokens), torch.tensor(tags)


class Tagger(nn.Module):
    def __init__(self, vocab=200, dim=32, n_tags=len(TAGS)):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=PAD_TOKEN)
        self.rnn = nn.GRU(dim, dim, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * dim, n_tags)

    def forward(self, x):
        h, _ = self.rnn(self.emb(x))
        return self.out(h)


sentences = [[5, 17, 42, 8], [12, 99], [7, 7, 3]]
tag_seqs = [[1, 2, 0, 3], [0, 0], [3, 4, 0]]
tokens, tags = pad_batch(sentences, tag_seqs)
model = Tagger()
criterion = nn.CrossEntropyLoss()
logits = model(tokens)
loss = criterion(logits.reshape(-1, len(TAGS)), tags.reshape(-1))
loss.backward()

# raises: IndexError: Target -1 is out of bounds.
