# forward returns (logits, attention_weights) but the training loop passes the whole tuple to the loss
# expect: outputs
# also-accept: forward
# category: unknown
# made-at: 27
import torch
import torch.nn as nn

torch.manual_seed(0)


class AttnPoolClassifier(nn.Module):
    def __init__(self, dim=16, n_classes=4):
        super().__init__()
        self.score = nn.Linear(dim, 1)
        self.out = nn.Linear(dim, n_classes)

    def forward(self, x):
        w = self.score(x).softmax(dim=1)
        pooled = (w * x).sum(1)
        return self.out(pooled), w.squeeze(-1)


model = AttnPoolClassifier()
x = torch.randn(6, 10, 16)
y = torch.randint(0, 4, (6,))
outputs = model(x)
loss = nn.functional.cross_entropy(outputs, y)

# raises: TypeError: cross_entropy_loss(): argument 'input' (position 1) must be Tensor, not tuple
