"""Tests of lsr-model.json as the export writes and the evaluation reads it (no torch needed).

    cd encoder/train && python3 -m unittest discover -s tests -t .
"""
import json
import os
import tempfile
import unittest

from lsrtrain import lsrmodel


class LsrModelTest(unittest.TestCase):
    def test_export_config_is_camel_case(self):
        config = lsrmodel.sparse_config("splade", 256, quantized=True, query_top_k=64, name="n", description="d")
        self.assertEqual({"type": "splade", "output": "splade", "maxLength": 256, "queryPrefix": "",
                          "passagePrefix": "", "maxBatchSize": 1, "queryTopK": 64, "name": "n",
                          "description": "d"}, config)
        float32 = lsrmodel.sparse_config("unicoil", 128, quantized=False)
        self.assertNotIn("maxBatchSize", float32)
        self.assertNotIn("queryTopK", float32)

    def test_write_then_read_round_trips_without_snake_case(self):
        with tempfile.TemporaryDirectory() as folder:
            config = lsrmodel.sparse_config("splade", 256, quantized=True, query_top_k=64)
            lsrmodel.write(folder, config)
            with open(os.path.join(folder, "lsr-model.json")) as f:
                text = f.read()
            for old in lsrmodel.OLD_KEYS:
                self.assertNotIn(old, text)
            self.assertEqual(config, lsrmodel.read(folder))

    def test_old_snake_case_folders_still_read(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "lsr-model.json"), "w") as f:
                json.dump({"type": "splade", "output": "splade", "max_length": 200, "query_prefix": "",
                           "passage_prefix": "", "max_batch_size": 1, "query_top_k": 32}, f)
            self.assertEqual({"type": "splade", "output": "splade", "maxLength": 200, "queryPrefix": "",
                              "passagePrefix": "", "maxBatchSize": 1, "queryTopK": 32}, lsrmodel.read(folder))

    def test_a_key_under_both_names_is_refused(self):
        with self.assertRaises(ValueError) as e:
            lsrmodel.with_new_keys({"type": "splade", "max_length": 200, "maxLength": 256})
        self.assertIn("maxLength", str(e.exception))

    def test_old_keys_are_those_the_java_side_maps(self):
        # ModelConfig.OLD_KEYS in encoder/src/main/java/lsr/encoder/ModelConfig.java lists the same pairs.
        java = os.path.join(os.path.dirname(__file__), "..", "..", "src", "main", "java", "lsr", "encoder",
                            "ModelConfig.java")
        with open(java, encoding="utf-8") as f:
            source = f.read()
        for old, new in lsrmodel.OLD_KEYS.items():
            self.assertIn(f'"{old}", "{new}"', source)


if __name__ == "__main__":
    unittest.main()
