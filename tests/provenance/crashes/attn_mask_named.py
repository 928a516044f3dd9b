# The message names the argument (`attn_mask`): the tensor passed as it is the culprit.
# expect: pad_mask
# category: shape/broadcast-mismatch
# roles: input
# message: The shape of the 2D attn_mask is torch.Size\(\[(?P<found>[\d, ]*)\]\), but should be \((?P<expected>[\d, ]*)\)
import torch
from torch import nn

mha = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
seq = torch.randn(3, 7, 8)
pad_mask = torch.zeros(9, 9, dtype=torch.bool)
mha(seq, seq, seq, attn_mask=pad_mask)
