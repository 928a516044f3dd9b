# Running total of losses kept as a tensor (total_loss += loss) and backpropagated every step
# expect: total_loss
# category: autograd/backward-twice
# made-at: 17
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(5, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
data = [(torch.randn(8, 5), torch.randn(8, 1)) for _ in range(5)]

total_loss = 0
for step, (x, y) in enumerate(data):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    total_loss += loss
    total_loss.backward()
    opt.step()
    print(f"step {step} avg loss {total_loss.item() / (step + 1):.4f}")

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the grap...
