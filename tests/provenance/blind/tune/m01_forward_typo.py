# The model method is spelled `foward`, so nn.Module has no forward to call
# expect: foward
# also-accept: Classifier
# category: module/forward-misuse
# made-at: 17
import torch
import torch.nn as nn

torch.manual_seed(0)


class Classifier(nn.Module):
    def __init__(self, in_dim, n_classes):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU(), nn.Linear(64, n_classes))

    def foward(self, x):
        return self.layers(x)


model = Classifier(20, 4)
x = torch.randn(8, 20)
logits = model(x)

# raises: NotImplementedError: Module [Classifier] is missing the required "forward" function
