# the encoder GRU is bidirectional, so its final hidden state has 2 directions, which the unidirectional decoder cannot take as its initial state
# expect: self.gru
# also-accept: hidden
# category: shape/rnn-hidden-state
# made-at: 17
import torch
import torch.nn as nn

SRC_VOCAB, TGT_VOCAB, EMB, HID = 120, 90, 32, 64
SOS = 1


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(SRC_VOCAB, EMB)
        self.gru = nn.GRU(EMB, HID, batch_first=True, bidirectional=True)

    def forward(self, src):
        outputs, hidden = self.gru(self.emb(src))
        return outputs, hidden


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(TGT_VOCAB, EMB)
        self.rnn = nn.GRU(EMB, HID, batch_first=True)
        self.out = nn.Linear(HID, TGT_VOCAB)

    def forward(self, token, hidden):
        output, hidden = self.rnn(self.emb(token), hidden)
        return self.out(output.squeeze(1)), hidden


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder, self.decoder = Encoder(), Decoder()

    def forward(self, src, tgt):
        _, hidden = self.encoder(src)
        token = torch.full((src.size(0), 1), SOS, dtype=torch.long)
        logits = []
        for t in range(tgt.size(1)):
            step_logits, hidden = self.decoder(token, hidden)
            logits.append(step_logits)
            token = tgt[:, t:t + 1]  # teacher forcing
        return torch.stack(logits, dim=1)


model = Seq2Seq()
src = torch.randint(2, SRC_VOCAB, (4, 9))
tgt = torch.randint(2, TGT_VOCAB, (4, 7))
logits = model(src, tgt)
loss = nn.functional.cross_entropy(logits.reshape(-1, TGT_VOCAB), tgt.reshape(-1))
loss.backward()
