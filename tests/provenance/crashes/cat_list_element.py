# torch.cat of a list written in place: the element the message counts is named.
# expect: audio_emb
# category: shape/concat-mismatch
# roles: input
# message: Expected size (?P<expected>\d+) but got size (?P<found>\d+) for tensor number (?P<index>\d+) in the list
import torch

image_emb = torch.randn(4, 16)
text_emb = torch.randn(4, 16)
audio_emb = torch.randn(4, 12)
fused = torch.cat([image_emb, text_emb, audio_emb])
