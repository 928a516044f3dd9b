# freeze() is meant to freeze the pretrained encoder only but loops over all of model.parameters(), so the new head is frozen too and the optimizer gets no parameters.
# expect: freeze(model)
# also-accept: freeze
# category: optim/empty-params
# made-at: 46
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU())

    def forward(self, x):
        return self.net(x)


class FineTuneModel(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.encoder = Encoder()
        self.head = nn.Linear(128, n_classes)

    def forward(self, x):
        return self.head(self.encoder(x))


def freeze(module):
    for p in module.parameters():
        p.requires_grad = False


# "pretrained" encoder checkpoint
tmp = tempfile.mkdtemp()
ckpt = os.path.join(tmp, "encoder.pt")
torch.save(Encoder().state_dict(), ckpt)

model = FineTuneModel(n_classes=6)
model.encoder.load_state_dict(torch.load(ckpt))
freeze(model)
model = torch.compile(model)

optimizer = torch.optim.Adam(
    (p for p in model.parameters() if p.requires_grad), lr=1e-3
)

X = torch.randn(256, 32)
y = torch.randint(0, 6, (256,))
for epoch in range(5):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    optimizer.step()
    print(epoch, loss.item())
