# In-place update of a leaf that requires grad, outside no_grad.
# expect: weights
# category: autograd/leaf-inplace
# roles: input
# message: a leaf Variable that requires grad is being used in an in-place operation
import torch

weights = torch.randn(3, requires_grad=True)
weights -= 0.1
