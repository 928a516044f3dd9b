# LSTM created without batch_first=True while the inputs are (batch, seq, feature), so out[-1] is indexed over the wrong axis
# expect: self.lstm
# category: shape/batch-size-mismatch
# made-at: 15
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class ActivityClassifier(nn.Module):
    def __init__(self, n_sensors=9, hidden=32, n_activities=6):
        super().__init__()
        self.lstm = nn.LSTM(n_sensors, hidden, num_layers=1)
        self.dropout = nn.Dropout(0.2)
        self.fc = nn.Linear(hidden, n_activities)

    def forward(self, x):
        out, (h, c) = self.lstm(x)
        last = out[-1]
        return self.fc(self.dropout(last))


windows = torch.randn(48, 128, 9)
activities = torch.randint(0, 6, (48,))
loader = DataLoader(TensorDataset(windows, activities), batch_size=16, shuffle=True)
model = ActivityClassifier()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for x, y in loader:
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()

    print("loss", loss.item())

model.eval()
with torch.no_grad():
    test_windows = torch.randn(8, 128, 9)
    print(model(test_windows).argmax(1))


# raises: ValueError: Expected input batch_size (128) to match target batch_size (16).
