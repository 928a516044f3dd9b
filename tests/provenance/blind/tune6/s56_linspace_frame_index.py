# the evenly spaced frame positions come from linspace().round(), which stays a float tensor and cannot index the clip
# expect: idx = torch.linspace(0, num_frames - 1, steps=self.clip_len).round()
# category: index/dtype
# made-at: 23
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class VideoClips(Dataset):
    def __init__(self, n_videos=48, clip_len=8, size=24, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.videos = [torch.rand(int(torch.randint(20, 60, (1,), generator=g)), 3, size, size, generator=g)
                       for _ in range(n_videos)]
        self.labels = torch.randint(0, 3, (n_videos,), generator=g)
        self.clip_len = clip_len

    def __len__(self):
        return len(self.videos)

    def sample_frames(self, video):
        num_frames = video.shape[0]
        idx = torch.linspace(0, num_frames - 1, steps=self.clip_len).round()
        return video[idx]

    def __getitem__(self, i):
        clip = self.sample_frames(self.videos[i])
        return clip.permute(1, 0, 2, 3), self.labels[i]


class Tiny3DNet(nn.Module):
    def __init__(self, n_classes=3):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv3d(3, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool3d(2),
            nn.Conv3d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool3d(1),
        )
        self.fc = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))


def evaluate(model, loader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for clips, y in loader:
            correct += (model(clips).argmax(1) == y).sum().item()
            total += len(y)
    return correct / total


if __name__ == "__main__":
    torch.manual_seed(0)
    model = Tiny3DNet()
    val_loader = DataLoader(VideoClips(seed=1), batch_size=8, num_workers=2)
    print("untrained val acc", evaluate(model, val_loader))
