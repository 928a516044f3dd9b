# Features from the trainable encoder computed once before the epoch loop; the second epoch backprops through a freed graph
# expect: feats
# category: autograd/backward-twice
# made-at: 18
import torch
import torch.nn as nn

torch.manual_seed(0)

# %%
X = torch.randn(100, 12)
Y = torch.randint(0, 3, (100,))
encoder = nn.Sequential(nn.Linear(12, 24), nn.ReLU())
head = nn.Linear(24, 3)
opt = torch.optim.Adam(list(encoder.parameters()) + list(head.parameters()), lr=1e-3)

# %%
feats = encoder(X)

# %%
for epoch in range(5):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(head(feats), Y)
    loss.backward()
    opt.step()
    print(epoch, loss.item())

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the grap...
