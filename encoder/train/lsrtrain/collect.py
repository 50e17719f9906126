"""Stage 1: collect (query, positive passage) pairs from real text found on a Debian machine.

    python3 -m lsrtrain.collect --out work/data [--seed 13]

Sources (see README.md for licenses): Debian package descriptions (short -> long description), manual
pages (NAME line -> DESCRIPTION section), WordNet glosses, GCIDE and FOLDOC dictionary entries (headword ->
definition), JDK Javadoc (summary sentence -> rest of the comment). Besides these "title -> body" pairs,
inverse-cloze pseudo-queries (one sentence of a passage -> the passage without it) give longer,
sentence-like queries.

Writes docs.jsonl.gz ({"id", "group", "source", "text", "pool"}), queries.jsonl.gz ({"id", "source",
"text", "pos"}) and sources.json (counts per source). `group` ties together passages of one origin, so that
negative mining never treats a near-copy of the positive as a negative; `pool` is false for inverse-cloze
positives, which are searched for, never mined as negatives.
"""
import argparse
import base64
import glob
import gzip
import html
import json
import os
import random
import re
import subprocess
import zipfile

from . import textutil

TRANSLATION_GLOB = "/var/lib/apt/lists/*_debian_dists_*_main_i18n_Translation-en*"
MAN_GLOB = "/usr/share/man/man[1-8]/*.gz"
WORDNET_FILES = ["/usr/share/wordnet/data." + p for p in ("noun", "verb", "adj", "adv")]
DICTD = {"gcide": "/usr/share/dictd/gcide", "foldoc": "/usr/share/dictd/foldoc"}
JDK_SRC = "/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip"

MIN_DOC_WORDS = 12
MAX_DOC_WORDS = 220


def words(text):
    return len(text.split())


def clip(text, limit=MAX_DOC_WORDS):
    parts = text.split()
    return " ".join(parts[:limit])


# ---------------------------------------------------------------- Debian package descriptions
def read_apt_list(path):
    """Decompresses an apt list file with apt's own helper (lists may be stored lz4- or gz-compressed)."""
    out = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", path], check=True, capture_output=True)
    return out.stdout.decode("utf-8", "replace")


def debian_descriptions():
    files = sorted(glob.glob(TRANSLATION_GLOB))
    if not files:
        raise SystemExit(f"no Translation-en list under {TRANSLATION_GLOB}: run "
                         "`apt-get update -o Acquire::Languages=en` first")
    for path in files:
        for stanza in read_apt_list(path).split("\n\n"):
            m = re.search(r"^Description-en: (.*)\n((?: .*\n?)*)", stanza, re.M)
            pkg = re.search(r"^Package: (\S+)", stanza, re.M)
            if not m or not pkg:
                continue
            short = m.group(1).strip()
            paragraphs, cur = [], []
            for line in m.group(2).split("\n"):
                line = line[1:] if line.startswith(" ") else line
                if line.strip() == ".":
                    paragraphs.append(" ".join(cur))
                    cur = []
                else:
                    cur.append(line.strip())
            paragraphs.append(" ".join(cur))
            paragraphs = [p.strip() for p in paragraphs if p.strip()]
            if paragraphs:
                yield pkg.group(1), short, paragraphs


# ---------------------------------------------------------------- manual pages
_ROFF_ESCAPES = [(r"\\f[BIRPC]|\\f\(..|\\f\[[^]]*\]", ""), (r"\\-", "-"), (r"\\\(em|\\\(en", "-"),
                 (r"\\\(aq", "'"), (r"\\\([lr]q|\\\(dq", '"'), (r"\\\(bu", ""), (r"\\e", r"\\\\"),
                 (r"\\&|\\/|\\,|\\\^|\\\||\\%|\\:", ""), (r"\\\*\(..|\\\*\[[^]]*\]|\\\*.", ""),
                 (r"\\s[-+]?\d+", ""), (r"\\\(..", ""), (r"\\ ", " "), (r"\\[a-zA-Z]", "")]


_ROFF_ESCAPES = [(re.compile(pattern), repl) for pattern, repl in _ROFF_ESCAPES]


def strip_roff(line):
    for pattern, repl in _ROFF_ESCAPES:
        line = pattern.sub(repl, line)
    return line


def man_sections(text):
    """Splits roff (man or mdoc macros) into {section name: plain text}."""
    sections, name, buf = {}, None, []
    for raw in text.split("\n"):
        if raw.startswith((".SH", ".Sh")):
            if name:
                sections[name] = " ".join(buf)
            name = strip_roff(raw[3:]).strip().strip('"').upper()
            buf = []
            continue
        if raw.startswith((".\\\"", "'\\\"")):
            continue
        if raw.startswith("."):
            # Macro line: keep its arguments for font and cross-reference macros (.B foo, .BR a b, .Nm ls).
            m = re.match(r"\.(B|I|BR|RB|BI|IB|IR|RI|SM|SB|Nm|Nd|Ar|Fl|Xr|Em|Sy|Pa|Cm|Dq|Ql)\s+(.*)", raw)
            if not m:
                continue
            arg = m.group(2)
            if m.group(1) == "Fl":
                arg = "-" + arg
            raw = arg.replace('"', "")
        buf.append(strip_roff(raw))
    if name:
        sections[name] = " ".join(buf)
    return {k: re.sub(r"\s+", " ", v).strip() for k, v in sections.items()}


def man_pages():
    for path in sorted(glob.glob(MAN_GLOB)):
        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                text = f.read()
        except (OSError, EOFError):
            continue
        if text.startswith(".so ") or "\n.so " in text[:200]:
            continue  # a link to another page
        sections = man_sections(text)
        name = sections.get("NAME", "")
        desc = sections.get("DESCRIPTION", "")
        m = re.match(r"(.+?)\s+-+\s+(.+)", name)
        if not m or words(desc) < MIN_DOC_WORDS:
            continue
        yield os.path.basename(path), m.group(1).strip(), m.group(2).strip(), desc


# ---------------------------------------------------------------- dictionaries
def wordnet_glosses():
    for path in WORDNET_FILES:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue
                head, gloss = line.split("|", 1)
                fields = head.split()
                count = int(fields[3], 16)
                lemmas = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
                lemmas = [re.sub(r"\(\w+\)$", "", w) for w in lemmas]
                yield lemmas, gloss.strip().replace('"', "")


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _dictd_number(s):
    n = 0
    for ch in s:
        n = n * 64 + _B64.index(ch)
    return n


def dictd_entries(base):
    with gzip.open(base + ".dict.dz", "rb") as f:
        data = f.read()
    seen = set()
    with open(base + ".index", encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00-database"):
                continue
            start, length = _dictd_number(parts[1]), _dictd_number(parts[2])
            if start in seen:
                continue
            seen.add(start)
            yield parts[0], data[start:start + length].decode("utf-8", "replace")


_GCIDE_SOURCE_TAG = re.compile(r"\[(?:[^]]*Webster[^]]*|PJC|WordNet[^]]*|Century[^]]*)\].*$")


def clean_gcide(body):
    # A source tag ends each sense; what follows it on the line belongs to the next entry.
    text = " ".join(_GCIDE_SOURCE_TAG.sub("", line) for line in body.split("\n"))
    text = re.sub(r"\\[^\\]*\\|--\s*[A-Z][\w.]*\.?", " ", text)  # pronunciation, cited author
    for _ in range(2):  # etymologies, which may nest one level
        text = re.sub(r"\[[^][]*\]", " ", text)
    text = re.sub(r"\s+", " ", text)
    # Drop the headword and its part of speech ("Abdomen , n. ").
    text = re.sub(r"^.{0,80}?\b(?:n|a|v|adv|prep|conj|interj|pron)\.(?:\s*(?:t|i|pl|sing)\.)*,?\s*", "", text)
    text = re.sub(r"\b(Syn|Note)\s*:.*", " ", text)
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def clean_foldoc(body):
    lines = body.split("\n")[1:]
    text = " ".join(line.strip() for line in lines)
    text = re.sub(r"\(\d{4}-\d{2}-\d{2}\)", " ", text)
    text = re.sub(r"\{\(?(https?|ftp)://[^}]*\}|\[\"[^]]*\]", " ", text)
    text = re.sub(r"<[^>]*>", " ", text)  # subject tags such as <programming>
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- Javadoc
_JAVADOC = re.compile(r"/\*\*(.*?)\*/", re.S)


def clean_javadoc(comment):
    lines = [re.sub(r"^\s*\*\s?", "", line) for line in comment.split("\n")]
    text = " ".join(line for line in lines)
    text = re.split(r"(?<!\{)@(param|return|throws|exception|see|since|author|spec|implSpec|implNote|"
                    r"apiNote|serial|deprecated|jls|jvms)\b", text)[0]
    text = re.sub(r"\{@(?:code|literal|link|linkplain|value)\s+([^}]*)\}", r"\1", text)
    text = re.sub(r"\{@[^}]*\}", " ", text)
    text = re.sub(r"<pre>.*?</pre>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def javadoc_comments():
    with zipfile.ZipFile(JDK_SRC) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".java") or "/internal/" in name or "/sun/" in name:
                continue
            if not name.startswith(("java.base/java/", "java.sql/", "java.net.http/", "java.xml/javax/",
                                    "java.desktop/java/", "java.logging/", "java.compiler/javax/")):
                continue
            src = z.read(name).decode("utf-8", "replace")
            for m in _JAVADOC.finditer(src):
                text = clean_javadoc(m.group(1))
                if words(text) >= MIN_DOC_WORDS + 8:
                    yield name, text


# ---------------------------------------------------------------- assembling the pairs
class Builder:
    def __init__(self, rng):
        self.rng = rng
        self.docs = []
        self.queries = []
        self.counts = {}
        self.seen_docs = set()
        self.groups = 0

    def new_group(self):
        self.groups += 1
        return self.groups

    def add_doc(self, source, text, group, pool=True):
        text = clip(text)
        key = text.lower()
        if pool and key in self.seen_docs:
            return None
        if pool:
            self.seen_docs.add(key)
        self.docs.append({"id": len(self.docs), "group": group, "source": source, "text": text, "pool": pool})
        return len(self.docs) - 1

    def add_query(self, source, text, pos):
        text = re.sub(r"\s+", " ", text).strip()
        if not text or pos is None:
            return
        self.queries.append({"id": len(self.queries), "source": source, "text": text, "pos": pos})
        self.counts[source] = self.counts.get(source, 0) + 1

    def add_inverse_cloze(self, source, text, group):
        """One sentence of the passage as the query, the passage without that sentence as the positive."""
        sentences = textutil.sentences(text)
        if len(sentences) < 3:
            return
        candidates = [i for i, s in enumerate(sentences) if 6 <= words(s) <= 40]
        if not candidates:
            return
        i = self.rng.choice(candidates)
        rest = " ".join(s for j, s in enumerate(sentences) if j != i)
        if words(rest) < MIN_DOC_WORDS:
            return
        self.add_query(source + "-cloze", sentences[i], self.add_doc(source + "-cloze", rest, group, pool=False))


def collect(args):
    rng = random.Random(args.seed)
    b = Builder(rng)

    families = set()
    for pkg, short, paragraphs in debian_descriptions():
        body = " ".join(paragraphs)
        family = paragraphs[0][:160].lower()
        if family in families or words(body) < MIN_DOC_WORDS:
            continue  # lib/-dev/-doc packages of one source repeat the same first paragraph
        families.add(family)
        group = b.new_group()
        doc = b.add_doc("debian", body, group)
        if doc is None:
            continue
        b.add_query("debian", short, doc)
        if rng.random() < args.cloze_fraction:
            b.add_inverse_cloze("debian", body, group)

    man_seen = set()
    for page, names, purpose, desc in man_pages():
        if purpose.lower() in man_seen:
            continue
        man_seen.add(purpose.lower())
        group = b.new_group()
        doc = b.add_doc("man", desc, group)
        if doc is None:
            continue
        # Half the queries name the command as well, as users do ("tar create archive").
        query = purpose if rng.random() < 0.5 else names.split(",")[0] + " " + purpose
        b.add_query("man", query, doc)
        if rng.random() < args.cloze_fraction:
            b.add_inverse_cloze("man", desc, group)

    glosses = list(wordnet_glosses())
    rng.shuffle(glosses)
    for lemmas, gloss in glosses[:args.max_wordnet]:
        if words(gloss) < 6:
            continue
        group = b.new_group()
        b.add_query("wordnet", ", ".join(dict.fromkeys(lemmas)), b.add_doc("wordnet", gloss, group))

    for name, base in DICTD.items():
        entries = list(dictd_entries(base))
        rng.shuffle(entries)
        taken = 0
        for headword, body in entries:
            if taken >= args.max_dictionary:
                break
            text = clean_gcide(body) if name == "gcide" else clean_foldoc(body)
            if words(text) < MIN_DOC_WORDS:
                continue
            group = b.new_group()
            doc = b.add_doc(name, text, group)
            if doc is None:
                continue
            taken += 1
            b.add_query(name, headword, doc)
            if name == "foldoc" and rng.random() < args.cloze_fraction:
                b.add_inverse_cloze(name, text, group)

    comments = list(javadoc_comments())
    rng.shuffle(comments)
    for name, text in comments[:args.max_javadoc]:
        sentences = textutil.sentences(text)
        if len(sentences) < 2 or not 4 <= words(sentences[0]) <= 40:
            continue
        rest = " ".join(sentences[1:])
        if words(rest) < MIN_DOC_WORDS:
            continue
        group = b.new_group()
        b.add_query("javadoc", sentences[0], b.add_doc("javadoc", rest, group))

    os.makedirs(args.out, exist_ok=True)
    with gzip.open(os.path.join(args.out, "docs.jsonl.gz"), "wt", encoding="utf-8") as f:
        for d in b.docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with gzip.open(os.path.join(args.out, "queries.jsonl.gz"), "wt", encoding="utf-8") as f:
        for q in b.queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    summary = {"seed": args.seed, "docs": len(b.docs), "pool_docs": sum(d["pool"] for d in b.docs),
               "queries": len(b.queries), "queries_per_source": dict(sorted(b.counts.items()))}
    with open(os.path.join(args.out, "sources.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--cloze-fraction", type=float, default=0.5,
                   help="share of passages that also get an inverse-cloze pseudo-query")
    p.add_argument("--max-wordnet", type=int, default=25000, help="WordNet synsets sampled")
    p.add_argument("--max-dictionary", type=int, default=20000, help="entries sampled per dictd dictionary")
    p.add_argument("--max-javadoc", type=int, default=25000, help="Javadoc comments sampled")
    collect(p.parse_args())


if __name__ == "__main__":
    main()
