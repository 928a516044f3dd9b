# get_extended_attention_mask turns the HF-style 0/1 attention_mask into 1 - attention_mask, which stays int64, and the encoder only accepts bool or float padding masks
# expect: return 1 - attention_mask
# also-accept: src_key_padding_mask=ext_mask
# category: mask/dtype
# made-at: 35
import torch
import torch.nn as nn


class EncoderConfig:
    def __init__(self, vocab_size=1000, hidden_size=64, num_attention_heads=4, num_hidden_layers=2,
                 intermediate_size=128, max_position_embeddings=64, num_labels=3, pad_token_id=0):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_attention_heads = num_attention_heads
        self.num_hidden_layers = num_hidden_layers
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.num_labels = num_labels
        self.pad_token_id = pad_token_id


class MiniEncoderForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        layer = nn.TransformerEncoderLayer(config.hidden_size, config.num_attention_heads,
                                           config.intermediate_size, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, config.num_hidden_layers)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def get_extended_attention_mask(self, attention_mask):
        return 1 - attention_mask

    def forward(self, input_ids, attention_mask, labels=None):
        pos = torch.arange(input_ids.size(1)).unsqueeze(0)
        h = self.word_embeddings(input_ids) + self.position_embeddings(pos)
        ext_mask = self.get_extended_attention_mask(attention_mask)
        h = self.encoder(h, src_key_padding_mask=ext_mask)
        logits = self.classifier(h[:, 0])
        loss = nn.functional.cross_entropy(logits, labels) if labels is not None else None
        return {"loss": loss, "logits": logits}


def tokenize_batch(lengths, max_len, g):
    input_ids = torch.zeros(len(lengths), max_len, dtype=torch.long)
    attention_mask = torch.zeros(len(lengths), max_len, dtype=torch.long)
    for i, L in enumerate(lengths):
        input_ids[i, :L] = torch.randint(1, 1000, (L,), generator=g)
        attention_mask[i, :L] = 1
    return {"input_ids": input_ids, "attention_mask": attention_mask}


if __name__ == "__main__":
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    config = EncoderConfig()
    model = MiniEncoderForSequenceClassification(config)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
    for step in range(3):
        batch = tokenize_batch([12, 30, 7, 21], 32, g)
        batch["labels"] = torch.randint(0, config.num_labels, (4,), generator=g)
        out = model(**batch)
        out["loss"].backward()
        opt.step()
        opt.zero_grad()
