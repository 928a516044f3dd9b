# Export: forward branches in Python on a tensor value (if scores.max() < self.threshold), which torch.export cannot trace into a single graph
# expect: scores
# also-accept: self.threshold, torch.export.export
# category: compile/graph-break
# made-at: 21
import torch
import torch.nn as nn


class AnomalyScorer(nn.Module):
    """Autoencoder reconstruction error with an early exit for clean windows."""

    def __init__(self, n_features=12, code=4, threshold=0.5):
        super().__init__()
        self.threshold = threshold
        self.encoder = nn.Sequential(nn.Linear(n_features, 8), nn.ReLU(), nn.Linear(8, code))
        self.decoder = nn.Sequential(nn.Linear(code, 8), nn.ReLU(), nn.Linear(8, n_features))

    def forward(self, window):
        recon = self.decoder(self.encoder(window))
        scores = (recon - window).pow(2).mean(-1)
        if scores.max() < self.threshold:
            return torch.zeros_like(scores)
        return scores / scores.max()


def export_for_serving(model, example):
    model.eval()
    program = torch.export.export(model, (example,))
    return program


torch.manual_seed(0)
scorer = AnomalyScorer()
example_window = torch.randn(16, 12)
with torch.no_grad():
    print("eager scores:", scorer(example_window)[:4])
program = export_for_serving(scorer, example_window)
print(program.graph_module.code)

# raises: torch.fx.experimental.symbolic_shapes.GuardOnDataDependentSymNode: Could not guard on data-dependent expression Eq(u0, 1) (unhinted: Eq(u0, 1)).  (Size-like symbols: none)
