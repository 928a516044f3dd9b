# The vocabulary is rebuilt at inference time from a different text file, so the embedding size differs from the checkpoint
# expect: vocab
# also-accept: model.embedding
# category: checkpoint/size-mismatch
# made-at: 33
import io

import torch
import torch.nn as nn

torch.manual_seed(0)
TRAIN_TEXT = "the quick brown fox jumps over the lazy dog and the cat"
INFER_TEXT = "a quick test sentence"


def build_vocab(text):
    words = sorted(set(text.split()))
    return {w: i + 2 for i, w in enumerate(words)} | {"<pad>": 0, "<unk>": 1}


class Tagger(nn.Module):
    def __init__(self, vocab_size, dim=8):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, dim)
        self.out = nn.Linear(dim, 3)


ckpt = io.BytesIO()
torch.save(Tagger(len(build_vocab(TRAIN_TEXT))).state_dict(), ckpt)
ckpt.seek(0)

# ---- predict.py ----
vocab = build_vocab(INFER_TEXT)
model = Tagger(len(vocab))
model.load_state_dict(torch.load(ckpt))

model.eval()
ids = torch.tensor([[vocab.get(w, 1) for w in INFER_TEXT.split()]])
with torch.no_grad():
    tags = model.out(model.embedding(ids)).argmax(-1)
print(list(zip(INFER_TEXT.split(), tags[0].tolist())))

# raises: RuntimeError: Error(s) in loading state_dict for Tagger
