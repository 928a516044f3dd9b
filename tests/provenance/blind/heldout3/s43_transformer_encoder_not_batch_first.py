# the encoder layer is built without batch_first=True, so (batch, seq, dim) input is read as (seq, batch, dim) and the (batch, seq) padding mask no longer fits
# expect: encoder_layer
# also-accept: self.encoder
# category: shape/transformer-batch-first
# made-at: 15
import torch
import torch.nn as nn


class TextClassifier(nn.Module):
    def __init__(self, vocab_size=1000, d_model=32, nhead=4, num_layers=2, num_classes=3, pad_idx=0):
        super().__init__()
        self.pad_idx = pad_idx
        self.embedding = nn.Embedding(vocab_size, d_model, padding_idx=pad_idx)
        encoder_layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=64)
        self.encoder = nn.TransformerEncoder(encoder_layer, num_layers, enable_nested_tensor=False)
        self.fc = nn.Linear(d_model, num_classes)

    def forward(self, ids):
        pad_mask = ids == self.pad_idx
        h = self.encoder(self.embedding(ids), src_key_padding_mask=pad_mask)
        h = h.masked_fill(pad_mask.unsqueeze(-1), 0.0)
        return self.fc(h.sum(1) / (~pad_mask).sum(1, keepdim=True))


def make_batch(batch_size=8, seq_len=20):
    ids = torch.randint(1, 1000, (batch_size, seq_len))
    lengths = torch.randint(5, seq_len + 1, (batch_size,))
    ids[torch.arange(seq_len)[None, :] >= lengths[:, None]] = 0
    return ids, torch.randint(0, 3, (batch_size,))


model = TextClassifier()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    ids, y = make_batch()
    loss = nn.functional.cross_entropy(model(ids), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
