# The dataset length is counted from the manifest lines including its header line, so the sampler draws one index past the end of the feature buffer, inside a worker.
# expect: self.num_items
# also-accept: sum(1 for _ in fh)
# category: index/dataset-len
# made-at: 36
import os
import tempfile

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

N = 48
tmp = tempfile.mkdtemp()
g = torch.Generator().manual_seed(0)
lengths = torch.randint(20, 80, (N,), generator=g)
speakers = torch.randint(0, 8, (N,), generator=g)
# one packed feature buffer (N, 80, 40) plus a manifest describing it
torch.save(torch.randn(N, 80, 40, generator=g), os.path.join(tmp, "feats.pt"))
with open(os.path.join(tmp, "manifest.tsv"), "w") as fh:
    fh.write("row\tnum_frames\tspeaker\n")
    for i in range(N):
        fh.write(f"{i}\t{int(lengths[i])}\t{int(speakers[i])}\n")


class SpeechFeatures(Dataset):
    """Pre-extracted log-mel frames (T, 40) with a speaker label."""

    def __init__(self, root):
        self.frames = torch.load(os.path.join(root, "feats.pt"))
        manifest = os.path.join(root, "manifest.tsv")
        with open(manifest) as fh:
            self.num_items = sum(1 for _ in fh)
        rows = [l.split("\t") for l in open(manifest).read().splitlines()[1:]]
        self.lengths = torch.tensor([int(r[1]) for r in rows])
        self.speaker = torch.tensor([int(r[2]) for r in rows])

    def __len__(self):
        return self.num_items

    def __getitem__(self, i):
        feats = self.frames[i]
        return feats[: int(self.lengths[i])], self.speaker[i]


def collate(batch):
    feats, spk = zip(*batch)
    lens = torch.tensor([f.size(0) for f in feats])
    return pad_sequence(feats, batch_first=True), lens, torch.stack(spk)


class SpeakerNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(40, 64, batch_first=True)
        self.fc = nn.Linear(64, 8)

    def forward(self, x, lens):
        out, _ = self.lstm(x)
        mask = (torch.arange(x.size(1))[None, :] < lens[:, None]).unsqueeze(-1)
        return self.fc((out * mask).sum(1) / lens[:, None])


ds = SpeechFeatures(tmp)
loader = DataLoader(ds, batch_size=16, shuffle=True, collate_fn=collate, num_workers=2)
model = SpeakerNet()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    for x, lens, y in loader:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x, lens), y)
        loss.backward()
        opt.step()
    print(epoch, loss.item())
