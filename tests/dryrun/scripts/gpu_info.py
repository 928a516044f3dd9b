"""Prints what torch.cuda reports; moves a tensor to the second GPU."""

import torch

properties = torch.cuda.get_device_properties(0)
print(torch.cuda.get_device_name(0), torch.cuda.device_count(), properties.total_memory // 2**30)
x = torch.ones(2, device="cuda:1")
assert str(x.device) == "cuda:1"
