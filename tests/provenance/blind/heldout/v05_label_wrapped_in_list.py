# __getitem__ wraps the class label in a list, so batches carry (B,1) targets for CrossEntropyLoss
# expect: label
# also-accept: labels
# category: shape/target-shape
# made-at: 25
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class SpeechCommands(Dataset):
    """Fake MFCC features for a keyword-spotting task."""

    def __init__(self, n=64, n_mfcc=13, frames=20, n_keywords=5):
        self.x = torch.randn(n, n_mfcc, frames)
        self.y = torch.randint(0, n_keywords, (n,)).tolist()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        mfcc = self.x[idx]
        label = torch.tensor([self.y[idx]], dtype=torch.long)
        return mfcc, label


class KWS(nn.Module):
    def __init__(self, n_mfcc=13, n_keywords=5):
        super().__init__()
        self.conv = nn.Conv1d(n_mfcc, 32, 3, padding=1)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32, n_keywords)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv(x))).squeeze(-1))


def run(epochs=1):
    loader = DataLoader(SpeechCommands(), batch_size=8, shuffle=True)
    model = KWS()
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters())
    for _ in range(epochs):
        for mfcc, labels in loader:
            loss = crit(model(mfcc), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    run()

# raises: RuntimeError: 0D or 1D target tensor expected, multi-target not supported
