# The (batch, seq) padding mask is passed as attn_mask instead of key_padding_mask
# expect: attn_mask=pad_mask
# also-accept: pad_mask
# category: shape/attn-mask
# made-at: 23
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

PAD = 0


class AttentionPoolClassifier(nn.Module):
    def __init__(self, vocab=64, dim=32, heads=4, n_classes=3):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=PAD)
        self.mha = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.fc = nn.Linear(dim, n_classes)

    def forward(self, ids):
        x = self.emb(ids)
        pad_mask = ids == PAD
        h, _ = self.mha(x, x, x, attn_mask=pad_mask)
        h = h.masked_fill(pad_mask.unsqueeze(-1), 0.0)
        return self.fc(h.sum(1) / (~pad_mask).sum(1, keepdim=True))


torch.manual_seed(0)
seqs = [torch.randint(1, 64, (n,)) for n in (5, 9, 3, 7)]
ids = pad_sequence(seqs, batch_first=True, padding_value=PAD)
labels = torch.tensor([0, 2, 1, 0])
model = AttentionPoolClassifier()
loss = nn.functional.cross_entropy(model(ids), labels)
loss.backward()
