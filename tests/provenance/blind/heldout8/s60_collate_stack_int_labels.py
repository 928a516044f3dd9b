# The custom collate_fn calls torch.stack on the labels, but __getitem__ returns them as plain Python ints, so stack receives ints instead of tensors.
# expect: torch.stack(labels)
# also-accept: labels, collate_fn
# category: data/collate
# made-at: 43
import json
import os
import tempfile

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

tmp = tempfile.mkdtemp()
g = torch.Generator().manual_seed(0)
# one JSON file per user session: a list of event vectors and whether the session converted
for k in range(48):
    n_events = int(torch.randint(3, 15, (1,), generator=g))
    events = torch.randn(n_events, 10, generator=g).tolist()
    with open(os.path.join(tmp, f"session_{k:03d}.json"), "w") as fh:
        json.dump({"events": events, "converted": int(k % 3 == 0)}, fh)


class SessionDataset(Dataset):
    def __init__(self, root):
        self.files = sorted(os.path.join(root, f) for f in os.listdir(root))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        with open(self.files[i]) as fh:
            rec = json.load(fh)
        return torch.tensor(rec["events"], dtype=torch.float32), rec["converted"]


def collate_fn(batch):
    seqs, labels = zip(*batch)
    lengths = torch.tensor([s.size(0) for s in seqs])
    padded = nn.utils.rnn.pad_sequence(seqs, batch_first=True)
    return padded, lengths, torch.stack(labels)


class SessionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(10, 32, batch_first=True)
        self.fc = nn.Linear(32, 1)

    def forward(self, x, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, h = self.rnn(packed)
        return self.fc(h[-1]).squeeze(-1)


loader = DataLoader(SessionDataset(tmp), batch_size=8, shuffle=True, collate_fn=collate_fn, num_workers=2)
model = SessionModel()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    for x, lengths, y in loader:
        opt.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(model(x, lengths), y.float())
        loss.backward()
        opt.step()
    print(epoch, loss.item())
