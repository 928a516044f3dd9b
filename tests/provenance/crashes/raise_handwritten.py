# A hand-written check raises: the exception class is no culprit, the checked value is.
# expect: x
# category: shape/missing-batch-dim
# roles: input
# message: expected (?P<expected>\dD) input \(got (?P<found_dim>\d)D input\)
import torch


def check_batch(images):
    if images.dim() != 4:
        raise ValueError(f"expected 4D input (got {images.dim()}D input)")


x = torch.rand(3, 32, 32)
check_batch(x)
