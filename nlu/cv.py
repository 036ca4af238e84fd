"""Cross-validation on the training data only (`triage eval --cv`): for tuning without the held-out sets.

It rebuilds the shipped features outside Rasa, which is ~100x faster than training Rasa per fold:
the same folded lookup lemmas from nlu/spacy_pipeline.py, a word CountVectorizer and a char_wb
CountVectorizer over them (what Rasa's CountVectorsFeaturizer does with use_lemma), the concept
features of nlu/concepts.py, then LogisticRegression with class_weight="balanced" (Rasa's settings).
Folds are stratified by intent and language.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix, hstack

from flows.types import NEEDS
from nlu.lexicon import LANGS, examples_in


def featurize(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """Lemma strings (what the CountVectorsFeaturizers see) and the ConceptFeaturizer's sentence features."""
    from nlu.concepts import concept_matcher
    from nlu.spacy_pipeline import trilingual_nlp

    nlp, matcher = trilingual_nlp(), concept_matcher()
    docs = [nlp(text) for text in texts]
    return ([" ".join(t.lemma_ for t in doc) for doc in docs],
            np.array([matcher.token_hits(doc).max(axis=0, initial=0.0) for doc in docs]))


@lru_cache(maxsize=1)
def training_rows() -> tuple[list[tuple[str, str, str]], list[str], np.ndarray]:
    """(language, intent, text) rows of nlu/data/, their lemma strings and concept features."""
    rows = examples_in()
    return (rows, *featurize([t for _, _, t in rows]))


def out_of_fold(C: float = 1.0, char_range=(3, 5), word_ngrams=(1, 2), min_df: int = 1, folds: int = 5,
                seed: int = 0, max_iter: int = 300, concepts: bool = True) -> tuple[np.ndarray, list[str]]:
    """Each training example's intent probabilities from a model that never saw it, and the class order."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    rows, docs, concept_features = training_rows()
    extra = csr_matrix(concept_features if concepts else concept_features[:, :0])
    y = np.array([i for _, i, _ in rows])
    classes = sorted(set(y))
    prob = np.zeros((len(rows), len(classes)))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(docs, [f"{l}:{i}" for l, i, _ in rows]):
        word = CountVectorizer(token_pattern=r"\S+", ngram_range=word_ngrams, min_df=min_df)
        char = CountVectorizer(analyzer="char_wb", ngram_range=char_range, min_df=min_df)
        tr = [docs[k] for k in train]
        te = [docs[k] for k in test]
        X = hstack([word.fit_transform(tr), char.fit_transform(tr), extra[train]]).tocsr()
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=max_iter).fit(X, y[train])
        prob[test] = clf.predict_proba(hstack([word.transform(te), char.transform(te), extra[test]]).tocsr())
    return prob, classes


def run_cv(**params) -> dict[str, tuple[int, int]]:
    """(right, total) per language on need intents, and over all intents."""
    rows = training_rows()[0]
    prob, classes = out_of_fold(**params)
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (lang, intent, _), p in zip(rows, prob):
        right = classes[int(p.argmax())] == intent
        if intent in NEEDS:
            hits[lang][0] += right
            hits[lang][1] += 1
        hits["all intents"][0] += right
        hits["all intents"][1] += 1
    return {k: tuple(v) for k, v in hits.items()}


# C=1 with class_weight="balanced" is what Rasa's LogisticRegressionClassifier does (it has no C option).
GRID = [
    {}, {"concepts": False}, {"C": 10.0}, {"word_ngrams": (1, 1)}, {"char_range": (2, 5)}, {"char_range": (2, 6)},
    {"min_df": 2},
]


def report(grid=GRID) -> list[str]:
    lines = ["| setting (default: C=1, word 1–2-grams, char 3–5-grams, concepts) | "
             + " | ".join(f"{l} need acc." for l in LANGS) + " | all intents |", "|---|" + "---|" * (len(LANGS) + 1)]
    for params in grid:
        r = run_cv(**params)
        pct = lambda h: f"{100 * h[0] / h[1]:.1f}%"  # noqa: E731
        lines.append(f"| {params or 'shipped'} | " + " | ".join(pct(r[l]) for l in LANGS) + f" | {pct(r['all intents'])} |")
    return lines


def crisis_thresholds(thresholds=(0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)) -> list[str]:
    """Crisis called as nlu/parser.py does: P(crisis) ≥ threshold whatever the top intent, crisis ranked first
    above the parser's floor, or the keyword net (flows/keywords.yml) matches. Recall on crisis examples and
    false alarms on all others, out of fold."""
    from nlu.parser import MIN_CONFIDENCE
    from nlu.safety import is_crisis

    rows = training_rows()[0]
    prob, classes = out_of_fold()
    k = classes.index("crisis")
    y = np.array([i for _, i, _ in rows])
    crisis = y == "crisis"
    net = np.array([is_crisis(t) for _, _, t in rows])
    net |= (prob.argmax(axis=1) == k) & (prob[:, k] >= MIN_CONFIDENCE)
    lines = ["| P(crisis) ≥ (or ranked first, or keyword net) | crisis recall | false alarms on other intents |", "|---|---|---|"]
    for t in thresholds:
        hit = (prob[:, k] >= t) | net
        lines.append(f"| {t} | {100 * (hit & crisis).sum() / crisis.sum():.1f}% "
                     f"({(hit & crisis).sum()}/{crisis.sum()}) | {100 * (hit & ~crisis).sum() / (~crisis).sum():.2f}% "
                     f"({(hit & ~crisis).sum()}/{(~crisis).sum()}) |")
    return lines


if __name__ == "__main__":
    print("\n".join(report()))
    print()
    print("\n".join(crisis_thresholds()))
