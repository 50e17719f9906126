"""Reads the variables of a TensorFlow checkpoint (a "tensor bundle") without TensorFlow.

A bundle is `<prefix>.index`, a LevelDB-format sorted table mapping each variable name to a
BundleEntryProto (dtype, shape, shard, offset, size), and `<prefix>.data-NNNNN-of-MMMMM` shards holding
the raw little-endian tensor bytes. Only uncompressed tables and plain (unsliced) tensors are handled,
which is what a SavedModel's `variables/` folder holds.
"""
import struct

import numpy as np

TABLE_MAGIC = 0xdb4775248b80fb57
# TensorFlow DataType enum values this reader understands.
DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 9: np.int64, 19: np.float16}


def _varint(buf, pos):
    result, shift = 0, 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def _block(data, handle):
    offset, size = handle
    if data[offset + size] != 0:
        raise ValueError(f"table block at {offset} is compressed (type {data[offset + size]}); not supported")
    return data[offset:offset + size]


def _block_entries(block):
    """Yields (key, value) of one table block; keys are prefix-compressed against the previous key."""
    restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    end = len(block) - 4 - 4 * restarts
    pos, key = 0, b""
    while pos < end:
        shared, pos = _varint(block, pos)
        unshared, pos = _varint(block, pos)
        value_len, pos = _varint(block, pos)
        key = key[:shared] + bytes(block[pos:pos + unshared])
        pos += unshared
        yield key, bytes(block[pos:pos + value_len])
        pos += value_len


def _handle(value):
    offset, pos = _varint(value, 0)
    size, _ = _varint(value, pos)
    return offset, size


def _fields(message):
    """Top-level protobuf fields as (number, value): varints as int, length-delimited and fixed as bytes."""
    pos = 0
    while pos < len(message):
        tag, pos = _varint(message, pos)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, pos = _varint(message, pos)
        elif wire == 2:
            length, pos = _varint(message, pos)
            value, pos = message[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = message[pos:pos + 4], pos + 4
        elif wire == 1:
            value, pos = message[pos:pos + 8], pos + 8
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
        yield number, value


def _entry(value):
    """BundleEntryProto -> dict(dtype, shape, shard, offset, size)."""
    entry = {"dtype": 0, "shape": [], "shard": 0, "offset": 0, "size": 0, "sliced": False}
    for number, field in _fields(value):
        if number == 1:
            entry["dtype"] = field
        elif number == 2:
            for dim_number, dim in _fields(field):
                if dim_number == 2:
                    entry["shape"].append(dict(_fields(dim)).get(1, 0))
        elif number == 3:
            entry["shard"] = field
        elif number == 4:
            entry["offset"] = field
        elif number == 5:
            entry["size"] = field
        elif number == 7:
            entry["sliced"] = True
    return entry


def read_index(index_path):
    """Variable name -> entry dict, for every tensor in the bundle (the header entry is skipped)."""
    with open(index_path, "rb") as f:
        data = f.read()
    footer = data[-48:]
    if struct.unpack_from("<Q", footer, 40)[0] != TABLE_MAGIC:
        raise ValueError(f"{index_path}: not a TensorFlow checkpoint index (bad table magic)")
    _, pos = _varint(footer, 0)
    _, pos = _varint(footer, pos)  # metaindex handle, unused
    index_offset, pos = _varint(footer, pos)
    index_size, _ = _varint(footer, pos)
    entries = {}
    for _, handle in _block_entries(_block(data, (index_offset, index_size))):
        for key, value in _block_entries(_block(data, _handle(handle))):
            if key:
                entries[key.decode()] = _entry(value)
    return entries


def read_variables(prefix, wanted=lambda name: True):
    """Reads the bundle at `prefix` (e.g. `saved_model/variables/variables`): name -> numpy array."""
    entries = read_index(prefix + ".index")
    shards = 1 + max((e["shard"] for e in entries.values()), default=0)
    arrays = {}
    for name, e in sorted(entries.items()):
        if not wanted(name):
            continue
        if e["sliced"] or e["dtype"] not in DTYPES:
            raise ValueError(f"{prefix}: variable {name} is sliced or of unsupported dtype {e['dtype']}")
        path = f"{prefix}.data-{e['shard']:05d}-of-{shards:05d}"
        with open(path, "rb") as f:
            f.seek(e["offset"])
            raw = f.read(e["size"])
        arr = np.frombuffer(raw, dtype=np.dtype(DTYPES[e["dtype"]]).newbyteorder("<"))
        expected = int(np.prod(e["shape"])) if e["shape"] else 1
        if arr.size != expected:
            raise ValueError(f"{path}: variable {name} has {arr.size} values, its shape {e['shape']} needs {expected}")
        arrays[name] = arr.reshape(e["shape"])
    return arrays
