# self.encoder is an nn.Sequential, which forwards exactly one input, yet forward passes it (x, lengths)
# expect: self.encoder
# also-accept: self.encoder(x, lengths)
# category: module/forward-misuse
# made-at: 25
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

OPTS = {"n_mels": 20, "hidden": 48, "n_speakers": 4, "batch_size": 6}


class SpeakerID(nn.Module):
    def __init__(self, n_mels, hidden, n_speakers):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(n_mels, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
        )
        self.classifier = nn.Linear(hidden, n_speakers)

    def forward(self, x, lengths):
        h = self.encoder(x, lengths)
        mask = torch.arange(x.size(1))[None, :] < lengths[:, None]
        pooled = (h * mask.unsqueeze(-1)).sum(1) / lengths[:, None]
        return self.classifier(pooled)


def make_utterances(n=30):
    g = torch.Generator().manual_seed(0)
    out = []
    for i in range(n):
        frames = int(torch.randint(20, 60, (1,), generator=g))
        out.append((torch.randn(frames, OPTS["n_mels"], generator=g), i % OPTS["n_speakers"]))
    return out


def pad_collate(batch):
    feats, speakers = zip(*batch)
    lengths = torch.tensor([f.size(0) for f in feats])
    return pad_sequence(feats, batch_first=True), lengths, torch.tensor(speakers)


model = SpeakerID(OPTS["n_mels"], OPTS["hidden"], OPTS["n_speakers"])
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(make_utterances(), batch_size=OPTS["batch_size"], shuffle=True, collate_fn=pad_collate)
for feats, lengths, speakers in loader:
    logits = model(feats, lengths)
    loss = nn.functional.cross_entropy(logits, speakers)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
