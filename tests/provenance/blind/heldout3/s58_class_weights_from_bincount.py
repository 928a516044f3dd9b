# the class weights come from bincount over the training labels, which only reaches the largest class present (4 values for 5 classes)
# expect: counts
# also-accept: class_weights
# category: shape/loss-weight-length
# made-at: 24
import torch
import torch.nn as nn

NUM_CLASSES = 5


def split(labels, features, val_frac=0.2):
    n_val = int(len(labels) * val_frac)
    order = torch.argsort(labels, descending=True)
    val_idx, train_idx = order[:n_val], order[n_val:]
    return (features[train_idx], labels[train_idx]), (features[val_idx], labels[val_idx])


torch.manual_seed(0)
features = torch.randn(200, 10)
labels = torch.cat([torch.randint(0, 4, (180,)), torch.full((20,), 4)])
(x_train, y_train), (x_val, y_val) = split(labels, features)

counts = torch.bincount(y_train)
class_weights = counts.sum() / (len(counts) * counts.float())
criterion = nn.CrossEntropyLoss(weight=class_weights)

model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, NUM_CLASSES))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    loss = criterion(model(x_train), y_train)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(epoch, loss.item())
