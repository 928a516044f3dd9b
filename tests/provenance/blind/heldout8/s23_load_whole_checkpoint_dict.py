# the batch-inference script passes the whole training checkpoint dict to load_state_dict instead of its "model_state" entry
# expect: model.load_state_dict(checkpoint)
# also-accept: checkpoint
# category: checkpoint/keys
# made-at: 35
import os
import tempfile
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
ckpt_dir = tempfile.mkdtemp()


class TabularNet(nn.Module):
    def __init__(self, n_in=15, n_out=2):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.2))
        self.out = nn.Linear(64, n_out)

    def forward(self, x):
        return self.out(self.body(x))


# ---- what the training script wrote at the end of epoch 12 ----
net = TabularNet()
opt = torch.optim.Adam(net.parameters())
torch.save({"epoch": 12, "model_state": net.state_dict(), "optim_state": opt.state_dict(), "best_f1": 0.83},
           os.path.join(ckpt_dir, "epoch12.pt"))

# ---- batch inference ----
model = TabularNet()
checkpoint = torch.load(os.path.join(ckpt_dir, "epoch12.pt"), map_location="cpu")
model.load_state_dict(checkpoint)
model.eval()

loader = DataLoader(TensorDataset(torch.randn(100, 15)), batch_size=25)
preds = []
with torch.no_grad():
    for (xb,) in loader:
        preds.append(model(xb).argmax(1))
print("positives:", torch.cat(preds).sum().item())
