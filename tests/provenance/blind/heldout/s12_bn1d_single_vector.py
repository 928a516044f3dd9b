# Serving code passes a single 1D feature vector to a model whose BatchNorm1d needs (N, C)
# expect: features
# category: shape/missing-batch-dim
# made-at: 22
import torch
import torch.nn as nn

torch.manual_seed(0)


class ChurnModel(nn.Module):
    def __init__(self, n_features=6):
        super().__init__()
        self.norm = nn.BatchNorm1d(n_features)
        self.mlp = nn.Sequential(nn.Linear(n_features, 16), nn.ReLU(), nn.Linear(16, 1))

    def forward(self, x):
        return torch.sigmoid(self.mlp(self.norm(x)))


def predict_customer(model, customer: dict) -> float:
    features = torch.tensor(
        [customer["age"], customer["tenure"], customer["charges"],
         customer["calls"], customer["plan"], customer["region"]],
        dtype=torch.float32,
    )
    model.eval()
    with torch.no_grad():
        return model(features).item()


model = ChurnModel()
print(predict_customer(model, {"age": 42, "tenure": 3, "charges": 70.5, "calls": 2, "plan": 1, "region": 4}))



def predict_many(model, customers):
    return [predict_customer(model, c) for c in customers]


customers = [
    {"age": 25, "tenure": 1, "charges": 20.0, "calls": 5, "plan": 0, "region": 1},
    {"age": 61, "tenure": 12, "charges": 99.9, "calls": 0, "plan": 2, "region": 3},
]
print(predict_many(model, customers))

# raises: ValueError: expected 2D or 3D input (got 1D input)
