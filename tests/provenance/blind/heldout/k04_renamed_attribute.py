# After a refactor the classifier attribute was renamed from `classifier` to `head`, so the old checkpoint's keys no longer match
# expect: self.head
# also-accept: old_state
# category: checkpoint/key-mismatch
# made-at: 23
import torch
import torch.nn as nn

torch.manual_seed(0)


class OldModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(10, 20)
        self.classifier = nn.Linear(20, 5)


class NewModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(10, 20)
        self.head = nn.Linear(20, 5)

    def forward(self, x):
        return self.head(torch.relu(self.encoder(x)))


old_state = OldModel().state_dict()
model = NewModel()
model.load_state_dict(old_state, strict=True)

model.eval()
with torch.no_grad():
    logits = model(torch.randn(4, 10))
print(logits.argmax(1))

# raises: RuntimeError: Error(s) in loading state_dict for NewModel
