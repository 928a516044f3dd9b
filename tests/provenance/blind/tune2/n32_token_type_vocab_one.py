# The sentence-pair encoder gives the second segment token_type_id 1, but the config was copied from a single-segment model with type_vocab_size=1
# expect: config["type_vocab_size"]
# also-accept: token_type_ids, self.token_type_embeddings
# category: index/embedding-out-of-range
# made-at: 13
import torch
import torch.nn as nn

config = {
    "vocab_size": 120,
    "hidden_size": 32,
    "max_position_embeddings": 64,
    "type_vocab_size": 1,
    "num_labels": 3,  # entailment / neutral / contradiction
}
CLS, SEP = 1, 2


def encode_pair(premise, hypothesis, vocab_size):
    a = [3 + hash(w) % (vocab_size - 3) for w in premise.split()]
    b = [3 + hash(w) % (vocab_size - 3) for w in hypothesis.split()]
    input_ids = [CLS, *a, SEP, *b, SEP]
    token_type_ids = [0] * (len(a) + 2) + [1] * (len(b) + 1)
    return torch.tensor(input_ids), torch.tensor(token_type_ids)


class PairEmbeddings(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.word_embeddings = nn.Embedding(config["vocab_size"], config["hidden_size"])
        self.position_embeddings = nn.Embedding(config["max_position_embeddings"], config["hidden_size"])
        self.token_type_embeddings = nn.Embedding(config["type_vocab_size"], config["hidden_size"])

    def forward(self, input_ids, token_type_ids):
        positions = torch.arange(input_ids.size(-1))
        return (
            self.word_embeddings(input_ids)
            + self.position_embeddings(positions)
            + self.token_type_embeddings(token_type_ids)
        )


class NLIModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embeddings = PairEmbeddings(config)
        self.classifier = nn.Linear(config["hidden_size"], config["num_labels"])

    def forward(self, input_ids, token_type_ids):
        return self.classifier(self.embeddings(input_ids, token_type_ids)[:, 0])


model = NLIModel(config).eval()
ids, types = encode_pair("a man is playing a guitar", "a person makes music", config["vocab_size"])
with torch.no_grad():
    probs = model(ids.unsqueeze(0), types.unsqueeze(0)).softmax(-1)
print(dict(zip(["entailment", "neutral", "contradiction"], probs[0].tolist())))

# raises: IndexError: index out of range in self
