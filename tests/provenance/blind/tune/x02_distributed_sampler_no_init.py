# DistributedSampler created in a single-process debug run where no process group was initialised
# expect: sampler
# category: distributed/process-group
# made-at: 11
import torch
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

torch.manual_seed(0)
dataset = TensorDataset(torch.randn(40, 3), torch.randint(0, 2, (40,)))
sampler = DistributedSampler(dataset, shuffle=True)
loader = DataLoader(dataset, batch_size=8, sampler=sampler)
for epoch in range(2):
    sampler.set_epoch(epoch)
    for x, y in loader:
        pass

# raises: ValueError: Default process group has not been initialized, please make sure to call init_process_group.
