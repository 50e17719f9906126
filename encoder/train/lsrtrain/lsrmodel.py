"""lsr-model.json: what the Java encoders need beside model.onnx and tokenizer.json (schema and
reference: lsr.encoder.ModelConfig).

Keys are camelCase, as everywhere in lsr's JSON. Folders written before that spell five keys in
snake_case (OLD_KEYS); read() still accepts them, write() writes only the camelCase names.
No torch or onnx here, so that the schema can be tested anywhere.
"""
import json
import os

FILE_NAME = "lsr-model.json"

# Old snake_case key -> the camelCase key it now reads as (ModelConfig.OLD_KEYS on the Java side).
OLD_KEYS = {
    "max_length": "maxLength",
    "query_prefix": "queryPrefix",
    "passage_prefix": "passagePrefix",
    "max_batch_size": "maxBatchSize",
    "query_top_k": "queryTopK",
}


def sparse_config(kind, max_length, quantized, query_top_k=0, name=None, description=None):
    """The config of a sparse model folder written by lsrtrain.export: its output is named after the kind.

    A quantized graph scales its activations over the whole run, so it encodes one text per run
    (maxBatchSize 1) to give every text the same vector whatever it is encoded with.
    """
    config = {"type": kind, "output": kind, "maxLength": max_length, "queryPrefix": "", "passagePrefix": ""}
    if quantized:
        config["maxBatchSize"] = 1
    if query_top_k:
        config["queryTopK"] = query_top_k
    if name:
        config["name"] = name
    if description:
        config["description"] = description
    return config


def with_new_keys(config, where=FILE_NAME):
    """config with every old snake_case key under its camelCase name; a key given both ways is an error."""
    renamed = {}
    for key, value in config.items():
        new = OLD_KEYS.get(key, key)
        if new in renamed:
            raise ValueError(f"{where}: \"{new}\" is given twice, also under its old name; keep only \"{new}\"")
        renamed[new] = value
    return renamed


def read(folder):
    """The lsr-model.json of a model folder, camelCase keys whatever the file spells."""
    path = os.path.join(folder, FILE_NAME)
    with open(path, encoding="utf-8") as f:
        return with_new_keys(json.load(f), path)


def write(folder, config):
    """Writes config as the folder's lsr-model.json (camelCase keys only)."""
    config = with_new_keys(config)
    with open(os.path.join(folder, FILE_NAME), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
