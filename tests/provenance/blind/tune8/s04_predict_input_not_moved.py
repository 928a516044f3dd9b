# predict() builds the input tensor from the raw feature list without moving it to the model's device
# expect: torch.tensor(features, dtype=torch.float32)
# also-accept: x
# category: device/mismatch
# made-at: 39
import torch
import torch.nn as nn

torch.manual_seed(0)

# "meta" stands in for the GPU the service runs on in production
DEVICE = torch.device("meta")

FEATURE_NAMES = ["age", "income", "tenure", "n_products", "balance", "is_active"]


class ChurnModel(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, 32), nn.ReLU(),
            nn.Linear(32, 16), nn.ReLU(),
            nn.Linear(16, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


def load_model():
    model = ChurnModel(len(FEATURE_NAMES))
    model.to(DEVICE)
    model.eval()
    return model


def predict(model, record):
    features = [float(record[name]) for name in FEATURE_NAMES]
    x = torch.tensor(features, dtype=torch.float32).unsqueeze(0)
    with torch.inference_mode():
        logit = model(x)
    return torch.sigmoid(logit)


model = load_model()
customer = {"age": 42, "income": 5.1, "tenure": 7, "n_products": 2, "balance": 0.3, "is_active": 1}
p = predict(model, customer)
print("churn probability:", p)
