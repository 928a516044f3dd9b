# The collate_fn moves each batch to cfg.device ("cuda") inside the DataLoader workers; on this machine there is no CUDA, and it fails in worker 0
# expect: cfg.device
# also-accept: pad_collate
# category: device/cuda-unavailable
# made-at: 16
from dataclasses import dataclass
from functools import partial

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset


@dataclass
class TrainConfig:
    device: str = "cuda"
    batch_size: int = 8
    num_workers: int = 2
    vocab: int = 30


class VariableLengthTokens(Dataset):
    def __init__(self, n, vocab):
        g = torch.Generator().manual_seed(1)
        lengths = torch.randint(3, 12, (n,), generator=g)
        self.items = [torch.randint(1, vocab, (int(l),), generator=g) for l in lengths]
        self.labels = torch.randint(0, 2, (n,), generator=g)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        return self.items[idx], self.labels[idx]


def pad_collate(batch, device):
    tokens, labels = zip(*batch)
    padded = pad_sequence(tokens, batch_first=True, padding_value=0)
    lengths = torch.tensor([len(t) for t in tokens])
    return padded.to(device), lengths, torch.stack(labels).to(device)


def main(cfg: TrainConfig):
    ds = VariableLengthTokens(40, cfg.vocab)
    loader = DataLoader(
        ds,
        batch_size=cfg.batch_size,
        shuffle=True,
        num_workers=cfg.num_workers,
        collate_fn=partial(pad_collate, device=cfg.device),
    )
    for step, (tokens, lengths, labels) in enumerate(loader):
        print(step, tuple(tokens.shape), lengths.tolist(), labels.tolist())


if __name__ == "__main__":
    main(TrainConfig())

# raises: AssertionError: Torch not compiled with CUDA enabled
