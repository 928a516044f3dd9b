# The example input for torch.export is a bare tensor, not a tuple of positional inputs
# expect: example_inputs
# also-accept: torch.randn(1, 3, 32, 32)
# category: export/args
# made-at: 26
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4))
        self.fc = nn.Linear(8 * 16, 10)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


def export_for_serving(model, example_inputs):
    model.eval()
    return torch.export.export(model, example_inputs)


model = Classifier()
example_inputs = torch.randn(1, 3, 32, 32)
program = export_for_serving(model, example_inputs)
print(program)
