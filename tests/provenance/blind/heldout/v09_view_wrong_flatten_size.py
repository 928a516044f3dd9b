# forward flattens with x.view(-1, 128) although each sample has 256 features, doubling the batch dimension
# expect: x
# category: shape/batch-size-mismatch
# made-at: 23
import torch
import torch.nn as nn

torch.manual_seed(0)


class AudioNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 16, kernel_size=9, stride=4)
        self.conv2 = nn.Conv1d(16, 32, kernel_size=9, stride=4)
        self.pool = nn.AdaptiveAvgPool1d(8)
        self.fc = nn.Linear(128, 6)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        x = self.pool(x)
        x = x.view(-1, 128)
        return self.fc(x)


net = AudioNet()
waves = torch.randn(16, 1, 4000)
labels = torch.randint(0, 6, (16,))
opt = torch.optim.Adam(net.parameters())
for _ in range(2):
    out = net(waves)
    loss = nn.functional.cross_entropy(out, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()

    print("loss", loss.item())

net.eval()
with torch.no_grad():
    test_waves = torch.randn(4, 1, 4000)
    print("predicted classes:", net(test_waves).argmax(1).tolist())

# raises: ValueError: Expected input batch_size (32) to match target batch_size (16).
