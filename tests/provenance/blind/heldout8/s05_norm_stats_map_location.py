# the normalisation stats were saved as device tensors and torch.load is called without map_location, so they come back on the training device
# expect: torch.load(ckpt_path)
# also-accept: ckpt, stats
# category: device/map_location
# made-at: 37
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)

# "meta" plays the role of the training GPU
TRAIN_DEVICE = torch.device("meta")
workdir = tempfile.mkdtemp()
ckpt_path = os.path.join(workdir, "regressor.pt")


def make_model():
    return nn.Sequential(nn.Linear(8, 32), nn.Tanh(), nn.Linear(32, 1))


# ---- end of the training script: save weights + input normalisation stats ----
train_x = torch.randn(500, 8) * 3 + 1
mean, std = train_x.mean(0), train_x.std(0)
trained = make_model()
torch.save(
    {
        "model": trained.state_dict(),
        "mean": mean.to(TRAIN_DEVICE),
        "std": std.to(TRAIN_DEVICE),
    },
    ckpt_path,
)

# ---- serving script on a CPU box ----
ckpt = torch.load(ckpt_path)
stats = {"mean": ckpt["mean"], "std": ckpt["std"]}
model = make_model()
model.load_state_dict(ckpt["model"])
model.eval()


def predict(batch):
    batch = (batch - stats["mean"]) / stats["std"]
    with torch.no_grad():
        return model(batch).squeeze(-1)


print(predict(torch.randn(4, 8) * 3 + 1))
