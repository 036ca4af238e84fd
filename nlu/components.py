"""Custom Rasa graph components referenced from nlu/config.yml (importable by `rasa run` too)."""
from __future__ import annotations

import json
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix

from nlu.concepts import ConceptMatcher, read_concepts
from nlu.entities import EntityExtractor
from nlu.spacy_pipeline import trilingual_nlp


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="TrilingualSpacyNLP",  # Rasa finds the provider node by class name
)
class TrilingualSpacyNLP(SpacyNLP):
    """SpacyNLP over blank en/es/fr pipelines (nothing to download), picked per message by language."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TrilingualSpacyNLP":
        model = SpacyModel(model=trilingual_nlp(), model_name="blank-en-es-fr-lookup-lemmas")
        return cls(model, {**cls.get_default_config(), **config})


CONCEPTS = "concepts"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class ConceptFeaturizer(SparseFeaturizer, GraphComponent):
    """One sparse feature per concept (nlu/concepts.py): domain words the training sentences never used.

    The word lists are stored in the model when it is trained, so a model keeps the features it was
    trained with even after nlu/concepts/ changes (the parser may serve an older model until retrained).
    """

    FILE = "concepts.json"

    def __init__(self, name: Text, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 concepts: Dict[Text, Dict[Text, List[Text]]] | None = None) -> None:
        super().__init__(name, config)
        self._model_storage, self._resource = model_storage, resource
        self._matcher = ConceptMatcher(concepts, trilingual_nlp().pipelines) if concepts is not None else None

    @classmethod
    def required_components(cls) -> List[type]:
        return [TrilingualSpacyNLP]

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ConceptFeaturizer":
        return cls(execution_context.node_name, {**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ConceptFeaturizer":
        with model_storage.read_from(resource) as directory:
            concepts = json.loads((directory / cls.FILE).read_text(encoding="utf-8"))
        return cls(execution_context.node_name, {**cls.get_default_config(), **config}, model_storage, resource, concepts)

    def train(self, training_data: TrainingData) -> Resource:
        concepts = read_concepts()
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.FILE).write_text(json.dumps(concepts, ensure_ascii=False), encoding="utf-8")
        self._matcher = ConceptMatcher(concepts, trilingual_nlp().pipelines)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            # Rows must line up with SpacyTokenizer's tokens, which skip whitespace tokens.
            hits = self._matcher.token_hits(doc)[[i for i, t in enumerate(doc) if t.text.strip()]]
            self.add_features_to_message(coo_matrix(hits), coo_matrix(hits.max(axis=0, initial=0.0)[None, :]),
                                         TEXT, message)
            # In the parse output too: the parser names the need of "rent help, can I talk to someone".
            message.set(CONCEPTS, self._matcher.names_of(hits), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RuleEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds location / household / urgency / language_choice entities found by nlu/entities.py."""

    def __init__(self) -> None:
        self.extractor = EntityExtractor(trilingual_nlp().pipelines)

    @classmethod
    def required_components(cls) -> List[type]:
        return [TrilingualSpacyNLP]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RuleEntityExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            entities = self.add_extractor_name(self.extractor.extract(doc))
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ServingLogisticRegression(LogisticRegressionClassifier):
    """Rasa's LogisticRegressionClassifier, with its weights laid out for one message at a time.

    scikit-learn scores a sparse row against coef_.T, and copies the whole weight matrix on every call
    unless coef_ is Fortran-ordered: that copy was 1.3 ms of a 3.5 ms parse. Same numbers, less time.
    """

    def _serving_layout(self) -> None:
        if hasattr(self.clf, "coef_"):
            self.clf.coef_ = np.asfortranarray(self.clf.coef_)

    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        self._serving_layout()
        return resource

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> "ServingLogisticRegression":
        component = super().load(*args, **kwargs)
        component._serving_layout()
        return component
