# The model stores its training data as self.train, shadowing nn.Module.train(), so model.train() calls a Tensor
# expect: self.train
# category: unknown
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)


class KNNRegressorNet(nn.Module):
    def __init__(self, train_data, k=3):
        super().__init__()
        self.train = train_data
        self.k = k
        self.refine = nn.Linear(1, 1)

    def forward(self, q):
        d = torch.cdist(q, self.train[:, :-1])
        idx = d.topk(self.k, largest=False).indices
        return self.refine(self.train[idx, -1].mean(-1, keepdim=True))


data = torch.randn(50, 4)
net = KNNRegressorNet(data)
opt = torch.optim.Adam(net.parameters())
for epoch in range(2):
    net.train()
    loss = net(torch.randn(8, 3)).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()

    print(f"epoch {epoch}: loss {loss.item():.4f}")

net.eval()
with torch.no_grad():
    print(net(torch.randn(2, 3)))

# raises: TypeError: 'Tensor' object is not callable
