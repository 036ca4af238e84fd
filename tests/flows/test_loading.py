"""The flow data is checked at start: a typo fails load_engine with the file and the key named."""
import shutil
from pathlib import Path

import pytest

from flows.engine import FlowConfigError, load_engine
from flows.loader import KEYWORDS_FILE, PROMPTS_DIR, TREES_DIR


@pytest.fixture
def data(tmp_path):
    trees, prompts = tmp_path / "trees", tmp_path / "prompts"
    shutil.copytree(TREES_DIR, trees)
    shutil.copytree(PROMPTS_DIR, prompts)
    return trees, prompts


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_flows_load(engine):
    assert set(engine.data.needs) == {"shelter", "housing", "eviction", "rent", "utilities", "property_tax",
                                      "landlord", "food", "mental_health", "substance_use", "employment",
                                      "transportation", "childcare"}


def test_next_to_missing_node_names_file_node_and_target(data):
    trees, prompts = data
    edit(trees / "housing.yml", 'next: "@slots"}', "next: eviction_stgae}")
    with pytest.raises(FlowConfigError, match=r"housing\.yml: node 'eviction_stage' choice 1: next 'eviction_stgae'"):
        load_engine(trees, prompts)


def test_misspelt_field_fails_schema_check(data):
    trees, prompts = data
    edit(trees / "work.yml", "prompt: work.question", "promt: work.question")
    with pytest.raises(FlowConfigError, match=r"work\.yml: at nodes/work_kind"):
        load_engine(trees, prompts)


def test_crisis_pattern_that_does_not_compile_names_its_place(data, tmp_path):
    trees, prompts = data
    keywords = tmp_path / "keywords.yml"
    shutil.copy(KEYWORDS_FILE, keywords)
    edit(keywords, "    - 'suicide squad'", "    - 'suicide (squad'")
    with pytest.raises(FlowConfigError, match=r"keywords\.yml: at crisis_figurative/en/0: .* is not a 'regex'"):
        load_engine(trees, prompts, keywords)


def test_prompt_missing_in_one_language(data):
    trees, prompts = data
    edit(prompts / "fr.yml", 'rent.question: "Quelle aide pour le loyer?"\n', "")
    with pytest.raises(FlowConfigError, match=r"fr\.yml: prompt 'rent\.question' is missing"):
        load_engine(trees, prompts)


def test_prompt_key_used_by_tree_but_absent_everywhere(data):
    trees, prompts = data
    edit(trees / "basic_needs.yml", "label: food.today", "label: food.tonight")
    with pytest.raises(FlowConfigError, match=r"en\.yml: prompt 'food\.tonight' is missing \(used by basic_needs\.yml"):
        load_engine(trees, prompts)


def test_placeholder_mismatch_between_languages(data):
    trees, prompts = data
    edit(prompts / "es.yml", "cerca de {location}", "cerca de {lugar}")
    with pytest.raises(FlowConfigError, match=r"es\.yml: prompt 'lookup\.none' has placeholders"):
        load_engine(trees, prompts)


def test_broken_yaml_syntax(data):
    trees, prompts = data
    (trees / "work.yml").write_text("family: work\nnodes: [unclosed\n", encoding="utf-8")
    with pytest.raises(FlowConfigError, match=r"work\.yml: not valid YAML"):
        load_engine(trees, prompts)


def test_need_without_a_tree(data):
    trees, prompts = data
    (trees / "work.yml").unlink()
    with pytest.raises(FlowConfigError, match="no tree handles the need.*employment"):
        load_engine(trees, prompts)


def test_need_defined_twice(data):
    trees, prompts = data
    edit(trees / "work.yml", "needs:\n", "needs:\n  food: {entry: \"@slots\", slots: [location]}\n")
    with pytest.raises(FlowConfigError, match=r"work\.yml: need 'food' is already handled by the basic_needs tree"):
        load_engine(trees, prompts)
