# Resuming: the optimizer state saved before an extra head was added is loaded into an optimizer over more parameters
# expect: optimizer
# also-accept: ckpt["optimizer"]
# category: optim/state-mismatch
# made-at: 30
import io

import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self, with_aux=False):
        super().__init__()
        self.body = nn.Linear(6, 12)
        self.head = nn.Linear(12, 2)
        if with_aux:
            self.aux = nn.Linear(12, 1)


old = Net()
old_opt = torch.optim.Adam(old.parameters(), lr=1e-3)
buf = io.BytesIO()
torch.save({"model": old.state_dict(), "optimizer": old_opt.state_dict()}, buf)
buf.seek(0)

model = Net(with_aux=True)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
ckpt = torch.load(buf)
model.load_state_dict(ckpt["model"], strict=False)
optimizer.load_state_dict(ckpt["optimizer"])

# raises: ValueError: loaded state dict contains a parameter group that doesn't match the size of optimizer's group
