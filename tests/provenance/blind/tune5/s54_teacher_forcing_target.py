# The decoder target is the whole target sequence instead of the one shifted left (tgt[:, 1:]), so it has one more step than the decoder output
# expect: dec_target = tgt
# category: shape/seq2seq
# made-at: 28
import torch
import torch.nn as nn

BOS, EOS, PAD = 1, 2, 0


class Seq2Seq(nn.Module):
    def __init__(self, src_vocab=500, tgt_vocab=600, dim=128):
        super().__init__()
        self.src_emb = nn.Embedding(src_vocab, dim, padding_idx=PAD)
        self.tgt_emb = nn.Embedding(tgt_vocab, dim, padding_idx=PAD)
        self.encoder = nn.GRU(dim, dim, batch_first=True)
        self.decoder = nn.GRU(dim, dim, batch_first=True)
        self.proj = nn.Linear(dim, tgt_vocab)

    def forward(self, src, dec_input):
        _, h = self.encoder(self.src_emb(src))
        out, _ = self.decoder(self.tgt_emb(dec_input), h)
        return self.proj(out)


def shift_for_teacher_forcing(tgt):
    dec_input = tgt[:, :-1]
    dec_target = tgt
    return dec_input, dec_target


def train_step(model, opt, crit, src, tgt):
    dec_input, dec_target = shift_for_teacher_forcing(tgt)
    logits = model(src, dec_input)
    loss = crit(logits.reshape(-1, logits.size(-1)), dec_target.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


def make_batch(bsz=16, src_len=12, tgt_len=14):
    src = torch.randint(3, 500, (bsz, src_len))
    body = torch.randint(3, 600, (bsz, tgt_len - 2))
    tgt = torch.cat([torch.full((bsz, 1), BOS), body, torch.full((bsz, 1), EOS)], dim=1)
    return src, tgt


if __name__ == "__main__":
    torch.manual_seed(0)
    model = Seq2Seq()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = nn.CrossEntropyLoss(ignore_index=PAD)
    for step in range(3):
        print(step, train_step(model, opt, crit, *make_batch()))
