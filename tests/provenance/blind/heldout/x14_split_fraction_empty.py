# The validation split is computed with int(len * 0.1) on a 9-sample debug subset, giving 0 samples and then a shuffling loader over nothing
# expect: n_val
# category: data/empty-dataset
# made-at: 14
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

cfg = {"val_frac": 0.1, "debug": True, "bs": 4}
g = torch.Generator().manual_seed(0)
full = TensorDataset(torch.randn(1000, 3), torch.randint(0, 2, (1000,)))
if cfg["debug"]:
    full = torch.utils.data.Subset(full, range(9))

n_val = int(len(full) * cfg["val_frac"])
train_ds, val_ds = random_split(full, [len(full) - n_val, n_val], generator=g)
val_loader = DataLoader(val_ds, batch_size=cfg["bs"], shuffle=True)
for x, y in val_loader:
    print(x.shape)

# raises: ValueError: num_samples should be a positive integer value, but got num_samples=0
