# Top-5 accuracy helper (copied from an ImageNet script) used on a 3-class problem
# expect: topk
# category: index/out-of-bounds
# made-at: 11
import torch
import torch.nn as nn

torch.manual_seed(0)


def accuracy(output, target, topk=(1, 5)):
    maxk = max(topk)
    batch_size = target.size(0)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    res = []
    for k in topk:
        correct_k = correct[:k].reshape(-1).float().sum(0, keepdim=True)
        res.append(correct_k.mul_(100.0 / batch_size))
    return res


model = nn.Linear(10, 3)
x, y = torch.randn(8, 10), torch.randint(0, 3, (8,))
acc1, acc5 = accuracy(model(x), y)
print(acc1, acc5)

# raises: RuntimeError: selected index k out of range
