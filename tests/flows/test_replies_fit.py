"""Every question of every tree, in every language, fits in two SMS segments, also when re-asked."""
import pytest

from flows.engine import load_engine
from tests.flows.helpers import Chat, nlu

ENGINE = load_engine()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("node", sorted(n for n in ENGINE.data.nodes if n not in ("confirm", "language")))
def test_question_and_both_retries_fit(engine, node, language):
    chat = Chat(engine, language=language, node=node, slots={"need": "food"})
    first = chat.say("zzz", language, nlu("unknown", None, language, 0.1)).reply
    second = chat.say("zzz", language, nlu("unknown", None, language, 0.1)).reply
    assert first.prompt_keys[0] == "retry.sorry" and second.prompt_keys[0] == "retry.agent"
    assert chat.say("help", language).reply.prompt_keys == ("help.text",)
