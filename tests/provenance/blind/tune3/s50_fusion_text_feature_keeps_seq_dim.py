# the [CLS] text feature is sliced with [:, :1] which keeps the sequence axis, so it is 3-D while the image feature is 2-D
# expect: text_feat
# category: shape/concat-ndim
# made-at: 40
import torch
import torch.nn as nn


class ImageEncoder(nn.Module):
    def __init__(self, out_dim=64):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                 nn.Linear(16, out_dim))

    def forward(self, x):
        return self.net(x)


class TextEncoder(nn.Module):
    def __init__(self, vocab=300, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.rnn = nn.GRU(dim, dim, batch_first=True)

    def forward(self, ids):
        out, _ = self.rnn(self.emb(ids))
        return out


class VQAModel(nn.Module):
    def __init__(self, n_answers=10):
        super().__init__()
        self.image_encoder = ImageEncoder()
        self.text_encoder = TextEncoder()
        self.classifier = nn.Sequential(nn.Linear(64 + 32, 64), nn.ReLU(), nn.Linear(64, n_answers))

    def forward(self, images, question_ids):
        image_feat = self.image_encoder(images)
        text_out = self.text_encoder(question_ids)
        text_feat = text_out[:, :1]
        fused = torch.cat([image_feat, text_feat], dim=-1)
        return self.classifier(fused)


model = VQAModel()
images = torch.randn(4, 3, 32, 32)
questions = torch.randint(0, 300, (4, 12))
answers = torch.randint(0, 10, (4,))
loss = nn.functional.cross_entropy(model(images, questions), answers)
loss.backward()
