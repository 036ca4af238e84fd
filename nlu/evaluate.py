"""`triage eval`: held-out accuracy, crisis safety, language ID, latency, targets, pipeline comparisons.

The held-out sets of HELDOUT_SETS (nlu/heldout_sets.py), never trained on (the newest is the blind one). Baselines are
trained on the same nlu/data/ into a temporary directory and scored on the raw model intent; the
shipped figures go through the full parser (crisis net, unknown handling), and the product-level
crisis figures add the flows' own keyword net (flows/keywords.yml), as a caller would meet them.
The report holds aggregates only: no held-out text is written to it or to stdout.
"""
from __future__ import annotations

import statistics
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from flows.text import fold
from flows.types import NEEDS
from nlu.backends import InProcessBackend
from nlu.heldout_sets import HELDOUT_SETS, HeldoutSet
from nlu.lexicon import LANGS
from nlu.parser import Parser
from nlu.safety import crisis_net
from nlu.train import CONFIG, NLU_DIR, content_hash, ensure_model, train, training_files

SHIPPED_PIPELINE = yaml.safe_load(CONFIG.read_text())["pipeline"]
# Variants that justify each pipeline choice; the first is Rasa's own default NLU pipeline.
VARIANTS = {
    "Rasa default pipeline (DIET and ResponseSelector at 30 epochs instead of 100)": None,
    "shipped, but WhitespaceTokenizer instead of spaCy": [
        {"name": "WhitespaceTokenizer"}, *[p for p in SHIPPED_PIPELINE[2:] if p["name"] == "CountVectorsFeaturizer"],
        *SHIPPED_PIPELINE[-2:-1]],
    "shipped, but no char n-grams": [p for p in SHIPPED_PIPELINE if p.get("analyzer") != "char_wb"],
    "shipped, but no concept features": [p for p in SHIPPED_PIPELINE if p["name"] != "nlu.components.ConceptFeaturizer"],
}
TARGETS = {"need accuracy": 95.0, "look-alike false alarms": 10.0, "language ID 1–12 words": 99.0,
           "language ID 1–3 words": 95.0, "parse p99 (ms)": 20.0, "model load (s)": 10.0}




def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f}% ({hits}/{total})" if total else "n/a"


def _rate(hits: int, total: int) -> float:
    return 100 * hits / total if total else 0.0


def _config_for(pipeline: list | None, directory: Path) -> Path:
    if pipeline is None:
        import rasa.engine.recipes

        defaults = Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"
        config = yaml.safe_load(defaults.read_text())
        config.update(language="xx", policies=[])
        # 100 epochs take over half an hour on 2 cores: 30 keep the comparison in a session (a lower bound for DIET).
        for component in config["pipeline"]:
            if "epochs" in component:
                component["epochs"] = 30
    else:
        config = {**yaml.safe_load(CONFIG.read_text()), "pipeline": pipeline}
    path = directory / f"config-{abs(hash(str(pipeline)))}.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def _raw_accuracy(backend, data) -> dict[str, tuple[int, int]]:
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for lang, intent, text in data:
        if intent in NEEDS:
            by_lang[lang][0] += backend.parse(text)["intent"]["name"] == intent
            by_lang[lang][1] += 1
    return {lang: tuple(v) for lang, v in by_lang.items()}


class BaselineMismatch(ValueError):
    """A baseline JSON scored on other held-out sets than the report's."""


def _baseline_json(path: str, sets: list[HeldoutSet]) -> list[str]:
    """A baseline trained and scored elsewhere (e.g. in the background; aggregates only)."""
    import json

    data = json.loads(Path(path).read_text())
    if data.get("sets", [s.key for s in sets]) != [s.key for s in sets]:
        raise BaselineMismatch(f"{path} scored sets {data['sets']}, this report {[s.key for s in sets]}")
    if data.get("training_data", _training_data()) != _training_data():
        raise BaselineMismatch(f"{path} was trained on other training data than nlu/data/ holds now")
    return [f"| {data.get('name', 'Rasa default pipeline')} | "
            + " | ".join(_pct(*data[lang]) for lang in LANGS) + f" | {data['train_seconds']:.0f} s |"]


def write_default_baseline(path: str, heldout: tuple[str, ...] = ()) -> None:
    """Train Rasa's default pipeline, score it as the comparison does and write the JSON `--baseline-json`
    reads: the slow part of the report, run apart (e.g. in the background while the rest is worked on)."""
    import json

    name, sets = next(iter(VARIANTS)), _sets(heldout)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        model = train(Path(tmp), _config_for(VARIANTS[name], Path(tmp)), name="default")
        seconds = time.monotonic() - t0
        accuracy = _raw_accuracy(InProcessBackend(model, timeout=30.0), [row for s in sets for row in s.utterances()])
    Path(path).write_text(json.dumps({"name": name, "train_seconds": seconds, "sets": [s.key for s in sets],
                                      "training_data": _training_data(),
                                      **{lang: list(accuracy[lang]) for lang in LANGS}}))


def _training_data() -> str:
    return content_hash(training_files())


def fresh_load_seconds(model: Path) -> tuple[float, float]:
    """(imports, model load incl. language ID and a first parse) in a new process, as a worker starts.

    Imports include Rasa's agent (TensorFlow) and spaCy's three languages: importing spaCy's French
    compiles its tokenizer's hyphenated-word regex (~4 s here), whatever model is loaded after."""
    import subprocess
    import sys

    code = ("import sys, time\nt0 = time.perf_counter()\nfrom nlu.parser import Parser\nfrom nlu.backends import InProcessBackend\n"
            "from nlu import langid\nimport rasa.core.agent, spacy.lang.en, spacy.lang.es, spacy.lang.fr\n"
            "t1 = time.perf_counter()\nlangid.preload()\n"
            "Parser(InProcessBackend(sys.argv[1], 30.0)).parse('hello')\nprint(t1 - t0, time.perf_counter() - t1)")
    out = subprocess.run([sys.executable, "-c", code, str(model)], capture_output=True, text=True, check=True,
                         cwd=NLU_DIR.parent, timeout=300).stdout.split()
    return float(out[-2]), float(out[-1])


class Evaluation:
    """Scores held-out sets with one loaded model; keeps the figures the targets table needs."""

    def __init__(self, parser: Parser):
        self.parser = parser
        self.net = crisis_net()
        self.latencies: list[float] = []
        self.figures: dict[tuple[str, str, str], float] = {}  # (set, figure, language) -> percent

    def _parse(self, text: str):
        t0 = time.perf_counter()
        result = self.parser.parse(text)
        self.latencies.append(time.perf_counter() - t0)
        return result

    def section(self, heldout: HeldoutSet, robustness: bool) -> list[str]:
        data = heldout.utterances()
        results = [(lang, intent, text, self._parse(text)) for lang, intent, text in data]
        trained = heldout.trained_count()
        lines = [f"## Held-out set {heldout.name}", "", heldout.about, "",
                 *([f"{trained} message(s) of this set are also in the training data word for word (up to case, "
                    "accents and punctuation), written independently; they are left out of every figure.", ""]
                   if trained else []),
                 "### Intent / need accuracy (shipped model, full parser, no language hint)", "",
                 "| language | need accuracy (need intents) | all intents | crisis recall, NLU | crisis recall, NLU + flows net |",
                 "|---|---|---|---|---|"]
        for lang in LANGS:
            mine = [(i, t, r) for l, i, t, r in results if l == lang]
            needs = [(i, r) for i, _, r in mine if i in NEEDS]
            crisis = [(t, r) for i, t, r in mine if i == "crisis"]
            need_hits = sum(r.intent == i for i, r in needs)
            product = sum(self.net.is_crisis(t, r) for t, r in crisis)
            if needs:
                self.figures[(heldout.name, "need accuracy", lang)] = _rate(need_hits, len(needs))
                self.figures[(heldout.name, "crisis recall", lang)] = _rate(product, len(crisis))
            lines.append(f"| {lang} | {_pct(need_hits, len(needs))} | {_pct(sum(r.intent == i for i, _, r in mine), len(mine))} | "
                         f"{_pct(sum(r.intent == 'crisis' for _, r in crisis), len(crisis))} | {_pct(product, len(crisis))} |")
        others = [(t, r) for _, i, t, r in results if i != "crisis"]
        lines += ["", f"Non-crisis utterances the flows would treat as crisis (NLU + net): "
                      f"{_pct(sum(self.net.is_crisis(t, r) for t, r in others), len(others))}.",
                  "", "| need | accuracy (en+es+fr) |", "|---|---|"]
        for need in NEEDS:
            rows = [r for _, i, _, r in results if i == need]
            lines.append(f"| {need} | {_pct(sum(r.intent == need for r in rows), len(rows))} |")
        confusions = Counter((i, r.intent) for _, i, _, r in results if r.intent != i)
        lines += ["", "### Confusion pairs (expected -> got, count)", ""]
        lines += [f"- {a} -> {b}: {n}" for (a, b), n in confusions.most_common(20)] or ["- none"]

        if robustness:
            lines += ["", "### Robustness (need intents, same texts transformed)", "", "| variant | accuracy |", "|---|---|"]
            for name, transform in (("accents stripped", strip_accents), ("ALL CAPS", str.upper),
                                    ("lower case, no accents, no punctuation", lambda t: "".join(
                                        c for c in fold(t) if c.isalnum() or c.isspace()))):
                rows = [(i, self.parser.parse(transform(t))) for _, i, t, _ in results if i in NEEDS]
                lines.append(f"| {name} | {_pct(sum(r.intent == i for i, r in rows), len(rows))} |")

        lookalikes = heldout.lookalikes()
        lines += ["", "### Crisis look-alikes (must not be crisis)", "",
                  "| language | NLU says crisis | flows would treat as crisis (NLU + net) |", "|---|---|---|"]
        for lang in LANGS:
            parsed = [(t, self._parse(t)) for t in lookalikes.get(lang, [])]
            product = sum(self.net.is_crisis(t, r) for t, r in parsed)
            if parsed:
                self.figures[(heldout.name, "look-alike false alarms", lang)] = _rate(product, len(parsed))
            lines.append(f"| {lang} | {sum(r.intent == 'crisis' for _, r in parsed)} / {len(parsed)} | {product} / {len(parsed)} |")
        return lines

    def language_id(self, samples: list[tuple[str, str]]) -> list[str]:
        from nlu.langid_eval import report_lines

        lines, buckets = report_lines(samples)  # the shipped detector runs once over the samples
        for figure, bucket in (("language ID 1–3 words", "1-3"), ("language ID 1–12 words", "1-12")):
            self.figures[("all sets", figure, "")] = _rate(*buckets[bucket][:2])
        return lines

    def speed(self, model: Path) -> list[str]:
        latencies = sorted(self.latencies)
        p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000
        imports, load_seconds = fresh_load_seconds(model)
        self.figures[("all sets", "parse p99 (ms)", "")] = p99
        self.figures[("all sets", "model load (s)", "")] = load_seconds
        return ["## Speed (this machine, 2 cores)", "",
                f"- model load in a new process (Agent.load incl. spaCy lookup tables, language ID preload and a "
                f"first parse): {load_seconds:.1f} s; before it, imports (Rasa and TensorFlow, spaCy's three "
                f"languages, lingua): {imports:.1f} s; a worker answers after {imports + load_seconds:.1f} s",
                f"- parse latency in-process over {len(latencies)} held-out texts: "
                f"p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99:.1f} ms"]

    def targets(self, set_names: list[str]) -> list[str]:
        def row(goal: str, where: str, values: list[float | None], met) -> str:
            known = [v for v in values if v is not None]  # a set may lack a language
            return (f"| {goal} | {where} | " + " | ".join("–" if v is None else f"{v:.1f}" for v in values)
                    + f" | {'yes' if known and met(known) else '**no**'} |")

        lines = ["## Status against the targets", "", "| target | held-out set | en | es | fr | met |", "|---|---|---|---|---|---|"]
        for name in set_names:
            need, recall, alarms = ([self.figures.get((name, f, lang)) for lang in LANGS]
                                    for f in ("need accuracy", "crisis recall", "look-alike false alarms"))
            lines += [row("need accuracy ≥ 95 %", name, need, lambda v: min(v) >= TARGETS["need accuracy"]),
                      row("crisis recall = 100 % (NLU + flows net)", name, recall, lambda v: min(v) == 100),
                      row("look-alikes treated as crisis ≤ 10 %", name, alarms,
                          lambda v: max(v) <= TARGETS["look-alike false alarms"])]
        lines += ["", "| target | measured | met |", "|---|---|---|"]
        for figure, limit in TARGETS.items():
            value = self.figures.get(("all sets", figure, ""))
            if value is not None:
                met = value <= limit if figure.startswith(("parse", "model")) else value >= limit
                sign = "≤" if figure.startswith(("parse", "model")) else "≥"
                lines.append(f"| {figure} {sign} {limit:g} | {value:.1f} | {'yes' if met else '**no**'} |")
        return lines


def _sets(heldout: tuple[str, ...]) -> list[HeldoutSet]:
    return [s for s in HELDOUT_SETS if (s.directory / f"{LANGS[0]}.yml").exists() and (not heldout or s.key in heldout)]


def run(report_path: str, baselines: bool = True, cv: bool = False, baseline_json: str | None = None,
        preamble: str = "", heldout: tuple[str, ...] = ()) -> str:
    sets = _sets(heldout)
    baseline_rows = _baseline_json(baseline_json, sets) if baseline_json else []  # checked before the long part
    model = ensure_model()
    evaluation = Evaluation(Parser(InProcessBackend(model, timeout=30.0)))

    body: list[str] = []
    for k, heldout in enumerate(sets):
        body += evaluation.section(heldout, robustness=k == 0) + [""]
    # A request for a language ("english please" from a French speaker) is in the language it names, and
    # the flows switch on the name itself: scoring it against the writer's language would count a right
    # answer as wrong.
    samples = [(lang, text) for s in sets for lang, intent, text in s.utterances() if intent != "choose_language"]
    body += evaluation.language_id(samples) + [""] + evaluation.speed(model)

    if cv:
        from nlu.cv import report as cv_report

        body += ["", "## Tuning by 5-fold cross-validation on the training data (nlu/cv.py; no held-out data)", "",
                 *cv_report()]
    data = [row for s in sets for row in s.utterances()]
    if baseline_json or baselines:
        body += ["", "## Pipeline comparison (same training data; raw model intent on need intents, all held-out sets)", "",
                 "| pipeline | en | es | fr | training time |", "|---|---|---|---|---|"]
        with tempfile.TemporaryDirectory() as tmp:
            # A default pipeline scored elsewhere (--baseline-json) is not trained again here.
            variants = {name: p for name, p in VARIANTS.items() if p is not None or not baseline_json}
            candidates = {"shipped (nlu/config.yml)": SHIPPED_PIPELINE, **(variants if baselines else {})}
            for name, pipeline in candidates.items():
                t0 = time.monotonic()
                path = train(Path(tmp), _config_for(pipeline, Path(tmp)), name=f"m{abs(hash(name))}")
                seconds = time.monotonic() - t0
                accuracy = _raw_accuracy(InProcessBackend(path, timeout=30.0), data)
                body.append(f"| {name} | " + " | ".join(_pct(*accuracy[lang]) for lang in LANGS) + f" | {seconds:.0f} s |")
        body += baseline_rows

    lines = ["# NLU evaluation", "", "Generated by `triage eval` (nlu/evaluate.py); aggregates only, no held-out text.", ""]
    if preamble:
        lines += [preamble, ""]
    lines += evaluation.targets([s.name for s in sets]) + [""] + body
    notes = Path(__file__).with_name("eval_notes.md")
    report = "\n".join(lines) + "\n\n" + notes.read_text(encoding="utf-8")
    Path(report_path).write_text(report, encoding="utf-8")
    return report
