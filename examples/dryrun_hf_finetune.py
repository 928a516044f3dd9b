"""Fine-tune a small BERT classifier built from a config (no download), the way a GPU job
would: AdamW, a warm-up schedule, mixed precision, validation and a checkpoint.

    torchwhy dryrun examples/dryrun_hf_finetune.py
"""

import torch
from torch.utils.data import DataLoader, Dataset
from transformers import BertConfig, BertForSequenceClassification, get_linear_schedule_with_warmup

VOCAB, SEQ, LABELS = 1000, 32, 3
device = "cuda" if torch.cuda.is_available() else "cpu"


class Reviews(Dataset):
    def __init__(self, n, seed):
        g = torch.Generator().manual_seed(seed)
        self.ids = torch.randint(1, VOCAB, (n, SEQ), generator=g)
        self.lengths = torch.randint(8, SEQ + 1, (n,), generator=g)
        self.labels = torch.randint(0, LABELS, (n,), generator=g)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        mask = (torch.arange(SEQ) < self.lengths[i]).long()
        return {"input_ids": self.ids[i] * mask, "attention_mask": mask, "labels": self.labels[i]}


config = BertConfig(vocab_size=VOCAB, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                    intermediate_size=128, max_position_embeddings=SEQ, num_labels=LABELS)
model = BertForSequenceClassification(config).to(device)
train = DataLoader(Reviews(200, 0), batch_size=16, shuffle=True)
val = DataLoader(Reviews(50, 1), batch_size=16)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
epochs = 3
schedule = get_linear_schedule_with_warmup(optimizer, 10, epochs * len(train))

for epoch in range(epochs):
    model.train()
    for batch in train:
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
    model.eval()
    correct = 0
    with torch.no_grad():
        for batch in val:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(**batch).logits
            correct += (logits.argmax(-1) == batch["labels"]).sum().item()
    print(f"epoch {epoch}: loss {loss.item():.3f} accuracy {correct / len(val.dataset):.2f}")
    torch.save(model.state_dict(), "bert_classifier.pt")
