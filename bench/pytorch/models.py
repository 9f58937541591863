"""PyTorch copies of the project's models, layer for layer, so that both sides time the same network.

SimpleCnn mirrors src/GradRetentionNet.Training/Models/SimpleCnn.cs; TextClassifier and its parts
mirror src/GradRetentionNet.Training/Models/Text/ (BertConfig.Small, BertModules.cs,
TextClassifier.cs). Attribute names are the C# field names, so named_parameters() gives the same
names and shapes on both sides, and the modules are built in the same order, so one
torch.manual_seed gives the same initial weights (both sides draw from libtorch's generator).
"""

import math

import torch
from torch import nn
from torch.nn import functional as F


class SimpleCnn(nn.Module):
    """Two 3x3 conv (pad 1) + ReLU + 2x2 max-pool stages, a 128-unit hidden layer, a linear classifier."""

    def __init__(self, input_channels, image_size, classes=10):
        super().__init__()
        pooled_side = image_size // 4
        self.conv1 = nn.Conv2d(input_channels, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.hidden = nn.Linear(64 * pooled_side * pooled_side, 128)
        self.classifier = nn.Linear(128, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.hidden(x.flatten(1)))
        return self.classifier(x)


class BertConfig:
    """BertConfig.Small(vocabulary): hidden 128, 2 layers, 2 heads, intermediate 512, 128 positions."""

    def __init__(self, vocabulary_size, hidden=128, layers=2, heads=2, intermediate=512, max_positions=128,
                 token_types=2, dropout=0.1, layer_norm_epsilon=1e-12):
        self.vocabulary_size = vocabulary_size
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.intermediate = intermediate
        self.max_positions = max_positions
        self.token_types = token_types
        self.dropout = dropout
        self.layer_norm_epsilon = layer_norm_epsilon


class BertEmbeddings(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocabulary_size, config.hidden)
        self.position_embeddings = nn.Embedding(config.max_positions, config.hidden)
        self.token_type_embeddings = nn.Embedding(config.token_types, config.hidden)
        self.LayerNorm = nn.LayerNorm(config.hidden, eps=config.layer_norm_epsilon)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        embedded = self.word_embeddings(ids) + self.position_embeddings(positions) + self.token_type_embeddings(torch.zeros_like(ids))
        return self.dropout(self.LayerNorm(embedded))


class BertSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.query = nn.Linear(config.hidden, config.hidden)
        self.key = nn.Linear(config.hidden, config.hidden)
        self.value = nn.Linear(config.hidden, config.hidden)
        self.dropout = nn.Dropout(config.dropout)
        self.heads = config.heads

    def forward(self, hidden, additive_mask):
        batch, length, width = hidden.shape
        head_width = width // self.heads

        def split(x):
            return x.view(batch, length, self.heads, head_width).transpose(1, 2)

        scores = split(self.query(hidden)).matmul(split(self.key(hidden)).transpose(-1, -2)) / math.sqrt(head_width)
        probabilities = self.dropout(F.softmax(scores + additive_mask, -1))
        return probabilities.matmul(split(self.value(hidden))).transpose(1, 2).reshape(batch, length, width)


class BertResidualOutput(nn.Module):
    def __init__(self, input_width, config):
        super().__init__()
        self.dense = nn.Linear(input_width, config.hidden)
        self.LayerNorm = nn.LayerNorm(config.hidden, eps=config.layer_norm_epsilon)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x, residual):
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class BertAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        # "self" is the Hugging Face (and C#) name; a Python attribute may carry it.
        setattr(self, "self", BertSelfAttention(config))
        self.output = BertResidualOutput(config.hidden, config)

    def forward(self, hidden, additive_mask):
        return self.output(getattr(self, "self")(hidden, additive_mask), hidden)


class BertIntermediate(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden, config.intermediate)

    def forward(self, hidden):
        return F.gelu(self.dense(hidden))


class BertLayer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.attention = BertAttention(config)
        self.intermediate = BertIntermediate(config)
        self.output = BertResidualOutput(config.intermediate, config)

    def forward(self, hidden, additive_mask):
        attended = self.attention(hidden, additive_mask)
        return self.output(self.intermediate(attended), attended)


class BertEncoder(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer(config) for _ in range(config.layers)])

    def forward(self, hidden, additive_mask):
        for block in self.layer:
            hidden = block(hidden, additive_mask)
        return hidden


class BertPooler(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden, config.hidden)

    def forward(self, hidden):
        return torch.tanh(self.dense(hidden.select(1, 0)))


class BertModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embeddings = BertEmbeddings(config)
        self.encoder = BertEncoder(config)
        self.pooler = BertPooler(config)

    def forward(self, ids, attention_mask):
        # Padding gets a large negative score before the softmax, as in BertModules.cs.
        additive_mask = (1 - attention_mask.to(torch.float32)).mul(-10_000.0).unsqueeze(1).unsqueeze(1)
        hidden = self.encoder(self.embeddings(ids), additive_mask.to(next(self.parameters()).dtype))
        return self.pooler(hidden)


class TextClassifier(nn.Module):
    """BertForSequenceClassification's shape: pooled [CLS], dropout, linear to the classes."""

    def __init__(self, config, classes):
        super().__init__()
        self.bert = BertModel(config)
        self.dropout = nn.Dropout(config.dropout)
        self.classifier = nn.Linear(config.hidden, classes)

    def forward(self, ids, attention_mask):
        return self.classifier(self.dropout(self.bert(ids, attention_mask)))


def parameter_shapes(model):
    """Name -> shape of every parameter, the form both step runners print."""
    return {name: list(p.shape) for name, p in model.named_parameters()}
