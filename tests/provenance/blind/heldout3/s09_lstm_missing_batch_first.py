# the LSTM is built without batch_first=True, so the (batch, seq, feat) input is read as (seq, batch, feat) and the initial state's batch size does not match
# expect: self.lstm
# also-accept: self.init_state
# category: shape/rnn-batch-first
# made-at: 15
import torch
import torch.nn as nn


class SequenceClassifier(nn.Module):
    def __init__(self, n_features, hidden, n_layers, n_classes):
        super().__init__()
        self.hidden = hidden
        self.n_layers = n_layers
        self.lstm = nn.LSTM(n_features, hidden, num_layers=n_layers)
        self.fc = nn.Linear(hidden, n_classes)

    def init_state(self, batch_size):
        h0 = torch.zeros(self.n_layers, batch_size, self.hidden)
        c0 = torch.zeros(self.n_layers, batch_size, self.hidden)
        return h0, c0

    def forward(self, x):
        state = self.init_state(x.size(0))
        out, _ = self.lstm(x, state)
        return self.fc(out[:, -1, :])


model = SequenceClassifier(n_features=6, hidden=32, n_layers=2, n_classes=3)
sensor_windows = torch.randn(8, 50, 6)  # (batch, time, channels)
targets = torch.randint(0, 3, (8,))
opt = torch.optim.Adam(model.parameters())
for epoch in range(3):
    loss = nn.functional.cross_entropy(model(sensor_windows), targets)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(epoch, loss.item())
