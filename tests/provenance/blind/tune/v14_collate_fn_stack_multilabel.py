# Custom collate_fn stacks per-sample tag lists of different lengths with torch.stack
# expect: tags
# category: shape/collate-unequal
# made-at: 24
import torch
from torch.utils.data import DataLoader, Dataset


class TaggedPosts(Dataset):
    def __init__(self):
        g = torch.Generator().manual_seed(0)
        self.posts = torch.randn(24, 16, generator=g)
        self.tag_ids = [torch.randint(0, 20, (1 + i % 4,), generator=g) for i in range(24)]

    def __len__(self):
        return len(self.posts)

    def __getitem__(self, i):
        return {"x": self.posts[i], "tags": self.tag_ids[i]}


def collate(batch):
    x = torch.stack([b["x"] for b in batch])
    tags = torch.stack([b["tags"] for b in batch])
    return x, tags


if __name__ == "__main__":
    loader = DataLoader(TaggedPosts(), batch_size=6, collate_fn=collate, num_workers=2)
    for x, tags in loader:
        print(x.shape, tags.shape)

# raises: RuntimeError: stack expects each tensor to be equal size, but got [1] at entry 0 and [2] at entry 1
