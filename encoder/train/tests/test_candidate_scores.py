"""Tests of the teachers' candidate scoring (dense and SPLADE teachers share it).

    cd encoder/train && python3 -m unittest discover -s tests -t .
"""
import unittest

import numpy as np
import torch

from lsrtrain.teacher import candidate_scores


class CandidateScoresTest(unittest.TestCase):
    def test_dot_products_with_positive_then_negatives_and_zero_where_none(self):
        dvec = torch.tensor([[1.0, 0.0], [0.0, 2.0], [3.0, 1.0], [1.0, 1.0]]).half()
        qvec = torch.tensor([[1.0, 1.0], [2.0, 0.0], [0.0, 1.0]]).half()
        queries = [{"pos": 0}, {"pos": 2}, {"pos": 3}]
        negatives = np.array([[1, 2], [3, -1], [-1, -1]], dtype=np.int32)
        # Chunks of two queries: the last chunk holds one, so chunk edges are crossed.
        scores = candidate_scores(qvec, dvec, queries, negatives, torch.device("cpu"), chunk=2)
        np.testing.assert_allclose(scores, [[1.0, 2.0, 4.0], [6.0, 2.0, 0.0], [1.0, 0.0, 0.0]])


if __name__ == "__main__":
    unittest.main()
