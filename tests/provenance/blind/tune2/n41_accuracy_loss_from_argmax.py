# The "differentiable F1" loss is computed from argmax predictions (an integer op), so it has no grad_fn and cannot be backpropagated
# expect: preds
# also-accept: logits.argmax(dim=1)
# category: autograd/no-grad-fn
# made-at: 38
import torch
import torch.nn as nn


def macro_f1_loss(preds, targets, n_classes):
    f1s = []
    for c in range(n_classes):
        tp = ((preds == c) & (targets == c)).sum().float()
        fp = ((preds == c) & (targets != c)).sum().float()
        fn = ((preds != c) & (targets == c)).sum().float()
        f1s.append(2 * tp / (2 * tp + fp + fn + 1e-8))
    return 1 - torch.stack(f1s).mean()


class ImbalancedClassifier(nn.Module):
    def __init__(self, n_in=12, n_classes=4):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_in, 48), nn.ReLU(), nn.Dropout(0.1), nn.Linear(48, n_classes))

    def forward(self, x):
        return self.layers(x)


def run(epochs=3, n_classes=4):
    torch.manual_seed(0)
    X = torch.randn(400, 12)
    y = torch.multinomial(torch.tensor([0.7, 0.2, 0.07, 0.03]), 400, replacement=True)
    model = ImbalancedClassifier(n_classes=n_classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for i in range(0, 400, 50):
            logits = model(X[i : i + 50])
            preds = logits.argmax(dim=1)
            loss = macro_f1_loss(preds, y[i : i + 50], n_classes)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: 1 - F1 = {loss.item():.3f}")


if __name__ == "__main__":
    run()

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
