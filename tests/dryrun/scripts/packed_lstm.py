"""A packed-sequence LSTM: its C++ kernel reads batch sizes from tensor memory, which fake
tensors do not have."""

import torch
from torch import nn

lstm = nn.LSTM(4, 8).cuda()
sequences = torch.randn(5, 3, 4, device="cuda")
packed = nn.utils.rnn.pack_padded_sequence(sequences, torch.tensor([5, 3, 2]))
output, _ = lstm(packed)
