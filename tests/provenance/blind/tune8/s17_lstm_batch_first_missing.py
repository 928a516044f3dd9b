# the LSTM is built without batch_first=True while the data is (batch, time, features), so h_n[-1] has one row per time step and the batch sizes disagree
# expect: self.lstm
# also-accept: nn.LSTM(n_features, hidden, num_layers=2)
# category: shape/batch-first
# made-at: 18
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

SEQ_LEN, N_FEATURES, N_CLASSES = 30, 6, 4


class ActivityRNN(nn.Module):
    def __init__(self, n_features, hidden=64, n_classes=4):
        super().__init__()
        self.lstm = nn.LSTM(n_features, hidden, num_layers=2)
        self.fc = nn.Linear(hidden, n_classes)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.fc(h_n[-1])


# accelerometer windows: (num_windows, seq_len, features)
X = torch.randn(200, SEQ_LEN, N_FEATURES)
y = torch.randint(0, N_CLASSES, (200,))
train_loader = DataLoader(TensorDataset(X[:160], y[:160]), batch_size=32, shuffle=True)
val_loader = DataLoader(TensorDataset(X[160:], y[160:]), batch_size=32)

model = ActivityRNN(N_FEATURES, n_classes=N_CLASSES)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
crit = nn.CrossEntropyLoss()

for epoch in range(2):
    model.train()
    for xb, yb in train_loader:
        opt.zero_grad()
        loss = crit(model(xb), yb)
        loss.backward()
        opt.step()
    print(f"epoch {epoch} train loss {loss.item():.3f}")
