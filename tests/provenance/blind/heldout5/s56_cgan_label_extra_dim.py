# The dataset returns each label wrapped as torch.tensor([label]), so the batch of labels is (B, 1) and the label embedding is 3-D when it is concatenated with the 2-D noise
# expect: torch.tensor([self.labels[i]])
# category: shape/extra-dim
# made-at: 22
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

LATENT, N_CLASSES, IMG = 32, 10, 28 * 28


class DigitsLike(Dataset):
    def __init__(self, n=256):
        g = torch.Generator().manual_seed(0)
        self.images = torch.rand(n, IMG, generator=g) * 2 - 1
        self.labels = torch.randint(0, N_CLASSES, (n,), generator=g).tolist()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], torch.tensor([self.labels[i]])


class CondGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.label_emb = nn.Embedding(N_CLASSES, N_CLASSES)
        self.net = nn.Sequential(nn.Linear(LATENT + N_CLASSES, 256), nn.LeakyReLU(0.2), nn.Linear(256, IMG), nn.Tanh())

    def forward(self, z, labels):
        return self.net(torch.cat([z, self.label_emb(labels)], dim=1))


class CondDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.label_emb = nn.Embedding(N_CLASSES, N_CLASSES)
        self.net = nn.Sequential(nn.Linear(IMG + N_CLASSES, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x, labels):
        return self.net(torch.cat([x, self.label_emb(labels)], dim=1))


def train_epoch(G, D, loader, opt_g, opt_d):
    bce = nn.BCEWithLogitsLoss()
    for real, labels in loader:
        b = real.size(0)
        fake = G(torch.randn(b, LATENT), labels)
        d_loss = bce(D(real, labels), torch.ones(b, 1)) + bce(D(fake.detach(), labels), torch.zeros(b, 1))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        g_loss = bce(D(fake, labels), torch.ones(b, 1))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    G, D = CondGenerator(), CondDiscriminator()
    loader = DataLoader(DigitsLike(), batch_size=32, shuffle=True)
    train_epoch(G, D, loader, torch.optim.Adam(G.parameters(), 2e-4), torch.optim.Adam(D.parameters(), 2e-4))
