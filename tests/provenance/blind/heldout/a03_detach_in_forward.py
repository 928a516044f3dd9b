# forward detaches the encoder output "to save memory", so the loss has no path back to any parameter
# expect: z
# category: autograd/no-grad-fn
# made-at: 18
import torch
import torch.nn as nn

torch.manual_seed(0)


class VAEish(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(20, 8), nn.ReLU())
        self.decoder_scale = 2.0

    def forward(self, x):
        z = self.encoder(x).detach()
        return z * self.decoder_scale


model = VAEish()
x = torch.randn(16, 20)
target = torch.randn(16, 8)
loss = ((model(x) - target) ** 2).mean()
loss.backward()

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
