# if on a tensor comparison with several elements.
# expect: scores
# category: value/ambiguous-bool
# roles: input
# message: Boolean value of Tensor with more than one value is ambiguous
import torch

scores = torch.rand(5)
if scores > 0.5:
    print("positive")
