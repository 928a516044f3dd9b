# The OneCycleLR scheduler is stepped every batch by the trainer and again at every epoch end by LRSchedulerCallback, so it runs past total_steps.
# expect: LRSchedulerCallback
# also-accept: self.scheduler.step()
# category: optim/scheduler
# made-at: 29
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class Callback:
    def on_train_begin(self, trainer): ...
    def on_batch_end(self, trainer, loss): ...
    def on_epoch_end(self, trainer, epoch): ...


class PrintLoss(Callback):
    def on_epoch_end(self, trainer, epoch):
        print(f"epoch {epoch} loss {trainer.last_loss:.4f} lr {trainer.optimizer.param_groups[0]['lr']:.5f}")


class LRSchedulerCallback(Callback):
    def __init__(self, scheduler):
        self.scheduler = scheduler

    def on_epoch_end(self, trainer, epoch):
        self.scheduler.step()


class Trainer:
    def __init__(self, model, optimizer, scheduler, loss_fn, callbacks=()):
        self.model, self.optimizer, self.scheduler = model, optimizer, scheduler
        self.loss_fn = loss_fn
        self.callbacks = list(callbacks)
        self.last_loss = float("nan")

    def fit(self, loader, epochs):
        for cb in self.callbacks:
            cb.on_train_begin(self)
        for epoch in range(epochs):
            self.model.train()
            for xb, yb in loader:
                self.optimizer.zero_grad()
                loss = self.loss_fn(self.model(xb), yb)
                loss.backward()
                self.optimizer.step()
                self.scheduler.step()
                self.last_loss = loss.item()
                for cb in self.callbacks:
                    cb.on_batch_end(self, loss)
            for cb in self.callbacks:
                cb.on_epoch_end(self, epoch)


X = torch.randn(512, 20)
y = (X[:, :5].sum(1, keepdim=True) + 0.1 * torch.randn(512, 1))
loader = DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True)

EPOCHS = 5
model = nn.Sequential(nn.Linear(20, 64), nn.GELU(), nn.Linear(64, 1))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, epochs=EPOCHS,
                                                steps_per_epoch=len(loader))
trainer = Trainer(model, optimizer, scheduler, nn.MSELoss(),
                  callbacks=[PrintLoss(), LRSchedulerCallback(scheduler)])
trainer.fit(loader, EPOCHS)
