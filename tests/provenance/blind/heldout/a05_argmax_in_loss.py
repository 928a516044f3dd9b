# The loss is computed on argmax'ed (hard) predictions, which is non-differentiable and has no grad_fn
# expect: preds
# category: autograd/no-grad-fn
# made-at: 15
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(10, 5)
opt = torch.optim.Adam(model.parameters())
x = torch.randn(32, 10)
y = torch.randint(0, 5, (32,))

logits = model(x)
preds = logits.argmax(dim=1).float()
loss = nn.functional.mse_loss(preds, y.float())
opt.zero_grad()
loss.backward()

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
