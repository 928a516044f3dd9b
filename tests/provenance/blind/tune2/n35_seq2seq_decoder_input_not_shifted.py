# Teacher forcing feeds the full target sequence to the decoder (tgt instead of tgt[:, :-1]) while the labels are tgt[:, 1:], so logits and labels differ in length after flattening
# expect: decoder_input
# also-accept: tgt
# category: shape/batch-size-mismatch
# made-at: 36
import torch
import torch.nn as nn

BOS, EOS, PAD = 1, 2, 0
VOCAB, EMB, HID = 30, 16, 32


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_emb = nn.Embedding(VOCAB, EMB, padding_idx=PAD)
        self.tgt_emb = nn.Embedding(VOCAB, EMB, padding_idx=PAD)
        self.encoder = nn.GRU(EMB, HID, batch_first=True)
        self.decoder = nn.GRU(EMB, HID, batch_first=True)
        self.generator = nn.Linear(HID, VOCAB)

    def forward(self, src, decoder_input):
        _, h = self.encoder(self.src_emb(src))
        out, _ = self.decoder(self.tgt_emb(decoder_input), h)
        return self.generator(out)


def make_reverse_task(n, length):
    src = torch.randint(3, VOCAB, (n, length))
    body = src.flip(1)
    tgt = torch.cat([torch.full((n, 1), BOS), body, torch.full((n, 1), EOS)], dim=1)
    return src, tgt


def train_step(model, opt, src, tgt):
    decoder_input = tgt
    labels = tgt[:, 1:]
    logits = model(src, decoder_input)
    loss = nn.functional.cross_entropy(logits.reshape(-1, VOCAB), labels.reshape(-1), ignore_index=PAD)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


torch.manual_seed(0)
model = Seq2Seq()
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
src, tgt = make_reverse_task(64, 7)
for epoch in range(3):
    losses = [train_step(model, opt, src[i : i + 16], tgt[i : i + 16]) for i in range(0, 64, 16)]
    print(epoch, sum(losses) / len(losses))

# raises: ValueError: Expected input batch_size (144) to match target batch_size (128).
