# forward computes the logits but forgets to return them, so the model output is None
# expect: forward
# also-accept: outputs
# category: module/forward-misuse
# made-at: 25
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class TextCNN(nn.Module):
    def __init__(self, vocab=200, dim=16, n_filters=8, n_classes=3):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        self.convs = nn.ModuleList([nn.Conv1d(dim, n_filters, k) for k in (2, 3, 4)])
        self.dropout = nn.Dropout(0.5)
        self.classifier = nn.Linear(3 * n_filters, n_classes)

    def forward(self, tokens):
        x = self.embedding(tokens).transpose(1, 2)
        pooled = [torch.relu(conv(x)).max(dim=2).values for conv in self.convs]
        x = self.dropout(torch.cat(pooled, dim=1))
        logits = self.classifier(x)


loader = DataLoader(TensorDataset(torch.randint(0, 200, (32, 15)), torch.randint(0, 3, (32,))), batch_size=8)
model = TextCNN()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters())
for tokens, labels in loader:
    outputs = model(tokens)
    loss = criterion(outputs, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    print("batch loss", loss.item())

model.eval()
with torch.no_grad():
    preds = model(torch.randint(0, 200, (4, 15))).argmax(1)
print(preds)


# raises: TypeError: cross_entropy_loss(): argument 'input' (position 1) must be Tensor, not NoneType
