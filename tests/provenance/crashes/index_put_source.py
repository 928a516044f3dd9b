# Writing float64 values into a float32 buffer: the written values (the source) are named.
# expect: updates
# category: dtype/input-weight-mismatch
# roles: input
# message: Index put requires the source and destination dtypes match, got (?P<expected>\w+) for the destination and (?P<found>\w+) for the source
import numpy as np
import torch

memory = torch.zeros(6, 3)
slots = torch.tensor([1, 4])
updates = torch.from_numpy(np.ones((2, 3)))
memory[slots] = updates
