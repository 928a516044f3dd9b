# The model outputs raw logits (no sigmoid at the end) but is trained with nn.BCELoss, which needs probabilities
# expect: self.classifier
# also-accept: criterion
# category: value/loss-input-range
# made-at: 17
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class SpamNet(nn.Module):
    def __init__(self, vocab=300, dim=16):
        super().__init__()
        self.bag = nn.EmbeddingBag(vocab, dim)
        self.classifier = nn.Linear(dim, 1)

    def forward(self, tokens):
        return self.classifier(self.bag(tokens)).squeeze(-1)


tokens = torch.randint(0, 300, (64, 12))
labels = torch.randint(0, 2, (64,)).float()
loader = DataLoader(TensorDataset(tokens, labels), batch_size=16, shuffle=True)
model = SpamNet()
criterion = nn.BCELoss()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    for tok, lab in loader:
        loss = criterion(model(tok), lab)
        opt.zero_grad()
        loss.backward()
        opt.step()

    print(f"epoch {epoch} loss {loss.item():.4f}")

model.eval()
with torch.no_grad():
    probs = model(tokens)
    preds = (probs > 0.5).float()
print("train accuracy:", (preds == labels).float().mean().item())


# raises: RuntimeError: all elements of input should be between 0 and 1
