# in the teacher-forcing loop the decoder gets the embedded token of step t as (batch, emb) without the time axis, so the batch_first GRU treats it as an unbatched sequence and rejects the 3-D hidden state
# expect: self.embedding(token)
# category: shape/rnn
# made-at: 46
import random

import torch
import torch.nn as nn

random.seed(0)
torch.manual_seed(0)

PAD, SOS, EOS = 0, 1, 2
VOCAB = 20


def make_pair():
    n = random.randint(3, 8)
    src = [random.randint(3, VOCAB - 1) for _ in range(n)]
    return src, list(reversed(src))  # toy task: reverse the sequence


def pad_batch(seqs, max_len):
    return torch.tensor([s + [EOS] + [PAD] * (max_len - len(s) - 1) for s in seqs])


class Encoder(nn.Module):
    def __init__(self, emb=32, hid=64):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, emb, padding_idx=PAD)
        self.rnn = nn.GRU(emb, hid, batch_first=True)

    def forward(self, src):
        _, h = self.rnn(self.embedding(src))
        return h


class Decoder(nn.Module):
    def __init__(self, emb=32, hid=64):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, emb, padding_idx=PAD)
        self.rnn = nn.GRU(emb, hid, batch_first=True)
        self.out = nn.Linear(hid, VOCAB)

    def forward(self, token, hidden):
        emb = self.embedding(token)
        output, hidden = self.rnn(emb, hidden)
        return self.out(output.squeeze(1)), hidden


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.decoder = Decoder()

    def forward(self, src, tgt, teacher_forcing_ratio=0.5):
        batch, tgt_len = tgt.shape
        hidden = self.encoder(src)
        token = torch.full((batch,), SOS, dtype=torch.long)
        logits = []
        for t in range(tgt_len):
            step_logits, hidden = self.decoder(token, hidden)
            logits.append(step_logits)
            use_tf = random.random() < teacher_forcing_ratio
            token = tgt[:, t] if use_tf else step_logits.argmax(-1)
        return torch.stack(logits, dim=1)


model = Seq2Seq()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss(ignore_index=PAD)
for step in range(100):
    pairs = [make_pair() for _ in range(32)]
    src = pad_batch([p[0] for p in pairs], 9)
    tgt = pad_batch([p[1] for p in pairs], 9)
    logits = model(src, tgt)
    loss = criterion(logits.reshape(-1, VOCAB), tgt.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 20 == 0:
        print(step, loss.item())
