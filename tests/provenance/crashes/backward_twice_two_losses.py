# A two-headed model whose losses share the encoder's graph is trained with one backward per
# loss: the first backward frees the encoder's part, the second needs it.
# expect: recon_loss
# expect-made-at: 29
# category: autograd/backward-twice
# roles: hidden
# message: Trying to backward through the graph a second time
import torch
from torch import nn


class TwoHeads(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(width, 16), nn.Tanh())
        self.decoder = nn.Linear(16, width)
        self.classifier = nn.Linear(16, 3)

    def forward(self, x):
        code = self.encoder(x)
        return self.decoder(code), self.classifier(code)


def train_step(model, batch, labels, optimizer):
    optimizer.zero_grad()
    reconstruction, logits = model(batch)
    recon_loss = nn.functional.mse_loss(reconstruction, batch)
    class_loss = nn.functional.cross_entropy(logits, labels)
    recon_loss.backward()
    class_loss.backward()
    optimizer.step()


model = TwoHeads()
train_step(
    model,
    torch.randn(4, 8),
    torch.tensor([0, 2, 1, 0]),
    torch.optim.SGD(model.parameters(), lr=0.1),
)
