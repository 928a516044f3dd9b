# LSTM made bidirectional but the classifier still expects hidden_size features instead of 2*hidden_size
# expect: self.fc
# also-accept: self.lstm
# category: shape/matmul-mismatch
# made-at: 29
import argparse

import torch
import torch.nn as nn


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--vocab-size", type=int, default=100)
    p.add_argument("--embed-dim", type=int, default=32)
    p.add_argument("--hidden-size", type=int, default=64)
    p.add_argument("--num-classes", type=int, default=4)
    p.add_argument("--bidirectional", action="store_true", default=True)
    return p.parse_args([])


class SentimentRNN(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.embedding = nn.Embedding(args.vocab_size, args.embed_dim)
        self.lstm = nn.LSTM(
            args.embed_dim, args.hidden_size, batch_first=True, bidirectional=args.bidirectional
        )
        self.fc = nn.Linear(args.hidden_size, args.num_classes)

    def forward(self, tokens):
        out, _ = self.lstm(self.embedding(tokens))
        return self.fc(out[:, -1, :])


if __name__ == "__main__":
    torch.manual_seed(0)
    args = parse_args()
    model = SentimentRNN(args)
    tokens = torch.randint(0, args.vocab_size, (8, 20))
    labels = torch.randint(0, args.num_classes, (8,))
    loss = nn.CrossEntropyLoss()(model(tokens), labels)
    loss.backward()

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (8x128 and 64x4)
