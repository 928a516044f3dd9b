# The key-padding mask is built seq-first (transposed) while the encoder runs batch_first, so its shape is (seq, batch) instead of (batch, seq).
# expect: pad_mask
# also-accept: (src == PAD_IDX).transpose(0, 1)
# category: shape/mask
# made-at: 46
import torch
import torch.nn as nn

torch.manual_seed(0)

PAD_IDX, VOCAB, D_MODEL, N_CLS = 0, 500, 64, 4


def make_batch(bs=16, max_len=24):
    lens = torch.randint(5, max_len + 1, (bs,))
    src = torch.full((bs, max_len), PAD_IDX)
    for i, n in enumerate(lens):
        src[i, :n] = torch.randint(1, VOCAB, (n,))
    return src, torch.randint(0, N_CLS, (bs,))


class PositionalEncoding(nn.Module):
    def __init__(self, d, max_len=256):
        super().__init__()
        pos = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2) * (-torch.log(torch.tensor(10000.0)) / d))
        pe = torch.zeros(max_len, d)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe)

    def forward(self, x):
        return x + self.pe[: x.size(1)]


class TextTransformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, D_MODEL, padding_idx=PAD_IDX)
        self.pos = PositionalEncoding(D_MODEL)
        layer = nn.TransformerEncoderLayer(D_MODEL, nhead=4, dim_feedforward=128, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.cls = nn.Linear(D_MODEL, N_CLS)

    def forward(self, src):
        pad_mask = (src == PAD_IDX).transpose(0, 1)
        h = self.encoder(self.pos(self.emb(src)), src_key_padding_mask=pad_mask)
        keep = (~(src == PAD_IDX)).unsqueeze(-1).float()
        return self.cls((h * keep).sum(1) / keep.sum(1))


model = TextTransformer()
opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
for step in range(30):
    src, y = make_batch()
    loss = nn.functional.cross_entropy(model(src), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("ok")
