# Inference outside torch.no_grad(): np.array on the model output that still requires grad
# expect: forecast
# category: autograd/numpy-requires-grad
# made-at: 21
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.GRU(1, 8, batch_first=True)
readout = nn.Linear(8, 1)


def predict(history):
    out, _ = model(history)
    return readout(out[:, -1])


history = torch.randn(1, 30, 1)
model.eval()
forecast = predict(history)
values = np.array(forecast).ravel()
print("next value:", values[0])

# raises: RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
