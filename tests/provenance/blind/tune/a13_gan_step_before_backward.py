# g_loss is computed through D before opt_D.step() updates D's weights in place, then backpropagated afterwards
# expect: g_loss
# also-accept: opt_D.step()
# category: autograd/inplace-modified
# made-at: 22
import torch
import torch.nn as nn

torch.manual_seed(0)
G = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 8))
D = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
opt_G = torch.optim.Adam(G.parameters(), lr=1e-3)
opt_D = torch.optim.Adam(D.parameters(), lr=1e-3)
bce = nn.BCEWithLogitsLoss()

for step in range(2):
    real = torch.randn(16, 8)
    fake = G(torch.randn(16, 4))
    ones, zeros = torch.ones(16, 1), torch.zeros(16, 1)

    d_loss = bce(D(real), ones) + bce(D(fake.detach()), zeros)
    g_loss = bce(D(fake), ones)

    opt_D.zero_grad()
    d_loss.backward()
    opt_D.step()

    opt_G.zero_grad()
    g_loss.backward()
    opt_G.step()


with torch.no_grad():
    samples = G(torch.randn(8, 4))
    print("sample mean/std:", samples.mean().item(), samples.std().item())
torch.save({"G": G.state_dict(), "D": D.state_dict()}, "/tmp/blind_gan.pt")

# raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [16, 1]], which is output 0 of AsStrided, is at version 2; expected version 1 instead. Hint: enable anomaly detection to find the operation that failed to compute its g...
