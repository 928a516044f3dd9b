# Eager-mode post-training quantization converted the Linear layers but the model has no QuantStub, so float input reaches quantized::linear
# expect: model
# also-accept: forward
# category: quantization/unsupported
# made-at: 28
import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(32, 4)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


model = Net().eval()
model.qconfig = torch.ao.quantization.get_default_qconfig("fbgemm")
prepared = torch.ao.quantization.prepare(model)
for _ in range(4):
    prepared(torch.randn(8, 16))
qmodel = torch.ao.quantization.convert(prepared)
print(qmodel(torch.randn(2, 16)))

# raises: NotImplementedError: Could not run 'quantized::linear' with arguments from the 'CPU' backend. This could be because the operator doesn't exist for this backend, or was omitted during the selective/custom build process (if using custom build). If you are a Facebook employee using PyTorch on mobile...
