# view to a shape that cannot hold the tensor, in a small helper.
# expect: signal
# category: shape/invalid-view
# roles: input
# message: is invalid for input of size (?P<size>\d+)
import torch


def to_patches(x, patch):
    return x.view(-1, patch)


signal = torch.randn(30)
to_patches(signal, 7)
