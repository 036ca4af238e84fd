"""Language-ID figures: the evaluation report's section, and the tuning of nlu/langid.py.

`report_lines(samples)` is what `triage eval` prints for its held-out sets (aggregates only).
`python -m nlu.langid_eval` prints the same table for the training data, scored out-of-fold, and for
the short-message dev set nlu/langid_dev.yml; `--tune` adds the grid that chose langid's weights.
Neither reads nlu/heldout*/.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from nlu import langid
from nlu.lexicon import LANGS, Lexicon, examples_in, lexicon, message_key

DEV_SET = Path(__file__).parent / "langid_dev.yml"
# Ablations of the shipped detector: each row drops one piece.
METHODS = {
    "shipped: lingua + langdetect + training-data lexicon + shared-reply rule": langid.VOTERS,
    "without the shared-reply rule": ("lingua", "langdetect", "lexicon"),
    "without langdetect": ("lingua", "lexicon", "replies"),
    "without lingua (the first round's detector, + shared-reply rule)": ("langdetect", "lexicon", "replies"),
    "lingua only (en/es/fr)": ("lingua",),
    "training-data lexicon only": ("lexicon",),
}
FOLDS = 5


def _pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f}% ({hits}/{total})" if total else "n/a"


def _buckets(golds, answers, texts) -> dict[str, list[int]]:
    """[right, total, unsure] for 1–3 words, 1–12 words and all; "unsure" counts as wrong."""
    out = {"1-3": [0, 0, 0], "1-12": [0, 0, 0], "all": [0, 0, 0]}
    for gold, got, text in zip(golds, answers, texts):
        n = len(text.split())
        for name, inside in (("1-3", n <= 3), ("1-12", n <= 12), ("all", True)):
            if inside:
                out[name][0] += got == gold
                out[name][1] += 1
                out[name][2] += got == langid.UNSURE
    return out


def _table(samples, lexicons=None) -> tuple[list[str], dict[str, list[int]]]:
    """One row per method, and the shipped detector's buckets (see _buckets); `lexicons` (one per sample)
    scores each text with a lexicon that never saw it."""
    golds, texts = [g for g, _ in samples], [t for _, t in samples]
    lexicons = lexicons or [None] * len(samples)
    lines = ["| method | 1–3 words | 1–12 words | all | unsure (1–3 words) | wrong language (1–3 words) |",
             "|---|---|---|---|---|---|"]
    for name, voters in METHODS.items():
        answers = [langid.detect(t, voters=voters, lex=lex)[0] for t, lex in zip(texts, lexicons)]
        b = _buckets(golds, answers, texts)
        if voters == langid.VOTERS:
            shipped, shipped_buckets = answers, b
        wrong = b['1-3'][1] - b['1-3'][0] - b['1-3'][2]
        lines.append(f"| {name} | {_pct(*b['1-3'][:2])} | {_pct(*b['1-12'][:2])} | {_pct(*b['all'][:2])} | {b['1-3'][2]} "
                     f"| {wrong} |")
    short = [(g, t, lex, got) for g, t, lex, got in zip(golds, texts, lexicons, shipped) if len(t.split()) <= 3]
    hinted = sum(langid.detect(t, hint=g, lex=lex)[0] == g for g, t, lex, _ in short)
    # "no", "ok", "menu", "STOP": the same whole reply in two or more languages, so no text-only detector
    # can be right about them; the shipped one says "unsure" and the session's language decides.
    own = [(g, got) for g, t, lex, got in short if not (lex or lexicon()).shared_reply(t)]
    own_right = sum(got == g for g, got in own)
    lines += ["", f"With the session's language as hint, 1–3 words (shipped): {_pct(hinted, len(short))}. "
              "\"unsure\" counts as wrong; the flows ask the caller instead of guessing. A wrong language is the "
              "costly error: the caller is answered in a language they did not write in.",
              "", f"1–3 words without a hint, leaving out the {len(short) - len(own)} replies the training data lists "
              f"word for word in two or more languages (\"no\", \"ok\", \"menu\", \"STOP\"; shipped): "
              f"{_pct(own_right, len(own))}."]
    return lines, shipped_buckets


def _preload_cost() -> tuple[float, float]:
    """Seconds and resident MB that preload() costs a fresh process (lingua caches models process-wide)."""
    code = ("import os, time\nfrom nlu import langid\n"
            "rss = lambda: int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2 ** 20\n"
            "r, t = rss(), time.perf_counter()\nlangid.preload()\nprint(time.perf_counter() - t, rss() - r)")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             cwd=Path(__file__).parent.parent, timeout=300).stdout.split()
        return float(out[-2]), float(out[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):  # e.g. no /proc: leave it out
        return float("nan"), float("nan")


def report_lines(samples: list[tuple[str, str]]) -> tuple[list[str], dict[str, list[int]]]:
    """The report's "## Language identification" section for (gold language, text) samples, no hint, and
    the shipped detector's [right, total, unsure] per length bucket ("1-3", "1-12", "all")."""
    build_seconds, build_mb = _preload_cost()
    langid.preload()
    table, buckets = _table(samples)
    lines = ["## Language identification (no session hint unless said)", ""] + table
    latencies = []
    for _, text in samples:
        t0 = time.perf_counter()
        langid.detect(text)
        latencies.append(time.perf_counter() - t0)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000 if latencies else 0.0
    lines += ["", f"- detect() per call over {len(latencies)} texts: p50 {statistics.median(latencies or [0]) * 1000:.2f} ms, "
              f"p99 {p99:.2f} ms",
              f"- `langid.preload()`, once per process (lingua's three models, the lexicon): {build_seconds:.2f} s, "
              f"+{build_mb:.0f} MB resident (fresh process)"]
    return lines, buckets


# ---- tuning (training data out-of-fold + dev set; no held-out data) ---------------------------------

def _fold(lang: str, text: str) -> int:
    # The same reply in two languages may land in different folds: as when a caller's "no" is new text.
    return int(hashlib.md5(f"{lang}\0{message_key(text)}".encode()).hexdigest(), 16) % FOLDS


def out_of_fold() -> tuple[list[tuple[str, str]], list[Lexicon]]:
    """Training samples, each with a lexicon built from the other folds (so it is never scored on its own words)."""
    examples = examples_in()
    lexicons = [Lexicon.from_examples(e for e in examples if _fold(e[0], e[2]) != k) for k in range(FOLDS)]
    return [(lang, text) for lang, _, text in examples], [lexicons[_fold(lang, text)] for lang, _, text in examples]


def dev_set() -> tuple[list[tuple[str, str]], list[str]]:
    data = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    return [(lang, str(t)) for lang in LANGS for t in data[lang]], [str(t) for t in data["ambiguous"]]


def _tune(train, train_lex, dev) -> list[str]:
    """Grid over langid's constants; cost = unsure + 2 × wrong (a wrong language costs a confused caller)."""
    rows = []
    grid = itertools.product((1.0, 1.5, 2.0), (0.03, 0.1, 0.3), (0.5, 0.6, 0.7), (1.5, 2.0, 2.5))
    saved = (langid.LINGUA_WEIGHT, langid.LINGUA_FLOOR, langid.MIN_CONFIDENCE, langid.HINT_BONUS)
    try:
        for weight, floor, threshold, bonus in grid:
            langid.LINGUA_WEIGHT, langid.LINGUA_FLOOR, langid.MIN_CONFIDENCE, langid.HINT_BONUS = weight, floor, threshold, bonus
            short = [(g, t, lex) for (g, t), lex in zip(train, train_lex) if len(t.split()) <= 3] + [(g, t, None) for g, t in dev]
            got = [langid.detect(t, lex=lex)[0] for _, t, lex in short]
            unsure = sum(a == langid.UNSURE for a in got)
            wrong = sum(a not in (g, langid.UNSURE) for (g, _, _), a in zip(short, got))
            hinted = sum(langid.detect(t, hint=g, lex=lex)[0] == g for g, t, lex in short)
            # A caller who switches language (3+ words): the flows follow at confidence 0.9 despite the hint.
            switch = [(g, t, lex) for (g, t), lex in zip(train, train_lex) if len(t.split()) >= 3][::7]
            answers = [langid.detect(t, hint=LANGS[(LANGS.index(g) + 1) % 3], lex=lex) for g, t, lex in switch]
            followed = sum(not (lang == g and conf >= 0.9) for (g, _, _), (lang, conf) in zip(switch, answers))
            rows.append((unsure + 2 * wrong, weight, floor, threshold, bonus, len(short) - unsure - wrong, len(short),
                         unsure, wrong, hinted, followed, len(switch)))
    finally:
        langid.LINGUA_WEIGHT, langid.LINGUA_FLOOR, langid.MIN_CONFIDENCE, langid.HINT_BONUS = saved
    rows.sort()
    best = [r for th in sorted({r[3] for r in rows}) for r in [r for r in rows if r[3] == th][:5]]
    lines = ["| cost | lingua weight | floor | min confidence | hint bonus | right (1–3 words) | unsure | wrong | "
             "right with hint | 3+ words, other language as hint: not followed at 0.9 |", "|---|---|---|---|---|---|---|---|---|---|"]
    for cost, w, f, th, hb, right, total, un, wr, hi, fo, sw in best:
        lines.append(f"| {cost} | {w} | {f} | {th} | {hb} | {_pct(right, total)} | {un} | {wr} | {_pct(hi, total)} | {fo}/{sw} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true", help="also print the grid over langid's constants (a few minutes)")
    args = ap.parse_args()
    train, train_lex = out_of_fold()
    dev, ambiguous = dev_set()
    print(f"## Training data, {FOLDS}-fold (lexicon from the other folds)\n")
    print("\n".join(_table(train, train_lex)[0]))
    print(f"\n## Dev set {DEV_SET.name} (lexicon from all training data)\n")
    print("\n".join(_table(dev)[0]))
    unsure = sum(langid.detect(t)[0] == langid.UNSURE for t in ambiguous)
    hinted = sum(langid.detect(t, hint=h)[0] == h for t in ambiguous for h in LANGS)
    print(f"\nAmbiguous replies: unsure without hint {unsure}/{len(ambiguous)}; "
          f"hint's language with a hint {hinted}/{3 * len(ambiguous)} (no letters, or hint outside the reply's languages, stay unsure)")
    if args.tune:
        print("\n## Grid (1–3 words: training out-of-fold + dev; the 5 cheapest per min confidence)\n")
        print("\n".join(_tune(train, train_lex, dev)))


if __name__ == "__main__":
    main()
