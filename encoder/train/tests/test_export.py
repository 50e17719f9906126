"""Tests of the SPLADE export: the ONNX graphs must compute what the PyTorch model computes.

    cd encoder/train && python3 -m unittest discover -s tests -t .
"""
import os
import tempfile
import unittest

import numpy as np
import onnxruntime as ort
import torch

from lsrtrain.bert import BertConfig
from lsrtrain.export import export_splade
from lsrtrain.model import Splade, blocked_token_mask

# Large enough for the token ids torch.onnx.export traces with (up to 7592).
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[unused0]"] + [f"w{i}" for i in range(8000)]


def tiny_splade(seed):
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=len(VOCAB), hidden=32, layers=2, heads=4, intermediate=64, max_positions=64)
    model = Splade(cfg, blocked_token_mask(VOCAB))
    with torch.no_grad():
        model.head.bias.normal_(0.0, 0.5)  # some terms above zero, some below
    return model.eval()


def run_graph(folder, ids, mask):
    session = ort.InferenceSession(os.path.join(folder, "model.onnx"), providers=["CPUExecutionProvider"])
    return session.run(["splade"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]


class SpladeExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = tiny_splade(seed=5)
        # Two texts, the second padded: padding must not change its weights.
        cls.ids = torch.tensor([[2, 10, 4200, 77, 7031, 3], [2, 5500, 12, 3, 0, 0]])
        cls.mask = (cls.ids != 0).long()
        with torch.no_grad():
            cls.expected = cls.model(cls.ids, cls.mask).numpy()
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, name, quantized):
        out = os.path.join(self.tmp.name, name)
        os.makedirs(out)
        export_splade(self.model, out, quantized, threshold=0.0)
        return out

    def test_float32_graph_matches_pytorch(self):
        got = run_graph(self.export("f32", quantized=False), self.ids, self.mask)
        self.assertEqual(got.shape, self.expected.shape)
        np.testing.assert_allclose(got, self.expected, atol=1e-5)

    def test_int8_graph_stays_close_to_pytorch_and_keeps_its_strongest_terms(self):
        got = run_graph(self.export("int8", quantized=True), self.ids, self.mask)
        scale = float(self.expected.max())
        self.assertGreater(scale, 0.0, "the fixture model must give some term a weight")
        # A miswired lookup or projection decorrelates the weights; int8 rounding only blurs them
        # (measured: correlation 0.9998, mean error 0.3 % of the largest weight).
        correlation = float(np.corrcoef(got.ravel(), self.expected.ravel())[0, 1])
        self.assertGreater(correlation, 0.999, "int8 weights do not follow float32's")
        self.assertLess(float(np.abs(got - self.expected).mean()), 0.01 * scale,
                        "int8 weights drift more than 1 % of the largest weight on average")
        for row in range(len(self.ids)):
            strongest = set(np.argsort(-self.expected[row])[:3])
            self.assertTrue(strongest <= set(np.argsort(-got[row])[:6]),
                            f"text {row}: float32's three strongest terms {sorted(strongest)} fall out of int8's six")

    def test_blocked_tokens_never_get_a_weight(self):
        got = run_graph(self.export("blocked", quantized=True), self.ids, self.mask)
        blocked = blocked_token_mask(VOCAB).numpy()
        self.assertTrue((got[:, blocked] == 0).all(), "special or [unused] tokens got weights")


if __name__ == "__main__":
    unittest.main()
