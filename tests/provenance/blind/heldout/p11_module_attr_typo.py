# Reading the backbone's feature size with a misspelled attribute (in_feature instead of in_features)
# expect: backbone.fc.in_feature
# category: unknown
# made-at: 16
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3)
        self.fc = nn.Linear(64, 1000)


backbone = Backbone()
n_feats = backbone.fc.in_feature
backbone.fc = nn.Linear(n_feats, 7)

# raises: AttributeError: 'Linear' object has no attribute 'in_feature'. Did you mean: 'in_features'?
