"""Tests of the training losses that shape sparsity.

    cd encoder/train && python3 -m unittest discover -s tests -t .
"""
import unittest

import torch

from lsrtrain.train import nonzero_floor_penalty


class NonzeroFloorPenaltyTest(unittest.TestCase):
    def test_nothing_to_pay_when_enough_terms_are_active(self):
        logits = torch.tensor([[2.0, 1.0, 0.5, -3.0], [0.1, 0.2, 0.3, -1.0]])
        self.assertEqual(float(nonzero_floor_penalty(logits, 3)), 0.0)

    def test_pulls_up_exactly_the_best_terms_under_zero(self):
        logits = torch.tensor([[2.0, -0.5, -1.0, -4.0]], requires_grad=True)
        penalty = nonzero_floor_penalty(logits, 3)
        # The three largest are 2.0, -0.5 and -1.0: shortfalls 0, 0.5 and 1.0 over three.
        self.assertAlmostEqual(float(penalty), 0.5, places=6)
        penalty.backward()
        expected = torch.tensor([[0.0, -1 / 3, -1 / 3, 0.0]])
        self.assertTrue(torch.allclose(logits.grad, expected),
                        f"a gradient step raises the two terms under zero, not the active one nor the far one: "
                        f"{logits.grad.tolist()}")


if __name__ == "__main__":
    unittest.main()
