# mean of an int64 tensor, one frame deep.
# expect: correct
# category: dtype/integer-requires-grad
# roles: input
# message: Got: (?P<found>\w+)
import torch


def accuracy(pred, target):
    correct = (pred.argmax(1) == target).long()
    return correct.mean()


accuracy(torch.randn(6, 3), torch.tensor([0, 1, 2, 0, 1, 2]))
