"""Custom Rasa graph components referenced from nlu/config.yml (importable by `rasa run` too)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix

from nlu.concepts import concept_matcher
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


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ConceptFeaturizer(SparseFeaturizer, GraphComponent):
    """One sparse feature per need concept (nlu/concepts.py): domain words the sentences never used."""

    @classmethod
    def required_components(cls) -> List[type]:
        return [TrilingualSpacyNLP]

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ConceptFeaturizer":
        return cls(execution_context.node_name, {**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        matcher = concept_matcher()
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            # Rows must line up with SpacyTokenizer's tokens, which skip whitespace tokens.
            hits = matcher.token_hits(doc)[[i for i, t in enumerate(doc) if t.text.strip()]]
            self.add_features_to_message(coo_matrix(hits), coo_matrix(hits.max(axis=0, initial=0.0)[None, :]),
                                         TEXT, message)
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
