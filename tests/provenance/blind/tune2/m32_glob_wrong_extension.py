# the config's file pattern "*.pth" matches none of the saved "*.pt" samples, so the dataset is empty and the shuffling sampler refuses it
# expect: cfg.pattern
# also-accept: self.files
# category: data/empty-dataset
# made-at: 16
import glob
import os
import tempfile
from types import SimpleNamespace

import torch
from torch.utils.data import DataLoader, Dataset

cfg = SimpleNamespace(
    data_dir=tempfile.mkdtemp(prefix="spectrograms_"),
    pattern="*.pth",
    batch_size=4,
    workers=2,
    epochs=1,
)


def prepare_data(root, n=20):
    """Stands in for the preprocessing script that dumped one tensor file per clip."""
    for i in range(n):
        torch.save({"spec": torch.randn(1, 32, 32), "label": i % 4}, os.path.join(root, f"clip_{i:04d}.pt"))


class SpectrogramFolder(Dataset):
    def __init__(self, root, pattern):
        self.files = sorted(glob.glob(os.path.join(root, pattern)))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        item = torch.load(self.files[i])
        return item["spec"], item["label"]


def main():
    prepare_data(cfg.data_dir)
    dataset = SpectrogramFolder(cfg.data_dir, cfg.pattern)
    loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True, num_workers=cfg.workers)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(32 * 32, 4))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for epoch in range(cfg.epochs):
        for spec, label in loader:
            loss = torch.nn.functional.cross_entropy(model(spec), label)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    main()
