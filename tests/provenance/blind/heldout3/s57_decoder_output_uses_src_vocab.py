# the decoder's output projection is sized with the source vocabulary, which is smaller than the target vocabulary
# expect: self.out
# also-accept: cfg["src_vocab"]
# category: index/loss-target-out-of-range
# made-at: 19
import torch
import torch.nn as nn

cfg = {"src_vocab": 120, "tgt_vocab": 180, "emb": 32, "hid": 64, "pad": 0}


class Translator(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.src_emb = nn.Embedding(cfg["src_vocab"], cfg["emb"], padding_idx=cfg["pad"])
        self.tgt_emb = nn.Embedding(cfg["tgt_vocab"], cfg["emb"], padding_idx=cfg["pad"])
        self.encoder = nn.LSTM(cfg["emb"], cfg["hid"], batch_first=True)
        self.decoder = nn.LSTM(cfg["emb"], cfg["hid"], batch_first=True)
        self.out = nn.Linear(cfg["hid"], cfg["src_vocab"])

    def forward(self, src, tgt_in):
        _, state = self.encoder(self.src_emb(src))
        dec_out, _ = self.decoder(self.tgt_emb(tgt_in), state)
        return self.out(dec_out)


def fake_parallel_batch(bsz=6):
    src = torch.randint(1, cfg["src_vocab"], (bsz, 11))
    tgt = torch.randint(1, cfg["tgt_vocab"], (bsz, 9))
    return src, tgt


model = Translator(cfg)
criterion = nn.CrossEntropyLoss(ignore_index=cfg["pad"])
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    src, tgt = fake_parallel_batch()
    logits = model(src, tgt[:, :-1])
    loss = criterion(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
