"""Cross-validation on the training data only (`triage eval --cv`): for tuning without the held-out set.

It rebuilds the shipped features outside Rasa, which is ~100x faster than training Rasa per fold:
the same folded lookup lemmas from nlu/spacy_pipeline.py, a word CountVectorizer and a char_wb
CountVectorizer over them (what Rasa's CountVectorsFeaturizer does with use_lemma), then
LogisticRegression with class_weight="balanced". Folds are stratified by intent and language.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.sparse import hstack

from flows.types import NEEDS
from nlu.lexicon import DATA_DIR, LANGS, read_examples


def featurize(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """Lemma strings (what the CountVectorsFeaturizers see) and the ConceptFeaturizer's sentence features."""
    from nlu.concepts import concept_matcher
    from nlu.spacy_pipeline import trilingual_nlp

    nlp, matcher = trilingual_nlp(), concept_matcher()
    docs = [nlp(text) for text in texts]
    return ([" ".join(t.lemma_ for t in doc) for doc in docs],
            np.array([matcher.token_hits(doc).max(axis=0, initial=0.0) for doc in docs]))


def run_cv(C: float = 1.0, char_range=(3, 5), word_ngrams=(1, 2), min_df: int = 1, folds: int = 5,
           seed: int = 0, max_iter: int = 300, concepts: bool = True) -> dict[str, tuple[int, int]]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    rows = [(lang, intent, text) for lang in LANGS for intent, text in read_examples(DATA_DIR / f"{lang}.yml")]
    docs, concept_features = _cached_features(tuple(t for _, _, t in rows))
    if not concepts:
        concept_features = concept_features[:, :0]
    y = np.array([i for _, i, _ in rows])
    strata = [f"{l}:{i}" for l, i, _ in rows]
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(docs, strata):
        word = CountVectorizer(token_pattern=r"\S+", ngram_range=word_ngrams, min_df=min_df)
        char = CountVectorizer(analyzer="char_wb", ngram_range=char_range, min_df=min_df)
        tr = [docs[k] for k in train]
        te = [docs[k] for k in test]
        X = hstack([word.fit_transform(tr), char.fit_transform(tr), concept_features[train]]).tocsr()
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=max_iter).fit(X, y[train])
        pred = clf.predict(hstack([word.transform(te), char.transform(te), concept_features[test]]).tocsr())
        for k, p in zip(test, pred):
            lang, intent, _ = rows[k]
            if intent in NEEDS:
                hits[lang][0] += p == intent
                hits[lang][1] += 1
            hits["all intents"][0] += p == intent
            hits["all intents"][1] += 1
    return {k: tuple(v) for k, v in hits.items()}


_FEATURES: dict[tuple, tuple[list[str], np.ndarray]] = {}


def _cached_features(texts: tuple) -> tuple[list[str], np.ndarray]:
    if texts not in _FEATURES:
        _FEATURES[texts] = featurize(list(texts))
    return _FEATURES[texts]


# C=1 with class_weight="balanced" is what Rasa's LogisticRegressionClassifier does (it has no C option).
GRID = [
    {"C": 1.0}, {"C": 10.0}, {"C": 100.0},
    {"C": 1.0, "word_ngrams": (1, 2)}, {"C": 1.0, "char_range": (3, 5)}, {"C": 1.0, "char_range": (2, 6)},
    {"C": 1.0, "char_range": (1, 4)}, {"C": 1.0, "min_df": 2}, {"C": 1.0, "word_ngrams": (1, 2), "char_range": (3, 5)},
]


def report(grid=GRID) -> list[str]:
    lines = ["| setting | " + " | ".join(f"{l} need acc." for l in LANGS) + " | all intents |",
             "|---|" + "---|" * (len(LANGS) + 1)]
    for params in grid:
        r = run_cv(**params)
        pct = lambda h: f"{100 * h[0] / h[1]:.1f}%"  # noqa: E731
        lines.append(f"| {params} | " + " | ".join(pct(r[l]) for l in LANGS) + f" | {pct(r['all intents'])} |")
    return lines




def crisis_thresholds(thresholds=(0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6), C: float = 1.0, folds: int = 5,
                      seed: int = 0) -> list[str]:
    """Model-only crisis decisions by threshold on P(crisis), whatever the top intent: recall on crisis
    examples and false-alarm rate on all other examples, out of fold (training data only)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    rows = [(lang, intent, text) for lang in LANGS for intent, text in read_examples(DATA_DIR / f"{lang}.yml")]
    docs, _ = _cached_features(tuple(t for _, _, t in rows))
    y = np.array([i for _, i, _ in rows])
    prob = np.zeros(len(rows))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(docs, [f"{l}:{i}" for l, i, _ in rows]):
        word = CountVectorizer(token_pattern=r"\S+")
        char = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5))
        tr = [docs[k] for k in train]
        X = hstack([word.fit_transform(tr), char.fit_transform(tr)]).tocsr()
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=300).fit(X, y[train])
        te = [docs[k] for k in test]
        p = clf.predict_proba(hstack([word.transform(te), char.transform(te)]).tocsr())
        prob[test] = p[:, list(clf.classes_).index("crisis")]
    from nlu.safety import is_crisis

    crisis = y == "crisis"
    net = np.array([is_crisis(t) for _, _, t in rows])
    lines = ["| P(crisis) ≥ (or keyword net) | crisis recall | false alarms on other intents |", "|---|---|---|"]
    for t in thresholds:
        hit = (prob >= t) | net
        lines.append(f"| {t} | {100 * (hit & crisis).sum() / crisis.sum():.1f}% ({(hit & crisis).sum()}/{crisis.sum()}) "
                     f"| {100 * (hit & ~crisis).sum() / (~crisis).sum():.2f}% ({(hit & ~crisis).sum()}/{(~crisis).sum()}) |")
    return lines


if __name__ == "__main__":
    print("\n".join(report()))
    print()
    print("\n".join(crisis_thresholds()))
