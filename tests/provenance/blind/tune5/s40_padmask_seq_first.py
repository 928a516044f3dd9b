# The collate function builds the key padding mask from the sequence-first (time, batch) id tensor, but the batch_first encoder needs it as (batch, time)
# expect: pad_mask = src == PAD_ID
# category: shape/mask
# made-at: 15
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

PAD_ID = 0


def collate_batch(batch):
    seqs, labels = zip(*batch)
    src = nn.utils.rnn.pad_sequence(seqs, padding_value=PAD_ID)  # (time, batch), the old torchtext layout
    pad_mask = src == PAD_ID
    return src, pad_mask, torch.tensor(labels)


class Classifier(nn.Module):
    def __init__(self, vocab=2000, d_model=64, nhead=4, n_classes=3):
        super().__init__()
        self.emb = nn.Embedding(vocab, d_model, padding_idx=PAD_ID)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=128, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.fc = nn.Linear(d_model, n_classes)

    def forward(self, src, pad_mask):
        x = self.emb(src.t())  # -> (batch, time, d_model)
        h = self.encoder(x, src_key_padding_mask=pad_mask)
        return self.fc(h.mean(1))


def main():
    g = torch.Generator().manual_seed(0)
    data = [(torch.randint(1, 2000, (int(n),), generator=g), int(c))
            for n, c in zip(torch.randint(5, 30, (64,), generator=g), torch.randint(0, 3, (64,), generator=g))]
    loader = DataLoader(data, batch_size=8, shuffle=False, collate_fn=collate_batch)
    torch.manual_seed(0)
    model = Classifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for src, pad_mask, labels in loader:
        loss = nn.functional.cross_entropy(model(src, pad_mask), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main()
